import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import {
  sha256, sha256d, ripemd160, hash160, hash128, hashBatch, splitDigests, sha256Route, NATIVE_MIN_BYTES, CoreError, core,
} from '../../bindings/index.ts';
import { hex, readJson, ripemdMessage, unhex } from './fixtures.ts';

const nodeHash = (algo: string, b: Uint8Array) => new Uint8Array(createHash(algo).update(b).digest());

describe('SHA-256 (NIST CAVP SHAVS)', () => {
  const { vectors } = readJson('sha256_nist_cavp.json');
  it('has the 129 short and long message vectors', () => expect(vectors.length).toBe(129));
  for (const v of vectors) {
    it(`${v.set} ${v.len_bits} bits`, () => {
      expect(hex(sha256(unhex(v.msg_hex)))).toBe(v.md_hex);
    });
  }
});

describe('RIPEMD-160 (reference and Bitcoin Core vectors)', () => {
  const { vectors } = readJson('ripemd160_vectors.json');
  it('has the 14 vectors', () => expect(vectors.length).toBe(14));
  for (const v of vectors) {
    it(`${v.source} ${v.len_bytes} bytes ${(v.input_ascii ?? JSON.stringify(v.input_repeat ?? v.generator)).slice(0, 30)}`, () => {
      const m = ripemdMessage(v);
      expect(m.length).toBe(v.len_bytes);
      expect(hex(ripemd160(m))).toBe(v.md_hex);
    });
  }
});

describe('hash160, sha256d, hash128', () => {
  it('hash160 of the secp256k1 generator (compressed) is the known address hash', () => {
    const g = unhex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798');
    expect(hex(hash160(g))).toBe('751e76e8199196d454941c45d1b3a323f1433bd6');
  });
  it('hash160 of the empty string', () => {
    expect(hex(hash160(new Uint8Array(0)))).toBe('b472a266d0bd89c13706a4132ccfb16f7c3b9fcb');
  });
  it('hash128 matches the protocol example (NAME_UPDATE)', () => {
    const m = new TextEncoder().encode('jude.id' + '8d8762c37d82360b84cf4d87f32f7754');
    expect(hex(hash128(m))).toBe('d1062edb9ec9c85ad1aca6d37f2f5793');
  });
  it('agrees with node:crypto and @noble/hashes for every length 0..300 (block boundaries)', () => {
    for (let len = 0; len <= 300; len++) {
      const m = new Uint8Array(len).map((_, i) => (i * 131 + len) & 0xff);
      const s = nodeHash('sha256', m);
      expect(hex(sha256(m))).toBe(hex(s));
      expect(hex(sha256(m))).toBe(hex(nobleSha256(m)));
      expect(hex(sha256d(m))).toBe(hex(nodeHash('sha256', s)));
      expect(hex(ripemd160(m))).toBe(hex(nobleRipemd160(m)));
      expect(hex(hash160(m))).toBe(hex(nobleRipemd160(s)));
      expect(hex(hash128(m))).toBe(hex(s.subarray(0, 16)));
    }
  });
  it('routes large messages to node:crypto in Node and gets the same digests', () => {
    expect(sha256Route(NATIVE_MIN_BYTES)).toBe('native');
    expect(sha256Route(64)).toBe('wasm');
    const big = new Uint8Array(1 << 20).map((_, i) => i * 7);
    expect(hex(sha256(big))).toBe(hex(nobleSha256(big)));
    expect(hex(sha256d(big))).toBe(hex(nobleSha256(nobleSha256(big))));
    expect(hex(hash160(big))).toBe(hex(nobleRipemd160(nobleSha256(big))));
    // the WASM path for the same size (the raw entry point) agrees too
    const ex = core();
    const p = ex.inputReserve(big.length);
    new Uint8Array(ex.memory.buffer).set(big, p);
    expect(ex.hashOne(0, big.length)).toBe(32);
    expect(hex(new Uint8Array(ex.memory.buffer, ex.outputPtr(), 32))).toBe(hex(nobleSha256(big)));
  });
});

