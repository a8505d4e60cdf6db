/**
 * @module virtualchain/core-calls — the two WASM entry points of the virtualchain, one call per block:
 * `decodePayloads` (every OP_RETURN payload of the block) and `consensusBlock` (leaves, ops hash,
 * skip-list chaining, consensus hash). See core-as/virtualchain/*.ts for the byte layouts.
 */
import { check, core, mem, readBytes, writeInput } from '../core/wasm.ts';
import { ascii, fromHex, toHex } from './codec.ts';
import { hasFeature, type RuleSet } from './networks.ts';

export const F_REGISTER_UPDATE = 1;
export const F_TOKENS = 2;
export const F_STACKS_NS = 4;
export const F_TOKEN_TRANSFER = 8;

/** Feature bits of the payload decoder for block `height`. */
export function payloadFeatures(rules: RuleSet, height: number): number {
  let f = 0;
  if (hasFeature(rules, height, 'OP_REGISTER_UPDATE')) f |= F_REGISTER_UPDATE;
  if (hasFeature(rules, height, 'NAMEOPS_COST_TOKENS')) f |= F_TOKENS;
  if (hasFeature(rules, height, 'STACKS_BUY_NAMESPACES')) f |= F_STACKS_NS;
  if (hasFeature(rules, height, 'TOKEN_TRANSFER')) f |= F_TOKEN_TRANSFER;
  return f;
}

/** One decoded payload: opcode char and raw fields (null = absent), or a negative status code. */
export interface RawPayload { status: number; opcode: string | null; fields: (Uint8Array | null)[] }

export function decodePayloadsCore(payloads: Uint8Array[], features: number): RawPayload[] {
  let n = 0;
  for (const p of payloads) n += 8 + p.length;
  const buf = new Uint8Array(n);
  const dv = new DataView(buf.buffer);
  let o = 0;
  for (const p of payloads) {
    dv.setUint32(o, features, true); dv.setUint32(o + 4, p.length, true);
    buf.set(p, o + 8); o += 8 + p.length;
  }
  writeInput(buf);
  return runDecode(payloads.length, n);
}

/**
 * decodePayloadsCore of payloads given as hex (even length, 0-9a-f; the caller checks), decoded straight into
 * the core's input buffer: no byte arrays per payload.
 */
export function decodeHexPayloadsCore(hexes: readonly string[], features: number): RawPayload[] {
  let n = 0;
  for (const h of hexes) n += 8 + (h.length >> 1);
  const ptr = core().inputReserve(n);
  if (ptr === 0) return decodePayloadsCore(hexes.map(fromHex), features); // E_TOO_LARGE from the general path
  const m = mem();
  let o = ptr;
  for (const h of hexes) {
    const l = h.length >> 1;
    m[o] = features & 0xff; m[o + 1] = (features >>> 8) & 0xff; m[o + 2] = (features >>> 16) & 0xff; m[o + 3] = features >>> 24;
    m[o + 4] = l & 0xff; m[o + 5] = (l >>> 8) & 0xff; m[o + 6] = (l >>> 16) & 0xff; m[o + 7] = l >>> 24;
    o += 8;
    for (let i = 0; i < l; i++) m[o + i] = (HEXV[h.charCodeAt(2 * i)] << 4) | HEXV[h.charCodeAt(2 * i + 1)];
    o += l;
  }
  return runDecode(hexes.length, n);
}

function runDecode(count: number, n: number): RawPayload[] {
  const c = core();
  const len = check(c.decodePayloads(count, n), 'decodePayloads');
  const out = readBytes(c.outputPtr(), len);
  const odv = new DataView(out.buffer);
  const res: RawPayload[] = [];
  let q = 0;
  for (let i = 0; i < count; i++) {
    const status = odv.getInt32(q, true);
    const nf = out[q + 4];
    q += 5;
    const fields: (Uint8Array | null)[] = [];
    for (let k = 0; k < nf; k++) {
      const l = odv.getUint16(q, true);
      q += 2;
      if (l === 0xffff) fields.push(null); else { fields.push(out.subarray(q, q + l)); q += l; }
    }
    res.push({ status, opcode: status > 0 ? String.fromCharCode(status) : null, fields });
  }
  return res;
}

