/**
 * @module core/hex — lower-case hex of bytes, in wire order or reversed (Bitcoin's display order). The block
 * parser needs it below the base layer; every other layer imports it through bindings/base/bytes.ts.
 */

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

// Two ASCII hex digits per byte as one little-endian u16 (low byte = first digit).
const HEX16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) HEX16[i] = HEX[i].charCodeAt(0) | (HEX[i].charCodeAt(1) << 8);
const ascii = new TextDecoder(); // UTF-8: ASCII hex decodes fastest this way (V8 fast path)
const SCRATCH = new Uint16Array(1024);

/**
 * Hex of b[start..end), forwards or reversed, as one FLAT string. Building it with `s += HEX[b[i]]` makes a
 * rope in V8 (a ConsString node per piece past 13 characters): ~860 bytes for a 32-byte hash instead of ~80, and
 * ~10× slower. Hashes kept per block (a header index of ~900k blocks) or per transaction ballooned the heap.
 * Short inputs (< 7 bytes: under the rope threshold) concatenate; the rest decode digit pairs at once.
 */
function hex(b: Uint8Array, start: number, end: number, reversed: boolean): string {
  const n = end - start;
  if (n < 7) {
    let s = '';
    if (reversed) for (let i = end - 1; i >= start; i--) s += HEX[b[i]];
    else for (let i = start; i < end; i++) s += HEX[b[i]];
    return s;
  }
  const out = n <= SCRATCH.length ? SCRATCH : new Uint16Array(n);
  if (reversed) for (let k = 0, i = end - 1; k < n; k++, i--) out[k] = HEX16[b[i]];
  else for (let k = 0, i = start; k < n; k++, i++) out[k] = HEX16[b[i]];
  return ascii.decode(out.subarray(0, n));
}

export function toHex(b: Uint8Array, start = 0, end = b.length): string { return hex(b, start, end, false); }

/** Hex of b[start..end) reversed: how txids and block hashes are displayed. */
export function toHexReversed(b: Uint8Array, start = 0, end = b.length): string { return hex(b, start, end, true); }

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
