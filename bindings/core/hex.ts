/**
 * @module core/hex — lower-case hex of bytes, in wire order or reversed (Bitcoin's display order). The block
 * parser needs it below the base layer; every other layer imports it through bindings/base/bytes.ts.
 */

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

export function toHex(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += HEX[b[i]];
  return s;
}

/** Hex of b[start..end) reversed: how txids and block hashes are displayed. */
export function toHexReversed(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  for (let i = end - 1; i >= start; i--) s += HEX[b[i]];
  return s;
}

// Two ASCII hex digits per byte as one little-endian u16 (low byte = first digit).
const HEX16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) HEX16[i] = HEX[i].charCodeAt(0) | (HEX[i].charCodeAt(1) << 8);
const ascii = new TextDecoder(); // UTF-8: ASCII hex decodes fastest this way (V8 fast path)

/**
 * Display hex of `count` consecutive 32-byte hashes at `off`, each reversed, as ONE string of count × 64
 * characters (hash i at [64i, 64i + 64)). One decode for a whole block instead of 32 concatenations per hash.
 */
export function hashesToHexReversed(b: Uint8Array, off: number, count: number): string {
  const out = new Uint16Array(count * 32);
  for (let i = 0, o = 0; i < count; i++) {
    const end = off + 32 * i + 31;
    for (let k = 0; k < 32; k++) out[o++] = HEX16[b[end - k]];
  }
  return ascii.decode(out);
}