export interface CoreConsensus { opsHash: string; consensusHash: string; leaves: string[] }

const utf8 = new TextEncoder();
const HEXV = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) { HEXV['0123456789abcdef'.charCodeAt(i)] = i; HEXV['0123456789ABCDEF'.charCodeAt(i)] = i; }

/** Consensus hash of a block from its serialized ops and the earlier consensus hashes (hex, or their 16 bytes). */
export function consensusBlockCore(serializedOps: string[], prevHashes: (string | Uint8Array)[]): CoreConsensus {
  // The input is built straight in the core's input buffer: ops are ASCII (consensus.md §2.1; a non-ASCII op
  // takes the general path) and the previous hashes are 32 hex digits each — no intermediate arrays.
  let n = prevHashes.length * 16;
  for (const e of serializedOps) n += 4 + e.length;
  const c = core();
  const ptr = c.inputReserve(n);
  if (ptr === 0) return consensusBlockCoreBytes(serializedOps.map(ascii), prevHashes); // E_TOO_LARGE from the general path
  const m = mem();
  let o = ptr;
  for (const e of serializedOps) {
    const l = e.length;
    m[o] = l & 0xff; m[o + 1] = (l >>> 8) & 0xff; m[o + 2] = (l >>> 16) & 0xff; m[o + 3] = l >>> 24;
    o += 4;
    // a non-ASCII character takes ≥ 2 bytes, so then not all of e fits in l bytes
    const w = utf8.encodeInto(e, m.subarray(o, o + l));
    if (w.read !== l || w.written !== l) return consensusBlockCoreBytes(serializedOps.map(ascii), prevHashes);
    o += l;
  }
  for (const h of prevHashes) {
    if (typeof h !== 'string' && h.length === 16) { m.set(h, o); o += 16; continue; }
    if (typeof h !== 'string' || h.length !== 32) return consensusBlockCoreBytes(serializedOps.map(ascii), prevHashes);
    for (let i = 0; i < 16; i++) {
      const hi = HEXV[h.charCodeAt(2 * i)] ?? -1, lo = HEXV[h.charCodeAt(2 * i + 1)] ?? -1;
      if (hi < 0 || lo < 0) return consensusBlockCoreBytes(serializedOps.map(ascii), prevHashes);
      m[o++] = (hi << 4) | lo;
    }
  }
  return runConsensus(serializedOps.length, prevHashes.length, n);
}

function consensusBlockCoreBytes(enc: Uint8Array[], prevHashes: (string | Uint8Array)[]): CoreConsensus {
  let n = prevHashes.length * 16;
  for (const e of enc) n += 4 + e.length;
  const buf = new Uint8Array(n);
  const dv = new DataView(buf.buffer);
  let o = 0;
  for (const e of enc) { dv.setUint32(o, e.length, true); buf.set(e, o + 4); o += 4 + e.length; }
  for (const h of prevHashes) {
    const b = typeof h === 'string' ? fromHex(h) : h;
    if (b.length !== 16) throw new RangeError(`"prevHashes" expected 16-byte consensus hashes, got ${b.length} bytes`);
    buf.set(b, o);
    o += 16;
  }
  writeInput(buf);
  return runConsensus(enc.length, prevHashes.length, n);
}

function runConsensus(nOps: number, nPrev: number, n: number): CoreConsensus {
  const c = core();
  check(c.consensusBlock(nOps, nPrev, n), 'consensusBlock');
  const m = mem();
  const p = c.outputPtr();
  // Leaves (one hex string per op) are rarely wanted: copied now, turned into hex on first access.
  const raw = m.slice(p + 48, p + 48 + nOps * 32);
  let leaves: string[] | undefined;
  return {
    opsHash: toHex(m.subarray(p, p + 32)), consensusHash: toHex(m.subarray(p + 32, p + 48)),
    get leaves(): string[] {
      leaves ??= Array.from({ length: nOps }, (_, i) => toHex(raw.subarray(i * 32, i * 32 + 32)));
      return leaves;
    },
  };
}
