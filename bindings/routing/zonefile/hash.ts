/**
 * @module routing/zonefile/hash — `zoneFileHash(bytes)`: hex hash160 = RIPEMD160(SHA256(bytes)) over the
 * exact bytes (naming.md §1.1; no normalisation). Strings are hashed as their UTF-8 bytes.
 *
 * All hashing of zone files goes through `hash160Of` / `hash160Batch` below so the implementation can move
 * to the WASM core's batched hash160 in one place.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const enc = new TextEncoder();

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]];
  return s;
}

export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? enc.encode(data) : data;
}

/** hash160 of one input, as raw 20 bytes. */
export function hash160Of(bytes: Uint8Array): Uint8Array {
  return ripemd160(sha256(bytes));
}

/** hex hash160 of each input (batched: one call per sync step). */
export function hash160Batch(items: Uint8Array[]): string[] {
  return items.map((b) => toHex(hash160Of(b)));
}

/** The zone-file hash: hex hash160 of the exact bytes (a string is taken as UTF-8). */
export function zoneFileHash(data: Uint8Array | string): string {
  return toHex(hash160Of(toBytes(data)));
}
