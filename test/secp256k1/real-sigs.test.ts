// The 3,957 real P2PKH signatures of block 413,567: all verify (single and batch, DER and compact), and
// flipping a bit of the digest, the signature or the key makes them fail.
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { verify, verifyBatch, CoreError, core } from '../../bindings/index.ts';
import { realSigs, rng } from './helpers.ts';

const sigs = realSigs();
const flip = (b: Uint8Array, bit: number): Uint8Array => { const c = b.slice(); c[bit >> 3] ^= 1 << (bit & 7); return c; };

describe('block 413567 signatures', () => {
  it('loads 3,957 signatures (3,661 compressed keys, 296 uncompressed)', () => {
    expect(sigs.length).toBe(3957);
    expect(sigs.filter((s) => s.publicKey.length === 33).length).toBe(3661);
  });

  it('all verify one by one with Bitcoin low-S policy', () => {
    expect(sigs.filter((s) => verify(s.digest, s.signature, s.publicKey, { format: 'der', lowS: true })).length).toBe(3957);
  });

  it('all verify in one batch call, and in compact form', () => {
    expect(verifyBatch(sigs).every(Boolean)).toBe(true);
    const compact = sigs.map((s) => ({ ...s, signature: secp256k1.Signature.fromBytes(s.signature, 'der').toBytes('compact'), format: 'compact' as const }));
    expect(verifyBatch(compact).every(Boolean)).toBe(true);
  });

  it('a random bit flip in digest, signature or key of every signature fails', () => {
    const r = rng(413567);
    const items = [];
    for (const s of sigs) {
      items.push({ ...s, digest: flip(s.digest, r() % 256) });
      items.push({ ...s, signature: flip(s.signature, r() % (s.signature.length * 8)) });
      items.push({ ...s, publicKey: flip(s.publicKey, r() % (s.publicKey.length * 8)) });
    }
    const res = verifyBatch(items);
    expect(res.filter(Boolean).length).toBe(0);
  });

  it('every single-bit flip of 12 signatures (all their bits) fails', () => {
    const r = rng(7);
    let count = 0;
    for (let k = 0; k < 12; k++) {
      const s = sigs[r() % sigs.length];
      const items = [];
      for (let b = 0; b < 256; b++) items.push({ ...s, digest: flip(s.digest, b) });
      for (let b = 0; b < s.signature.length * 8; b++) items.push({ ...s, signature: flip(s.signature, b) });
      for (let b = 0; b < s.publicKey.length * 8; b++) items.push({ ...s, publicKey: flip(s.publicKey, b) });
      count += items.length;
      expect(verifyBatch(items).filter(Boolean).length).toBe(0);
      expect(verify(s.digest, s.signature, s.publicKey)).toBe(true);
    }
    expect(count).toBeGreaterThan(12 * 800);
  });

  it('the high-S twin of a real signature passes only without lowS', () => {
    const s = sigs[0];
    const sig = secp256k1.Signature.fromBytes(s.signature, 'der');
    const high = new secp256k1.Signature(sig.r, secp256k1.Point.CURVE().n - sig.s).toBytes('der');
    expect(verify(s.digest, high, s.publicKey, { lowS: true })).toBe(false);
    expect(verify(s.digest, high, s.publicKey, { lowS: false })).toBe(true);
  });

  it('malformed input is false, never a throw; caller bugs throw TypeError', () => {
    const s = sigs[1];
    expect(verify(s.digest, new Uint8Array(0), s.publicKey)).toBe(false);
    expect(verify(s.digest, new Uint8Array(300), s.publicKey)).toBe(false);
    expect(verify(s.digest, s.signature, new Uint8Array(0))).toBe(false);
    expect(verify(s.digest, s.signature, s.publicKey, { format: 'compact' })).toBe(false);
    expect(verify(s.digest, s.signature, Uint8Array.of(0))).toBe(false);
    expect(() => verify('x' as any, s.signature, s.publicKey)).toThrow(TypeError);
    expect(() => verify(s.digest, s.signature, s.publicKey, { format: 'bogus' as any })).toThrow(TypeError);
    expect(verifyBatch([])).toEqual([]);
    expect(CoreError).toBeTypeOf('function');
  });

  it('raw ABI: lengths past the input arena give E_BAD_ARG (-6), a broken batch frame E_SECP_FRAMING (-20)', () => {
    const c = core();
    const cap = c.inputCap();
    expect(c.secpVerify(64, cap, 0)).toBe(-6);
    expect(c.secpVerify(0x7fffffff, 0x7fffffff, 0)).toBe(-6);
    expect(c.secpVerifyBatch(1, cap + 1)).toBe(-6);
    expect(c.secpPubkeyConvert(cap + 1, 1)).toBe(-6);
    c.inputReserve(40);
    expect(c.secpVerifyBatch(2, 40)).toBe(-20);
    expect(() => verifyBatch([{ digest: new Uint8Array(32), signature: new Uint8Array(8), publicKey: new Uint8Array(33) }])).not.toThrow();
  });
});
