/**
 * @module base/hash — hash helpers over the WASM core (bindings/core/hash.ts): the digests as bytes, and the
 * hex forms the layers use (hash160 hex of zone files, sha256 hex, the protocol's hash128).
 */
import { sha256, sha256d, ripemd160, hash160, hash128, hashBatch, splitDigests, digestSize, type HashAlgo } from '../core/hash.ts';
import { toHex, toBytes } from './bytes.ts';

export { sha256, sha256d, ripemd160, hash160, hash128, hashBatch, splitDigests, digestSize, type HashAlgo };

/** Hex SHA-256 of bytes, or of a string's UTF-8. */
export const sha256Hex = (data: Uint8Array | string): string => toHex(sha256(toBytes(data)));
/** Hex hash160 = RIPEMD160(SHA256(x)) of bytes, or of a string's UTF-8. */
export const hash160Hex = (data: Uint8Array | string): string => toHex(hash160(toBytes(data)));
/** hash128(x) = SHA256(x)[0..16] as hex (the protocol's name and consensus hashes). */
export const hash128Hex = (data: Uint8Array | string): string => toHex(sha256(toBytes(data)).subarray(0, 16));

/**
 * The zone-file hash (naming.md §1.1): hex hash160 of the exact bytes, no normalisation; a string is its
 * UTF-8. The one definition under both spellings used by the layers.
 */
export const zoneFileHash = hash160Hex;

/** Hex hash160 of each input, in one core call for a batch. */
export function hash160HexBatch(items: Uint8Array[]): string[] {
  if (items.length === 0) return [];
  if (items.length === 1) return [toHex(hash160(items[0]))];
  const all = hashBatch(items, 'hash160');
  const out: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = toHex(all.subarray(i * 20, i * 20 + 20));
  return out;
}
