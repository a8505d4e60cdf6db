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
  const c = core();
  const len = check(c.decodePayloads(payloads.length, n), 'decodePayloads');
  const out = readBytes(c.outputPtr(), len);
  const odv = new DataView(out.buffer);
  const res: RawPayload[] = [];
  let q = 0;
  for (let i = 0; i < payloads.length; i++) {
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

/** Consensus hash of a block from its serialized ops and the earlier consensus hashes (hex). */
export function consensusBlockCore(serializedOps: string[], prevHashes: string[]): CoreConsensus {
  const enc = serializedOps.map(ascii);
  let n = prevHashes.length * 16;
  for (const e of enc) n += 4 + e.length;
  const buf = new Uint8Array(n);
  const dv = new DataView(buf.buffer);
  let o = 0;
  for (const e of enc) { dv.setUint32(o, e.length, true); buf.set(e, o + 4); o += 4 + e.length; }
  for (const h of prevHashes) { buf.set(fromHex(h), o); o += 16; }
  writeInput(buf);
  const c = core();
  check(c.consensusBlock(enc.length, prevHashes.length, n), 'consensusBlock');
  const m = mem();
  const p = c.outputPtr();
  const leaves: string[] = [];
  for (let i = 0; i < enc.length; i++) leaves.push(toHex(m.subarray(p + 48 + i * 32, p + 80 + i * 32)));
  return { opsHash: toHex(m.subarray(p, p + 32)), consensusHash: toHex(m.subarray(p + 32, p + 48)), leaves };
}
