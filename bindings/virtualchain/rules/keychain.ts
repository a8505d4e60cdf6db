/**
 * @module virtualchain/rules/keychain — the NAME_IMPORT keychain (statemachine-replay.md §5): BIP32
 * CKDpub children 0..size−1 of the first importer's key with a zero chain code, plus its own address.
 */
import { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base58checkEncode, fromHex, hash160 } from '../codec.ts';

const cache = new Map<string, string[]>();

export function buildImportKeychain(pubkeyHex: string, size: number, p2pkhVersion: number): string[] {
  const ck = `${pubkeyHex}:${size}:${p2pkhVersion}`;
  const hit = cache.get(ck);
  if (hit) return hit;
  const compressed = secp256k1.Point.fromHex(pubkeyHex).toBytes(true);
  const root = new HDKey({ publicKey: compressed, chainCode: new Uint8Array(32), depth: 0, index: 0, parentFingerprint: 0 });
  const out: string[] = [];
  for (let i = 0; i < size; i++) out.push(base58checkEncode(p2pkhVersion, hash160(root.deriveChild(i).publicKey!)));
  out.push(pubkeyAddress(pubkeyHex, p2pkhVersion));
  cache.set(ck, out);
  return out;
}

export function pubkeyAddress(pubkeyHex: string, p2pkhVersion: number): string {
  return base58checkEncode(p2pkhVersion, hash160(fromHex(pubkeyHex)));
}
