/**
 * @module routing/zonefile/hash — `zoneFileHash(bytes)`: hex hash160 = RIPEMD160(SHA256(bytes)) over the
 * exact bytes (naming.md §1.1; no normalisation). Strings are hashed as their UTF-8 bytes.
 *
 * All hashing of zone files goes through `hash160Of` / `hash160Batch` below: the WASM core's hash160, one
 * core call per batch (Atlas hashes every `get_zonefiles` reply, up to 100 zone files, in one call).
 */
import { hash160 as coreHash160, hashBatch } from '../../core/hash.ts';

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
  return coreHash160(bytes);
}

/** hex hash160 of each input (batched: one call per sync step). */
export function hash160Batch(items: Uint8Array[]): string[] {
  if (items.length === 0) return [];
  if (items.length === 1) return [toHex(coreHash160(items[0]))];
  const all = hashBatch(items, 'hash160');
  const out: string[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) out[i] = toHex(all.subarray(i * 20, i * 20 + 20));
  return out;
}

/** The zone-file hash: hex hash160 of the exact bytes (a string is taken as UTF-8). */
export function zoneFileHash(data: Uint8Array | string): string {
  return toHex(hash160Of(toBytes(data)));
}
