/**
 * @module base/hex-column — a Map<number, string> of fixed-width lower-case hex values by block height, kept as
 * bytes in one growing array. A chain's per-height hashes (a consensus hash of 16 bytes, a block hash of 32)
 * as Map entries of strings cost ~80–110 bytes of JS heap each; ~700,000 of them are live for the whole of a
 * mainnet catch-up, and V8 lets the heap grow to a multiple of what is live. Here a value costs its bytes
 * (16 or 32) outside the JS heap. Values that are not `width` bytes of lower-case hex, and heights below 0
 * (genesis seeds) or of 2^24 and above, keep their exact string in a plain Map beside.
 */
import { toHex } from './bytes.ts';

const NIB = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIB[48 + i] = i;
for (let i = 0; i < 6; i++) NIB[97 + i] = 10 + i;
/** Heights stored as bytes: 0 .. MAX_DENSE − 1 (far beyond any chain's). */
const MAX_DENSE = 1 << 24;

export class HexColumn {
  private bytes: Uint8Array;
  private present: Uint8Array;
  private other = new Map<number, string>();
  private count = 0;

  /** `width`: bytes per value (hex strings of 2 × width characters). */
  constructor(private readonly width: number, capacity = 1024) {
    this.bytes = new Uint8Array(capacity * width);
    this.present = new Uint8Array(capacity);
  }

  get size(): number { return this.count + this.other.size; }

  has(h: number): boolean { return this.present[h] === 1 || this.other.has(h); }

  /** The value's bytes (a view, valid until the next `set`), when stored as bytes; undefined otherwise (see `get`). */
  bytesAt(h: number): Uint8Array | undefined {
    return this.present[h] === 1 ? this.bytes.subarray(h * this.width, (h + 1) * this.width) : undefined;
  }

  get(h: number): string | undefined {
    if (this.present[h] === 1) return toHex(this.bytes, h * this.width, (h + 1) * this.width);
    return this.other.get(h);
  }

  set(h: number, v: string): this {
    this.delete(h);
    const w = this.width;
    if (!Number.isInteger(h) || h < 0 || h >= MAX_DENSE || v.length !== 2 * w) { this.other.set(h, v); return this; }
    const at = h * w;
    if (h >= this.present.length) this.grow(h + 1);
    for (let i = 0; i < w; i++) {
      const hi = NIB[v.charCodeAt(2 * i)] ?? -1, lo = NIB[v.charCodeAt(2 * i + 1)] ?? -1;
      if (hi < 0 || lo < 0) { this.other.set(h, v); return this; }
      this.bytes[at + i] = (hi << 4) | lo;
    }
    this.present[h] = 1;
    this.count++;
    return this;
  }

  delete(h: number): boolean {
    if (this.present[h] === 1) { this.present[h] = 0; this.count--; return true; }
    return this.other.delete(h);
  }

  /** Every (height, value), heights ascending. */
  *entries(): IterableIterator<[number, string]> {
    const low = [...this.other.keys()].sort((a, b) => a - b);
    let k = 0;
    for (let h = 0; h < this.present.length; h++) {
      if (this.present[h] !== 1) continue;
      while (k < low.length && low[k] < h) { const x = low[k++]; yield [x, this.other.get(x)!]; }
      yield [h, this.get(h)!];
    }
    for (; k < low.length; k++) yield [low[k], this.other.get(low[k])!];
  }

  [Symbol.iterator](): IterableIterator<[number, string]> { return this.entries(); }

  private grow(min: number): void {
    const n = Math.min(MAX_DENSE, Math.max(min, Math.ceil(this.present.length * 1.5)));
    const b = new Uint8Array(n * this.width); b.set(this.bytes); this.bytes = b;
    const p = new Uint8Array(n); p.set(this.present); this.present = p;
  }
}
