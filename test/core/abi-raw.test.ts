/**
 * Uses build/core.wasm only through its raw exports and the layouts documented in core-as/ABI.md — what an
 * embedder in another runtime does. No bindings imported.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedUrl } from '../helpers/shared.ts';

type Fn = (...a: number[]) => number;
let ex: Record<string, Fn> & { memory: WebAssembly.Memory };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sha256d = (b: Uint8Array) => createHash('sha256').update(createHash('sha256').update(b).digest()).digest();

/** The ABI.md protocol: reserve, copy in, call, then read the output arena (views re-made after the call). */
function call(input: Uint8Array, entry: () => number): { rc: number; out: Uint8Array } {
  const p = ex.inputReserve(input.length);
  new Uint8Array(ex.memory.buffer, p, input.length).set(input);
  const rc = entry();
  if (rc < 0) return { rc, out: new Uint8Array(0) };
  return { rc, out: new Uint8Array(ex.memory.buffer, ex.outputPtr(), ex.outputLen()).slice() };
}

beforeAll(async () => {
  const bytes = readFileSync(new URL('../../build/core.wasm', import.meta.url));
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { abort: () => { throw new Error('core.wasm abort'); }, seed: () => 0 },
  });
  ex = instance.exports as typeof ex;
  ex._initialize();
  expect(ex.abiVersion()).toBe(1);
});

describe('raw ABI (no bindings)', () => {
  it('hashOne(0 = SHA-256) of "abc"', () => {
    const { rc, out } = call(new TextEncoder().encode('abc'), () => ex.hashOne(0, 3));
    expect(rc).toBe(32);
    expect(hex(out)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('parseBlock(413567): block hash at summary offset 8, internal order', () => {
    const block = new Uint8Array(readFileSync(sharedUrl('data/block413567.raw')));
    const { rc, out } = call(block, () => ex.parseBlock(block.length));
    expect(rc).toBe(out.length);
    const dv = new DataView(out.buffer);
    const n = dv.getUint32(0, true);
    expect(n).toBeGreaterThan(0);
    expect(dv.getUint32(4, true) & 1).toBe(1); // merkle root equals the header's
    expect(hex(out.subarray(8, 40).slice().reverse())).toBe('0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069');
    expect(hex(out.subarray(8, 40))).toBe(hex(sha256d(block.subarray(0, 80))));
    // the coinbase txid from the txid array = SHA256d of the stripped coinbase, located via the record
    const txidsOff = dv.getUint32(120, true);
    const recordsOff = dv.getUint32(128, true);
    expect(dv.getUint32(132, true)).toBe(n);
    const txOff = dv.getUint32(recordsOff, true);
    const size = dv.getUint32(recordsOff + 4, true);
    expect(dv.getUint32(recordsOff + 8, true)).toBe(size); // 2016 block: no segwit
    expect(hex(out.subarray(txidsOff, txidsOff + 32))).toBe(hex(sha256d(block.subarray(txOff, txOff + size))));
  });

  it('parseBlock reports E_COUNT (-4) with an error offset for a cut block (tx count > remaining bytes / 10)', () => {
    const block = new Uint8Array(readFileSync(sharedUrl('data/block413567.raw')));
    const { rc } = call(block.subarray(0, 1000), () => ex.parseBlock(1000));
    expect(rc).toBe(-4);
    expect(ex.errorOffset()).toBeGreaterThanOrEqual(80);
  });

  it('decodePayloads: [u32 features][u32 len][payload] records → [i32 status][u8 nFields][u16 len, bytes]…', () => {
    const msg = new Uint8Array(20).map((_, i) => i + 1);
    const payloads = [
      Uint8Array.from([0x69, 0x64, 0x23, ...msg]), // # ANNOUNCE
      new TextEncoder().encode('id~hello.id'),      // ~ NAME_REVOKE
      new TextEncoder().encode('xx#'),              // not "id" → -40
      new TextEncoder().encode('id$' + 'a'.repeat(50)), // TOKEN_TRANSFER without bit 8 → -49
    ];
    const parts: number[] = [];
    for (const p of payloads) {
      const h = new DataView(new ArrayBuffer(8));
      h.setUint32(0, 0, true); h.setUint32(4, p.length, true);
      parts.push(...new Uint8Array(h.buffer), ...p);
    }
    const input = Uint8Array.from(parts);
    const { rc, out } = call(input, () => ex.decodePayloads(payloads.length, input.length));
    expect(rc).toBe(out.length);
    const dv = new DataView(out.buffer);
    expect(dv.getInt32(0, true)).toBe(0x23);
    expect(out[4]).toBe(1);
    expect(dv.getUint16(5, true)).toBe(20);
    expect(hex(out.subarray(7, 27))).toBe(hex(msg));
    expect(dv.getInt32(27, true)).toBe(0x7e);
    expect(out[31]).toBe(1);
    expect(dv.getUint16(32, true)).toBe(8);
    expect(new TextDecoder().decode(out.subarray(34, 42))).toBe('hello.id');
    expect(dv.getInt32(42, true)).toBe(-40);
    expect(out[46]).toBe(0);
    expect(dv.getInt32(47, true)).toBe(-49);
    expect(rc).toBe(52);
    // framing error: one byte short
    expect(call(input, () => ex.decodePayloads(payloads.length, input.length - 1)).rc).toBe(-1);
  });

  it('consensusBlock: ops hash ‖ consensus hash ‖ leaves, as documented', () => {
    const op = new TextEncoder().encode('#:40:0102030405060708090a0b0c0d0e0f1011121314');
    const prev = new Uint8Array(16).fill(0xab);
    const input = new Uint8Array(4 + op.length + 16);
    new DataView(input.buffer).setUint32(0, op.length, true);
    input.set(op, 4); input.set(prev, 4 + op.length);
    const { rc, out } = call(input, () => ex.consensusBlock(1, 1, input.length));
    expect(rc).toBe(48 + 32);
    const leaf = sha256d(op);
    expect(hex(out.subarray(48, 80))).toBe(hex(leaf));
    expect(hex(out.subarray(0, 32))).toBe(hex(leaf)); // one-node tree: the root is the leaf
    // two nodes {prev (16), ops hash (32)} sorted: 0xab.. vs leaf; each reversed, SHA256d of the pair, reversed back
    const [a, b] = Buffer.compare(Buffer.from(prev), leaf) <= 0 ? [prev, leaf] : [leaf, prev];
    const r = (x: Uint8Array) => Uint8Array.from(x).reverse();
    const rootDisplay = r(sha256d(Uint8Array.from([...r(a), ...r(b)])));
    const h160 = createHash('ripemd160').update(createHash('sha256').update(rootDisplay).digest()).digest();
    expect(hex(out.subarray(32, 48))).toBe(hex(h160.subarray(0, 16)));
    expect(call(input, () => ex.consensusBlock(1, 2, input.length)).rc).toBe(-1);
    expect(call(input, () => ex.consensusBlock(16385, 0, input.length)).rc).toBe(-50);
  });
});
