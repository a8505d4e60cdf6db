/**
 * The core's sieveBlock (bulk scans of Core-validated blocks): 0 places proves scanBlock finds no match
 * (every push form of the rule is seen; look-alikes outside an output are allowed as places, never missed),
 * it counts on the bytes as stored with the same result as on plain bytes, de-obfuscates the header always and
 * the rest (exactly as xorInput) only when it found a place, and its hash and tx count are the block's. Real mainnet blocks,
 * blocks built from mainnet-shaped transactions with Blockstack outputs in every push form, and random
 * mutations (no crash, no false negative).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanBlock, sieveArena, CoreError } from '../../bindings/core/index.ts';
import { inputBytes, inputView } from '../../bindings/core/wasm.ts';
import { xorInPlace } from '../../bindings/chain/blkfiles-write.ts';
import { ByteSink, Rng, pushData, scripts, shape, writeTx, type Kind, type OutPoint } from '../../bindings/synth/txs.ts';

const data = new URL('../../../shared/data/', import.meta.url);

/** Sieve `block` (obfuscated with `key` from `fileOffset` when given) in the arena; also returns the arena after. */
function sieve(block: Uint8Array, key?: Uint8Array, fileOffset = 0) {
  const v = inputView(block.length);
  v.set(block);
  if (key) xorInPlace(v, key, fileOffset);
  const s = sieveArena(block.length, { key, fileOffset });
  return { ...s, after: Uint8Array.from(inputBytes(block.length)) };
}
const matches = (block: Uint8Array): number => scanBlock(block, 'id', { trusted: true }).txs.length;

const KINDS: Kind[] = ['p2pkh', 'p2sh', 'p2wpkh', 'p2wsh', 'p2tr', 'multi', 'batch', 'opret'];

/** A block of `n` mainnet-shaped transactions; `extra(i)` may add outputs to tx i. */
function block(rng: Rng, n: number, extra: (i: number) => { value: number; script: Uint8Array }[] = () => []): Uint8Array {
  const w = new ByteSink(1 << 16);
  w.bytes(rng.bytes(80)).varint(n);
  const prev = (): OutPoint => ({ txid: rng.bytes(32), vout: rng.int(4) });
  for (let i = 0; i < n; i++) {
    const kind = KINDS[rng.int(KINDS.length)];
    const { ins, outs } = shape(kind, rng, kind === 'multi' ? [prev(), prev(), prev()] : [prev()]);
    writeTx(w, ins, [...extra(i), ...outs]);
  }
  return Uint8Array.from(w.buf.subarray(0, w.pos));
}

/** OP_RETURN scripts starting with "id" in each push form the rule knows (direct, PUSHDATA1, PUSHDATA2). */
function idScripts(rng: Rng): Uint8Array[] {
  const payload = (n: number): Uint8Array => Buffer.concat([Buffer.from('id'), rng.bytes(n - 2)]);
  return [scripts.nulldata(payload(40)), scripts.nulldata(payload(80)), scripts.nulldata(payload(300)), scripts.nulldata(payload(2))];
}

