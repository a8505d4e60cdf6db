/**
 * @module chain/script — the few script templates the naming layer uses (Bitcoin Core script/standard.cpp):
 * P2PKH, P2SH, bare m-of-n multisig (as P2SH redeem script), OP_RETURN nulldata, minimal pushes, and
 * base58check addresses. Address versions are a network parameter (mainnet 0x00/0x05 by default: the
 * naming rules record mainnet-style addresses, and the devnet uses them too).
 */
import { b58check as b58c, base58checkEncode } from '../base/base58.ts';
import { concat, hash160, Writer } from './bytes.ts';
import { ChainError } from './errors.ts';

export const OP = { OP_0: 0x00, PUSHDATA1: 0x4c, PUSHDATA2: 0x4d, PUSHDATA4: 0x4e, OP_1: 0x51, DUP: 0x76, EQUAL: 0x87, EQUALVERIFY: 0x88, HASH160: 0xa9, CHECKSIG: 0xac, CHECKMULTISIG: 0xae, RETURN: 0x6a } as const;

export interface AddressVersions { p2pkh: number; p2sh: number }
export const MAINNET_VERSIONS: AddressVersions = { p2pkh: 0x00, p2sh: 0x05 };

/** Minimal push of `data` (BIP62 minimal push rules for data; small ints are not special-cased). */
export function pushData(data: Uint8Array): Uint8Array {
  const w = new Writer();
  const n = data.length;
  if (n < OP.PUSHDATA1) w.u8(n);
  else if (n <= 0xff) w.u8(OP.PUSHDATA1).u8(n);
  else if (n <= 0xffff) { w.u8(OP.PUSHDATA2).u8(n & 0xff).u8(n >> 8); }
  else w.u8(OP.PUSHDATA4).u32(n);
  return w.bytes(data).finish();
}

export const p2pkhScript = (h: Uint8Array): Uint8Array => concat(Uint8Array.of(OP.DUP, OP.HASH160, 20), h, Uint8Array.of(OP.EQUALVERIFY, OP.CHECKSIG));
export const p2shScript = (h: Uint8Array): Uint8Array => concat(Uint8Array.of(OP.HASH160, 20), h, Uint8Array.of(OP.EQUAL));
export const nulldataScript = (payload: Uint8Array): Uint8Array => concat(Uint8Array.of(OP.RETURN), pushData(payload));

export function multisigScript(m: number, pubkeys: Uint8Array[]): Uint8Array {
  if (m < 1 || m > pubkeys.length || pubkeys.length > 16) throw new ChainError('E_BAD_MULTISIG', `invalid ${m}-of-${pubkeys.length} multisig`);
  return concat(Uint8Array.of(OP.OP_1 + m - 1), ...pubkeys.map(pushData), Uint8Array.of(OP.OP_1 + pubkeys.length - 1, OP.CHECKMULTISIG));
}

export type ScriptType = 'pubkeyhash' | 'scripthash' | 'nulldata' | 'nonstandard';
export function classify(s: Uint8Array): ScriptType {
  if (s.length === 25 && s[0] === OP.DUP && s[1] === OP.HASH160 && s[2] === 20 && s[23] === OP.EQUALVERIFY && s[24] === OP.CHECKSIG) return 'pubkeyhash';
  if (s.length === 23 && s[0] === OP.HASH160 && s[1] === 20 && s[22] === OP.EQUAL) return 'scripthash';
  if (s.length >= 1 && s[0] === OP.RETURN) return 'nulldata';
  return 'nonstandard';
}

export function scriptToAddress(s: Uint8Array, v: AddressVersions = MAINNET_VERSIONS): string | null {
  const t = classify(s);
  if (t === 'pubkeyhash') return base58checkEncode(v.p2pkh, s.subarray(3, 23));
  if (t === 'scripthash') return base58checkEncode(v.p2sh, s.subarray(2, 22));
  return null;
}

export function decodeAddress(addr: string, v: AddressVersions = MAINNET_VERSIONS): { type: 'pubkeyhash' | 'scripthash'; hash: Uint8Array } {
  let raw: Uint8Array;
  try { raw = b58c.decode(addr); } catch { throw new ChainError('E_BAD_ADDRESS', `invalid address ${JSON.stringify(addr)}`); }
  if (raw.length !== 21) throw new ChainError('E_BAD_ADDRESS', `invalid address length ${JSON.stringify(addr)}`);
  if (raw[0] === v.p2pkh) return { type: 'pubkeyhash', hash: raw.subarray(1) };
  if (raw[0] === v.p2sh) return { type: 'scripthash', hash: raw.subarray(1) };
  throw new ChainError('E_BAD_ADDRESS', `address ${addr} has version ${raw[0]}, not of this network`);
}

export function addressToScript(addr: string, v: AddressVersions = MAINNET_VERSIONS): Uint8Array {
  const d = decodeAddress(addr, v);
  return d.type === 'pubkeyhash' ? p2pkhScript(d.hash) : p2shScript(d.hash);
}

export const pubkeyToAddress = (pub: Uint8Array, v: AddressVersions = MAINNET_VERSIONS): string => base58checkEncode(v.p2pkh, hash160(pub));
export const redeemToAddress = (redeem: Uint8Array, v: AddressVersions = MAINNET_VERSIONS): string => base58checkEncode(v.p2sh, hash160(redeem));
