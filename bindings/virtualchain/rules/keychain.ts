/**
 * @module virtualchain/rules/keychain — the NAME_IMPORT keychain (statemachine-replay.md §5): BIP32
 * CKDpub children 0..size−1 of the first importer's key with a zero chain code, plus its own address.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base58checkEncode, concat, fromHex, hash160, toHex } from '../codec.ts';

const N = secp256k1.Point.CURVE().n;
const ZERO_CHAIN_CODE = new Uint8Array(32);

/** BIP32 CKDpub child i (non-hardened) of a compressed key with a zero chain code; public data, so variable-time. */
function childKey(parent: Uint8Array, parentPoint: InstanceType<typeof secp256k1.Point>, i: number): Uint8Array {
  const ser = new Uint8Array(4);
  new DataView(ser.buffer).setUint32(0, i);
  const I = hmac(sha512, ZERO_CHAIN_CODE, concat(parent, ser));
  const il = BigInt('0x' + toHex(I.subarray(0, 32)));
  if (il === 0n || il >= N) throw new RangeError(`"keychain" child ${i} is invalid (BIP32: skip)`);
  return secp256k1.Point.BASE.multiplyUnsafe(il).add(parentPoint).toBytes(true);
}

const cache = new Map<string, string[]>();

export function buildImportKeychain(pubkeyHex: string, size: number, p2pkhVersion: number): string[] {
  const ck = `${pubkeyHex}:${size}:${p2pkhVersion}`;
  const hit = cache.get(ck);
  if (hit) return hit;
  const point = secp256k1.Point.fromHex(pubkeyHex);
  const compressed = point.toBytes(true);
  const out: string[] = [];
  for (let i = 0; i < size; i++) out.push(base58checkEncode(p2pkhVersion, hash160(childKey(compressed, point, i))));
  out.push(pubkeyAddress(pubkeyHex, p2pkhVersion));
  cache.set(ck, out);
  return out;
}

export function pubkeyAddress(pubkeyHex: string, p2pkhVersion: number): string {
  return base58checkEncode(p2pkhVersion, hash160(fromHex(pubkeyHex)));
}