describe('sieveBlock', () => {
  it('on real mainnet blocks: the header hash and tx count of the block, and no fewer places than scanBlock matches', () => {
    for (const name of ['block413567', 'block702861']) {
      const raw = new Uint8Array(readFileSync(new URL(`${name}.raw`, data)));
      const want = JSON.parse(readFileSync(new URL(`${name}.expected.json`, data), 'utf8'));
      const s = sieve(raw);
      expect(s.hash).toBe(want.hash);
      expect(s.txCount).toBe(want.txCount);
      expect(s.places).toBeGreaterThanOrEqual(matches(raw));
      expect(Buffer.from(s.after).equals(Buffer.from(raw))).toBe(true); // no key: the input is left as it was
    }
  });

  it('finds every push form of a Blockstack output; mainnet-shaped blocks without one have 0 places', () => {
    const rng = new Rng(7);
    let empty = 0;
    for (let t = 0; t < 40; t++) {
      const plain = block(rng, 300);
      expect(matches(plain)).toBe(0);
      if (sieve(plain).places === 0) empty++;
      for (const s of idScripts(rng)) {
        const at = rng.int(300);
        const b = block(rng, 300, (i) => (i === at ? [{ value: 0, script: s }] : []));
        expect(matches(b)).toBe(1);
        expect(sieve(b).places).toBeGreaterThanOrEqual(1);
      }
    }
    // random 72-byte signatures and 32-byte keys hold "6a 0x 69 64" about once in 2^32 byte positions: the
    // sieve must say 0 for (nearly) every ordinary block, or it saves nothing
    expect(empty).toBeGreaterThanOrEqual(38);
  });

  it('counts look-alikes that are not outputs (an upper bound), never a non-OP_RETURN or non-magic push', () => {
    const rng = new Rng(8);
    // "6a 02 69 64" inside a scriptSig: a place, though scanBlock matches nothing
    const w = new ByteSink();
    w.bytes(rng.bytes(80)).varint(1);
    writeTx(w, [{ prev: { txid: rng.bytes(32), vout: 0 }, scriptSig: pushData(Buffer.from('006a02696400', 'hex')), witness: [] }], [{ value: 1, script: scripts.p2pkh(rng.bytes(20)) }]);
    const decoy = Uint8Array.from(w.buf.subarray(0, w.pos));
    expect(matches(decoy)).toBe(0);
    expect(sieve(decoy).places).toBe(1);
    // OP_RETURN pushes of other magics, and "id" after a non-push opcode or not after OP_RETURN: no place
    const other = block(rng, 50, (i) => (i === 3 ? [
      { value: 0, script: scripts.nulldata(Buffer.from('omni-id')) },
      { value: 0, script: Buffer.from('6a516964', 'hex') }, // OP_RETURN OP_1 "id"
      { value: 0, script: Buffer.from('6b026964', 'hex') }, // OP_TOALTSTACK push "id"
    ] : []));
    expect(sieve(other).places).toBe(0);
    // longer magic: every byte counts
    const b = block(rng, 20, (i) => (i === 5 ? [{ value: 0, script: scripts.nulldata(Buffer.from('idXY')) }] : []));
    const v = inputView(b.length); v.set(b);
    expect(sieveArena(b.length, { magic: 'idXY' }).places).toBe(1);
    v.set(b);
    expect(sieveArena(b.length, { magic: 'idXZ' }).places).toBe(0);
  });

  it('counts on obfuscated bytes as on plain ones, at every file offset; de-obfuscates exactly as xorInput when it finds a place', () => {
    const rng = new Rng(9);
    let none = 0;
    for (let t = 0; t < 60; t++) {
      const at = rng.int(100);
      const withId = t % 2 === 0;
      const b = block(rng, 100, (i) => (withId && i === at ? [{ value: 0, script: idScripts(rng)[t % 4] }] : []));
      const key = Uint8Array.from(rng.bytes(8));
      const off = rng.int(1 << 30) + (t % 5 === 0 ? 2 ** 32 : 0);
      const plain = sieve(b), xored = sieve(b, key, off);
      expect({ ...xored, after: 0 }).toEqual({ ...plain, after: 0 });
      if (withId) expect(plain.places).toBeGreaterThanOrEqual(1);
      const stored = Uint8Array.from(b); xorInPlace(stored, key, off);
      // header and count always plain; the rest plain when there is a place, left as stored when there is none
      expect(xored.after.subarray(0, 96)).toEqual(b.subarray(0, 96));
      if (xored.places > 0) expect(xored.after).toEqual(b);
      else { none++; expect(xored.after.subarray(96)).toEqual(stored.subarray(96)); }
    }
    expect(none).toBeGreaterThanOrEqual(25);
  });

  it('with a key, finds a place at every byte position and key phase (SIMD lanes, loop tail)', () => {
    const rng = new Rng(11);
    const key = Uint8Array.from(rng.bytes(8));
    for (const len of [150, 211, 270]) {
      for (let pos = 84; pos <= len - 2; pos++) {
        // zeros after the header and a 1-tx count, with "6a 02" right before "id" at pos
        const b = new Uint8Array(len); b.set(rng.bytes(80)); b[80] = 1;
        b.set([0x6a, 0x02, 0x69, 0x64], pos - 2);
        const off = rng.int(1 << 20);
        expect(sieve(b).places).toBe(1);
        expect(sieve(b, key, off).places).toBe(1);
        b[pos - 2] = 0x6b; // not OP_RETURN
        expect(sieve(b, key, off).places).toBe(0);
      }
    }
  });

  it('rejects bad input with clear errors, and survives random damage without missing a match (fuzz)', () => {
    expect(() => sieve(new Uint8Array(50))).toThrow(CoreError);
    try { sieve(new Uint8Array(50)); } catch (e) { expect((e as CoreError).code).toBe('E_TRUNCATED'); }
    const ok = new Uint8Array(81); ok[80] = 0;
    expect(() => sieve(ok)).toThrow(/E_NO_TXS/);
    expect(() => sieveArena(81, { magic: 'i' })).toThrow(RangeError);
    const rng = new Rng(10);
    const base = block(rng, 200, (i) => (i === 17 ? [{ value: 0, script: idScripts(rng)[0] }] : []));
    for (let t = 0; t < 300; t++) {
      const b = Uint8Array.from(base.subarray(0, t % 3 === 0 ? 81 + rng.int(base.length - 81) : base.length));
      for (let k = rng.int(8); k > 0; k--) b[rng.int(b.length)] = rng.int(256);
      let s: ReturnType<typeof sieve> | null = null;
      try { s = sieve(b); } catch (e) { expect(e).toBeInstanceOf(CoreError); continue; }
      let m: number;
      try { m = matches(b); } catch { continue; } // damaged beyond a walk: scanBlock refuses it
      expect(s.places).toBeGreaterThanOrEqual(m);
    }
  });
});