describe('hashBatch', () => {
  const msgs = Array.from({ length: 257 }, (_, i) => new Uint8Array(i % 140).map((_, j) => i ^ j));
  for (const algo of ['sha256', 'sha256d', 'ripemd160', 'hash160', 'hash128'] as const) {
    it(`${algo}: variable-length batch equals one-by-one`, () => {
      const one = { sha256, sha256d, ripemd160, hash160, hash128 }[algo];
      const all = splitDigests(hashBatch(msgs, algo), algo);
      expect(all.length).toBe(msgs.length);
      msgs.forEach((m, i) => expect(hex(all[i])).toBe(hex(one(m))));
    });
  }
  it('fixed-size batch of 64-byte messages', () => {
    const n = 1000;
    const data = new Uint8Array(64 * n).map((_, i) => (i * 13) & 0xff);
    const out = hashBatch(data, 'sha256', 64);
    expect(out.length).toBe(32 * n);
    for (let i = 0; i < n; i += 97) expect(hex(out.subarray(32 * i, 32 * i + 32))).toBe(hex(nobleSha256(data.subarray(64 * i, 64 * i + 64))));
  });
  it('fixed-size batch of 33-byte keys with hash160', () => {
    const n = 300;
    const data = new Uint8Array(33 * n).map((_, i) => (i * 29 + 5) & 0xff);
    const out = hashBatch(data, 'hash160', 33);
    for (let i = 0; i < n; i++) expect(hex(out.subarray(20 * i, 20 * i + 20))).toBe(hex(nobleRipemd160(nobleSha256(data.subarray(33 * i, 33 * i + 33)))));
  });
  it('fixed-size batches of every tail shape and count (lockstep SIMD groups plus remainders)', () => {
    for (const len of [0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120, 128, 200]) {
      for (const count of [1, 3, 4, 5, 7, 9, 1003]) {
        const data = new Uint8Array(len * count).map((_, i) => (i * 37 + len) & 0xff);
        for (const algo of ['sha256', 'sha256d', 'hash160'] as const) {
          const out = hashBatch(data, algo, Math.max(len, 1) === len ? len : 1);
          if (len === 0) continue;
          const ds = algo === 'hash160' ? 20 : 32;
          for (let i = 0; i < count; i += count > 50 ? 97 : 1) {
            const m = data.subarray(len * i, len * i + len);
            const e = algo === 'sha256' ? nobleSha256(m) : algo === 'sha256d' ? nobleSha256(nobleSha256(m)) : nobleRipemd160(nobleSha256(m));
            expect(hex(out.subarray(ds * i, ds * i + ds)), `${algo} len ${len} count ${count} i ${i}`).toBe(hex(e));
          }
        }
      }
    }
  });
  it('an empty batch returns no digests', () => {
    expect(hashBatch([], 'sha256').length).toBe(0);
  });
  it('rejects misuse with typed errors and bad raw arguments with core codes', () => {
    expect(() => hashBatch(new Uint8Array(10), 'sha256', 3)).toThrow(RangeError);
    expect(() => hashBatch([], 'md5' as any)).toThrow(RangeError);
    expect(() => sha256('abc' as any)).toThrow(TypeError);
    const ex = core();
    expect(ex.hashOne(9, 0)).toBe(-6);
    expect(ex.hashBatch(0, -5, 1)).toBe(-6);
    expect(ex.hashBatch(0, 0x7fffffff, 0x7fffffff)).toBe(-5);
    expect(ex.hashBatch(0, 10_000_000, 0)).toBe(-5); // result arena bound, even for empty messages
    const p = ex.inputReserve(8);
    new DataView(ex.memory.buffer).setUint32(p, 0xffffff00, true);
    expect(ex.hashBatch(0, 1, -1)).toBe(-1);
    expect(CoreError).toBeTypeOf('function');
  });
});
