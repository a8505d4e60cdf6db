/** @module hex — lower-case hex of bytes, in wire order or reversed (Bitcoin's display order). */

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

export function fromHex(h: string): Uint8Array {
  if (h.length % 2 !== 0 || /[^0-9a-fA-F]/.test(h)) throw new TypeError(`"hex" expected even-length hex, got ${h.length} chars`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
