/**
 * @module chain/bytes — byte helpers for Bitcoin serialization: CompactSize varints,
 * a growable writer and a bounds-checked reader (Bitcoin Core serialize.h conventions: little-endian).
 */
import { ChainError } from './errors.ts';
import { fromHex as baseFromHex } from '../base/bytes.ts';
import { BaseError } from '../base/errors.ts';

// hex, hashes and concatenation are the base layer's (bindings/base); chain keeps only its error class.
// From the modules themselves, not the base barrel: the blkscan worker would load ECIES, JWT and curves.
export { toHex, reverse, hashToHex, concat, ascii } from '../base/bytes.ts';
export { sha256d, hash160 } from '../base/hash.ts';
export function fromHex(h: string): Uint8Array {
  try {
    return baseFromHex(h);
  } catch (e) {
    if (e instanceof BaseError) throw new ChainError('E_BAD_HEX', 'invalid hex string');
    throw e;
  }
}
export const hexToHash = (h: string): Uint8Array => fromHex(h).reverse();

export class Writer {
  private buf = new Uint8Array(256);
  private n = 0;
  private need(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.n + k) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  u8(v: number): this { this.need(1); this.buf[this.n++] = v & 0xff; return this; }
  u32(v: number): this { this.need(4); new DataView(this.buf.buffer).setUint32(this.n, v >>> 0, true); this.n += 4; return this; }
  i32(v: number): this { this.need(4); new DataView(this.buf.buffer).setInt32(this.n, v | 0, true); this.n += 4; return this; }
  u64(v: bigint): this { this.need(8); new DataView(this.buf.buffer).setBigUint64(this.n, v, true); this.n += 8; return this; }
  bytes(b: Uint8Array): this { this.need(b.length); this.buf.set(b, this.n); this.n += b.length; return this; }
  varint(v: number): this {
    if (v < 0xfd) return this.u8(v);
    if (v <= 0xffff) { this.u8(0xfd); this.need(2); new DataView(this.buf.buffer).setUint16(this.n, v, true); this.n += 2; return this; }
    if (v <= 0xffffffff) return this.u8(0xfe).u32(v);
    return this.u8(0xff).u64(BigInt(v));
  }
  varbytes(b: Uint8Array): this { return this.varint(b.length).bytes(b); }
  finish(): Uint8Array { return this.buf.slice(0, this.n); }
}

export class Reader {
  private dv: DataView;
  pos = 0;
  constructor(readonly buf: Uint8Array) { this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength); }
  private need(k: number): void {
    if (this.pos + k > this.buf.length) throw new ChainError('E_BAD_ENCODING', `truncated data at byte ${this.pos} (need ${k})`);
  }
  get left(): number { return this.buf.length - this.pos; }
  u8(): number { this.need(1); return this.buf[this.pos++]; }
  u32(): number { this.need(4); const v = this.dv.getUint32(this.pos, true); this.pos += 4; return v; }
  i32(): number { this.need(4); const v = this.dv.getInt32(this.pos, true); this.pos += 4; return v; }
  u64(): bigint { this.need(8); const v = this.dv.getBigUint64(this.pos, true); this.pos += 8; return v; }
  bytes(k: number): Uint8Array { this.need(k); const b = this.buf.subarray(this.pos, this.pos + k); this.pos += k; return b; }
  varint(): number {
    const f = this.u8();
    if (f < 0xfd) return f;
    if (f === 0xfd) { this.need(2); const v = this.dv.getUint16(this.pos, true); this.pos += 2; return v; }
    if (f === 0xfe) return this.u32();
    const v = this.u64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainError('E_BAD_ENCODING', 'varint too large');
    return Number(v);
  }
  varbytes(): Uint8Array { return this.bytes(this.varint()); }
}
