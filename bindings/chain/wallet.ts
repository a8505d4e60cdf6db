/**
 * @module chain/wallet — keys and transaction building for name operations. Accounts are P2PKH keys
 * or P2SH m-of-n multisig (the two sender types the naming rules accept), derived with BIP32 from one
 * seed (P2PKH: m/44'/0'/0'/0/i; multisig i: m/45'/0/i/k). `buildTx` funds a fixed output layout from
 * the account's coins and puts the change where the layout says (name ops fix output positions).
 */
import { HDKey } from '@scure/bip32';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fromHex, toHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import { MAINNET_VERSIONS, multisigScript, p2pkhScript, p2shScript, pubkeyToAddress, redeemToAddress, type AddressVersions } from './script.ts';
import { hash160 } from './bytes.ts';
import { publicKey, signP2pkh, signP2shMultisig } from './sign.ts';
import type { Tx, TxOut } from './tx.ts';

export type Account =
  | { kind: 'p2pkh'; address: string; script: Uint8Array; priv: Uint8Array; pub: Uint8Array }
  | { kind: 'p2sh-multisig'; address: string; script: Uint8Array; m: number; privs: Uint8Array[]; pubs: Uint8Array[]; redeem: Uint8Array };

export interface Utxo { txid: string; vout: number; value: bigint; script: Uint8Array }

export function p2pkhAccount(priv: Uint8Array, v: AddressVersions = MAINNET_VERSIONS): Account {
  const pub = publicKey(priv);
  return { kind: 'p2pkh', priv, pub, address: pubkeyToAddress(pub, v), script: p2pkhScript(hash160(pub)) };
}

export function multisigAccount(m: number, privs: Uint8Array[], v: AddressVersions = MAINNET_VERSIONS): Account {
  const pubs = privs.map(publicKey);
  const redeem = multisigScript(m, pubs);
  return { kind: 'p2sh-multisig', m, privs, pubs, redeem, address: redeemToAddress(redeem, v), script: p2shScript(hash160(redeem)) };
}

/** A seed-backed keyring persisted as JSON (`{"seed": hex}`); created on first use. */
export class Keyring {
  private root: HDKey;
  constructor(readonly seed: Uint8Array, readonly versions: AddressVersions = MAINNET_VERSIONS) { this.root = HDKey.fromMasterSeed(seed); }

  static open(path: string, versions?: AddressVersions): Keyring {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify({ seed: toHex(new Uint8Array(randomBytes(32))) }, null, 2) + '\n', { mode: 0o600 });
    }
    const j = JSON.parse(readFileSync(path, 'utf8')) as { seed?: string };
    if (!j.seed) throw new ChainError('E_BAD_WALLET', `${path} has no seed`);
    return new Keyring(fromHex(j.seed), versions);
  }

  p2pkh(i: number): Account { return p2pkhAccount(this.root.derive(`m/44'/0'/0'/0/${i}`).privateKey!, this.versions); }
  multisig(i: number, m = 2, n = 3): Account {
    const privs = Array.from({ length: n }, (_, k) => this.root.derive(`m/45'/0/${i}/${k}`).privateKey!);
    return multisigAccount(m, privs, this.versions);
  }
  /** `N` → P2PKH account N; `msN` → 2-of-3 multisig account N. */
  account(label: string | number): Account {
    const s = String(label);
    if (/^\d+$/.test(s)) return this.p2pkh(Number(s));
    const ms = /^ms(\d+)$/.exec(s);
    if (ms) return this.multisig(Number(ms[1]));
    throw new ChainError('E_BAD_ACCOUNT', `unknown wallet account ${JSON.stringify(s)} (use N or msN)`);
  }
}

export type OutputSpec = TxOut | 'change';

/**
 * Builds and signs a transaction from `from`: `outputs` in order, `'change'` marking where the change
 * goes (appended last when absent). Coins are taken largest first; the change output is kept even when
 * small so that layouts with an exact output count stay valid.
 */
export function buildTx(from: Account, coins: Utxo[], outputs: OutputSpec[], fee: bigint): Tx {
  const need = outputs.reduce((s, o) => s + (o === 'change' ? 0n : o.value), 0n) + fee;
  const sorted = [...coins].sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : 0));
  const picked: Utxo[] = [];
  let sum = 0n;
  for (const c of sorted) { if (sum >= need + 546n) break; picked.push(c); sum += c.value; }
  if (sum < need) throw new ChainError('E_INSUFFICIENT_FUNDS', `${from.address} has ${sum} sat spendable, needs ${need} sat`);
  const change: TxOut = { value: sum - need, script: from.script };
  const outs = outputs.map((o) => (o === 'change' ? change : o));
  if (!outputs.includes('change') && change.value > 0n) outs.push(change);
  const tx: Tx = { version: 1, locktime: 0, ins: picked.map((c) => ({ prevTxid: c.txid, vout: c.vout, script: new Uint8Array(0), sequence: 0xffffffff })), outs };
  picked.forEach((c, i) => signInput(tx, i, from, c.script));
  return tx;
}

export function signInput(tx: Tx, i: number, from: Account, prevScript: Uint8Array): void {
  if (from.kind === 'p2pkh') signP2pkh(tx, i, prevScript, from.priv);
  else signP2shMultisig(tx, i, from.redeem, from.privs.slice(0, from.m));
}
