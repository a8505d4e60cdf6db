/** A tiny transaction builder over a name database, for hand-written rule tests and the fuzzer. */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { applyBlock, createNameDb, type BlockResult, type NameDb, type RuleSet, type TxInput } from '../../bindings/virtualchain/index.ts';
import { ascii, b40Bytes, base58checkEncode, concat, fromHex, hash128Hex, hash160, toHex } from '../../bindings/virtualchain/codec.ts';
import { BURN_SCRIPT } from '../../bindings/virtualchain/networks.ts';

export interface Key { script: string; address: string; pub: string; type: 'pubkeyhash' | 'scripthash' }
export type Out = { script_pubkey: string; value: number };

export class Sim {
  db: NameDb;
  private n = 0;
  constructor(readonly rules: RuleSet) { this.db = createNameDb(rules); }

  get height(): number { return this.db.state.lastBlock + 1; }
  ch(h = this.height - 1): string { return this.db.state.consensus.get(h)!; }

  key(label: string, p2sh = false): Key {
    const priv = sha256(ascii('sim-key-' + label));
    const pub = toHex(secp256k1.getPublicKey(priv, true));
    const h = hash160(fromHex(pub));
    return p2sh
      ? { script: 'a914' + toHex(h) + '87', address: base58checkEncode(this.rules.network.p2shVersion, h), pub, type: 'scripthash' }
      : { script: '76a914' + toHex(h) + '88ac', address: base58checkEncode(this.rules.network.p2pkhVersion, h), pub, type: 'pubkeyhash' };
  }

  out(k: Key | string, value = 5000): Out { return { script_pubkey: typeof k === 'string' ? k : k.script, value }; }
  burn(value: number): Out { return { script_pubkey: BURN_SCRIPT, value }; }

  /** A candidate tx: data = opcode char + payload hex. */
  tx(data: string, sender: Key, outs: Out[], pub: string | null = sender.type === 'pubkeyhash' ? sender.pub : null): TxInput {
    const hex = toHex(ascii('id' + data[0])) + data.slice(1);
    return {
      txid: toHex(sha256(ascii(`tx-${this.n++}`))), vtxindex: 0, op_return_hex: hex,
      senders: [{ script_pubkey: sender.script, script_type: sender.type, addresses: [sender.address], amount: null }],
      sender_pubkey: pub, outputs: [{ script_pubkey: '6a' + (hex.length / 2).toString(16).padStart(2, '0') + hex, value: 0 }, ...outs], fee: null,
    };
  }

  block(...txs: TxInput[]): BlockResult {
    txs.forEach((t, i) => (t.vtxindex = i + 1));
    return applyBlock(this.db, this.height, txs);
  }
  empty(n = 1): void { for (let i = 0; i < n; i++) this.block(); }

  // ---- op builders ----
  nsPreorder(ns: string, sender: Key, revealer: Key, fee: number, ch = this.ch()): TxInput {
    const ph = toHex(hash160(concat(b40Bytes(ns), fromHex(sender.script), ascii(revealer.address))));
    return this.tx('*' + ph + ch, sender, [this.out(sender), this.burn(fee)]);
  }
  reveal(ns: string, sender: Key, revealer: Key, o: { lifetime?: number; version?: number; outs?: Out[] } = {}): TxInput {
    const payload = (o.lifetime ?? 52595).toString(16).padStart(8, '0') + 'fa04' + '6543210000000000' + 'aa'
      + (o.version ?? 1).toString(16).padStart(4, '0') + toHex(ascii(ns));
    return this.tx('&' + payload, sender, o.outs ?? [this.out(revealer), this.out(sender)]);
  }
  ready(ns: string, sender: Key): TxInput { return this.tx('!' + toHex(ascii('.' + ns)), sender, [this.out(sender)]); }
  importName(name: string, importer: Key, to: Key, vh = '11'.repeat(20)): TxInput {
    return this.tx(';' + toHex(ascii(name)), importer, [this.out(to), this.out('76a914' + vh + '88ac'), this.out(importer)]);
  }
  preorder(name: string, sender: Key, recipient: Key, fee: number, ch = this.ch(), outs?: Out[]): TxInput {
    const ph = toHex(hash160(concat(b40Bytes(name), fromHex(sender.script), ascii(recipient.address))));
    return this.tx('?' + ph + ch, sender, outs ?? [this.out(sender), this.burn(fee)]);
  }
  register(name: string, sender: Key, recipient: Key): TxInput {
    return this.tx(':' + toHex(ascii(name)), sender, [this.out(recipient), this.out(sender)]);
  }
  renew(name: string, owner: Key, fee: number | null, recipient: Key = owner): TxInput {
    const outs = [this.out(recipient), this.out(owner)];
    if (fee !== null) outs.push(this.burn(fee));
    return this.tx(':' + toHex(ascii(name)), owner, outs);
  }
  update(name: string, owner: Key, ch = this.ch(), vh = '22'.repeat(20)): TxInput {
    return this.tx('+' + hash128Hex(name + ch) + vh, owner, [this.out(owner)]);
  }
  transfer(name: string, owner: Key, to: Key, keep = true, ch = this.ch()): TxInput {
    return this.tx('>' + (keep ? '3e' : '7e') + hash128Hex(name) + ch, owner, [this.out(to), this.out(owner)]);
  }
  revoke(name: string, owner: Key): TxInput { return this.tx('~' + toHex(ascii(name)), owner, [this.out(owner)]); }

  /** Namespace `ns` preordered, revealed to `revealer` and readied (3 blocks). */
  setupNamespace(ns: string, creator: Key, revealer: Key, o: { lifetime?: number; fee?: number } = {}): void {
    expect1(this.block(this.nsPreorder(ns, creator, revealer, o.fee ?? 400_000_000)));
    expect1(this.block(this.reveal(ns, creator, revealer, { lifetime: o.lifetime })));
    expect1(this.block(this.ready(ns, revealer)));
  }
  /** Preorder + register `name` to `owner` (2 blocks). */
  registerName(name: string, owner: Key, payer: Key = owner): void {
    expect1(this.block(this.preorder(name, payer, owner, 10_000_000)));
    expect1(this.block(this.register(name, payer, owner)));
  }
}

function expect1(r: BlockResult): void {
  if (!r.verdicts.every((v) => v.accepted)) throw new Error('setup op rejected: ' + JSON.stringify(r.verdicts));
}
