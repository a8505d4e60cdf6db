// Public-key helpers: compress/decompress/validate against @noble/curves, with the invalid encodings SEC 1 rejects.
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { compressPublicKey, decompressPublicKey, isValidPublicKey, CoreError } from '../../bindings/index.ts';
import { hex, realSigs, rng, toHex } from './helpers.ts';

const P = 2n ** 256n - 0x1000003d1n;
const be32 = (x: bigint) => hex(x.toString(16).padStart(64, '0'));

describe('public keys', () => {
  it('round-trips every real key and 500 random keys like @noble/curves', () => {
    const keys = realSigs().map((s) => s.publicKey);
    for (let i = 0; i < 500; i++) keys.push(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), i % 2 === 0));
    for (const k of keys) {
      const pt = secp256k1.Point.fromBytes(k);
      expect(toHex(compressPublicKey(k))).toBe(toHex(pt.toBytes(true)));
      expect(toHex(decompressPublicKey(k))).toBe(toHex(pt.toBytes(false)));
      expect(isValidPublicKey(k)).toBe(true);
    }
  });

  it('rejects hybrid, infinity, off-curve, x >= p and wrong lengths', () => {
    const k = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
    const hybrid = k.slice(); hybrid[0] = 6 + (k[64] & 1);
    const offCurve = k.slice(); offCurve[64] ^= 1;
    const bigX = new Uint8Array(33); bigX[0] = 2; bigX.set(be32(P + 2n - (1n << 256n) + (1n << 256n) - 1n).slice(0, 32), 1);
    const xp = new Uint8Array(33); xp[0] = 2; xp.set(be32(P), 1);
    const yp = k.slice(); yp.set(be32(P), 33);
    for (const bad of [hybrid, offCurve, bigX, xp, yp, Uint8Array.of(0), k.subarray(0, 64), new Uint8Array(33), new Uint8Array(65)]) {
      expect(isValidPublicKey(bad)).toBe(false);
      let ok = true;
      try { secp256k1.Point.fromBytes(bad).assertValidity(); } catch { ok = false; }
      expect(ok).toBe(false);
      expect(() => compressPublicKey(bad)).toThrow(CoreError);
    }
    try { decompressPublicKey(hybrid); } catch (e) { expect((e as CoreError).code).toBe('E_SECP_PUBKEY'); }
  });

  it('x with no square root (not on the curve) is rejected like @noble/curves', () => {
    const r = rng(3);
    let rejected = 0;
    for (let i = 0; i < 300; i++) {
      const key = new Uint8Array(33); key[0] = 2 + (r() & 1);
      for (let j = 1; j < 33; j++) key[j] = r() & 255;
      let nobleOk = true;
      try { secp256k1.Point.fromBytes(key); } catch { nobleOk = false; }
      expect(isValidPublicKey(key)).toBe(nobleOk);
      if (!nobleOk) rejected++;
    }
    expect(rejected).toBeGreaterThan(100);
  });
});
