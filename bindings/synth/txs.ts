/**
 * @module synth/txs — byte-level builders of mainnet-shaped transactions for the synthetic Core datadir:
 * P2PKH, P2SH 2-of-3 multisig, P2WPKH, P2WSH 2-of-3, P2TR key-path and multi-input spends, with realistic
 * script and witness sizes (signatures and keys are random bytes: nothing here is ever validated). Each tx
 * is written straight into the block buffer; its txid is the double SHA-256 of the non-witness parts.
 */
import { createHash } from 'node:crypto';
import { sha256d } from '../core/index.ts';

export type Kind = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'multi' | 'batch' | 'opret';
export interface OutPoint { txid: Uint8Array; vout: number }
export interface Output { value: number; script: Uint8Array }
export interface InputSpec { prev: OutPoint; scriptSig: Uint8Array; witness: Uint8Array[] }

/** Deterministic xorshift32 stream and a pool of pseudo-random bytes to slice from. */
export class Rng {
  private state: number;
  readonly pool: Buffer;
  constructor(seed: number) {
    this.state = (seed >>> 0) || 1;
    const parts: Buffer[] = [];
    let h = Buffer.from(`synth-${seed}`);
    for (let i = 0; i < 8192; i++) { h = createHash('sha256').update(h).digest(); parts.push(h); }
    this.pool = Buffer.concat(parts); // 256 KiB
  }
  int(n: number): number {
    let x = this.state;
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    this.state = x;
    return x % n;
  }
  chance(p: number): boolean { return this.int(1_000_000) < p * 1_000_000; }
  bytes(n: number): Uint8Array { const o = this.int(this.pool.length - n); return this.pool.subarray(o, o + n); }
}

const push = (d: Uint8Array): Uint8Array => {
  if (d.length < 0x4c) return Buffer.concat([Uint8Array.of(d.length), d]);
  if (d.length <= 0xff) return Buffer.concat([Uint8Array.of(0x4c, d.length), d]);
  return Buffer.concat([Uint8Array.of(0x4d, d.length & 0xff, d.length >> 8), d]);
};
export const scripts = {
  p2pkh: (h: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0x76, 0xa9, 20), h, Uint8Array.of(0x88, 0xac)]),
  p2sh: (h: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0xa9, 20), h, Uint8Array.of(0x87)]),
  p2wpkh: (h: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0x00, 20), h]),
  p2wsh: (h: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0x00, 32), h]),
  p2tr: (h: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0x51, 32), h]),
  nulldata: (d: Uint8Array): Uint8Array => Buffer.concat([Uint8Array.of(0x6a), push(d)]),
};
export { push as pushData };

