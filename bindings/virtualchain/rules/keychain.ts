/**
 * @module virtualchain/rules/keychain — the NAME_IMPORT keychain (statemachine-replay.md §5): BIP32
 * CKDpub children 0..size−1 of the first importer's key with a zero chain code, plus its own address.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { compressPublicKey, publicKeyTweakAdd } from '../../core/secp256k1.ts';
import { base58checkEncode, concat, fromHex, hash160 } from '../codec.ts';

const ZERO_CHAIN_CODE = new Uint8Array(32);

/** BIP32 CKDpub child i (non-hardened) of a compressed key with a zero chain code: parent + IL·G, in the core. */
function childKey(parent: Uint8Array, i: number): Uint8Array {
  const ser = new Uint8Array(4);
  new DataView(ser.buffer).setUint32(0, i);
  const il = hmac(sha512, ZERO_CHAIN_CODE, concat(parent, ser)).subarray(0, 32);
  if (il.every((b) => b === 0)) throw new RangeError(`"keychain" child ${i} is invalid (BIP32: skip)`);
  try { return publicKeyTweakAdd(parent, il); } catch { throw new RangeError(`"keychain" child ${i} is invalid (BIP32: skip)`); }
}

const cache = new Map<string, string[]>();

export function buildImportKeychain(pubkeyHex: string, size: number, p2pkhVersion: number): string[] {
  const ck = `${pubkeyHex}:${size}:${p2pkhVersion}`;
  const hit = cache.get(ck);
  if (hit) return hit;
  const compressed = compressPublicKey(fromHex(pubkeyHex));
  const out: string[] = [];
  for (let i = 0; i < size; i++) out.push(base58checkEncode(p2pkhVersion, hash160(childKey(compressed, i))));
  out.push(pubkeyAddress(pubkeyHex, p2pkhVersion));
  cache.set(ck, out);
  return out;
}

export function pubkeyAddress(pubkeyHex: string, p2pkhVersion: number): string {
  return base58checkEncode(p2pkhVersion, hash160(fromHex(pubkeyHex)));
}