/** Spends and outputs of one kind of payment (sizes as on mainnet: 72-byte DER sigs, 33-byte keys). */
export function shape(kind: Kind, rng: Rng, prevs: OutPoint[]): { ins: InputSpec[]; outs: Output[] } {
  const sig = (): Uint8Array => rng.bytes(rng.chance(0.5) ? 72 : 71);
  const pub = (): Uint8Array => Buffer.concat([Uint8Array.of(2 + rng.int(2)), rng.bytes(32)]);
  const redeem = (): Uint8Array => Buffer.concat([Uint8Array.of(0x52), push(pub()), push(pub()), push(pub()), Uint8Array.of(0x53, 0xae)]);
  const value = (): number => 1000 + rng.int(50_000_000);
  const change = (): Output => ({ value: value(), script: scripts.p2pkh(rng.bytes(20)) });
  const p2pkhIn = (prev: OutPoint): InputSpec => ({ prev, scriptSig: Buffer.concat([push(sig()), push(pub())]), witness: [] });
  switch (kind) {
    case 'p2pkh': return { ins: [p2pkhIn(prevs[0])], outs: [{ value: value(), script: scripts.p2pkh(rng.bytes(20)) }, change()] };
    case 'p2sh': return { ins: [{ prev: prevs[0], scriptSig: Buffer.concat([Uint8Array.of(0), push(sig()), push(sig()), push(redeem())]), witness: [] }], outs: [{ value: value(), script: scripts.p2sh(rng.bytes(20)) }, change()] };
    case 'p2wpkh': return { ins: [{ prev: prevs[0], scriptSig: new Uint8Array(0), witness: [sig(), pub()] }], outs: [{ value: value(), script: scripts.p2wpkh(rng.bytes(20)) }, { value: value(), script: scripts.p2wpkh(rng.bytes(20)) }] };
    case 'p2wsh': return { ins: [{ prev: prevs[0], scriptSig: new Uint8Array(0), witness: [new Uint8Array(0), sig(), sig(), redeem()] }], outs: [{ value: value(), script: scripts.p2wsh(rng.bytes(32)) }, change()] };
    case 'p2tr': return { ins: [{ prev: prevs[0], scriptSig: new Uint8Array(0), witness: [rng.bytes(64)] }], outs: [{ value: value(), script: scripts.p2tr(rng.bytes(32)) }, { value: value(), script: scripts.p2tr(rng.bytes(32)) }] };
    case 'multi': return { ins: prevs.map(p2pkhIn), outs: [{ value: value(), script: scripts.p2pkh(rng.bytes(20)) }, change()] };
    case 'batch': return { ins: [p2pkhIn(prevs[0])], outs: Array.from({ length: 10 + rng.int(20) }, () => (rng.chance(0.5) ? { value: value(), script: scripts.p2wpkh(rng.bytes(20)) } : change())) };
    case 'opret': return { ins: [p2pkhIn(prevs[0])], outs: [{ value: 0, script: scripts.nulldata(Buffer.concat([Buffer.from('om'), rng.bytes(38)])) }, change()] };
  }
}

/** A growable byte buffer that transactions and blocks are written into (little-endian, Core varints). */
export class ByteSink {
  buf: Buffer;
  pos = 0;
  constructor(size = 2 << 20) { this.buf = Buffer.allocUnsafe(size); }
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }
  u8(x: number): this { this.reserve(1); this.buf[this.pos++] = x; return this; }
  u32(x: number): this { this.reserve(4); this.buf.writeUInt32LE(x >>> 0, this.pos); this.pos += 4; return this; }
  u64(x: number): this { this.reserve(8); this.buf.writeUInt32LE(x % 0x100000000, this.pos); this.buf.writeUInt32LE(Math.floor(x / 0x100000000), this.pos + 4); this.pos += 8; return this; }
  varint(n: number): this {
    if (n < 0xfd) return this.u8(n);
    if (n <= 0xffff) { this.u8(0xfd); this.reserve(2); this.buf.writeUInt16LE(n, this.pos); this.pos += 2; return this; }
    return this.u8(0xfe).u32(n);
  }
  bytes(b: Uint8Array): this { this.reserve(b.length); this.buf.set(b, this.pos); this.pos += b.length; return this; }
  varbytes(b: Uint8Array): this { return this.varint(b.length).bytes(b); }
}

/** Writes one transaction (BIP144 form when any input has a witness); returns its txid (internal order). */
export function writeTx(w: ByteSink, ins: InputSpec[], outs: Output[], locktime = 0): Uint8Array {
  const segwit = ins.some((i) => i.witness.length > 0);
  const start = w.pos;
  w.u32(2);
  if (segwit) w.u8(0).u8(1);
  const body = w.pos;
  w.varint(ins.length);
  for (const i of ins) w.bytes(i.prev.txid).u32(i.prev.vout).varbytes(i.scriptSig).u32(0xfffffffd);
  w.varint(outs.length);
  for (const o of outs) w.u64(o.value).varbytes(o.script);
  const bodyEnd = w.pos;
  if (segwit) for (const i of ins) { w.varint(i.witness.length); for (const x of i.witness) w.varbytes(x); }
  w.u32(locktime);
  if (!segwit) return sha256d(w.buf.subarray(start, w.pos)); // the core's SHA-256 (far less per-call cost than node:crypto)
  const stripped = new Uint8Array(8 + bodyEnd - body);
  stripped.set(w.buf.subarray(start, start + 4), 0);
  stripped.set(w.buf.subarray(body, bodyEnd), 4);
  stripped.set(w.buf.subarray(w.pos - 4, w.pos), 4 + bodyEnd - body);
  return sha256d(stripped);
}
