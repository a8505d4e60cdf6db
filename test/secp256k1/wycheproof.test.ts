// Wycheproof ECDSA secp256k1 SHA-256: the plain file (high-S accepted) and the Bitcoin file (low-S enforced),
// in DER and converted to compact r‖s where representable; every result must match the file and @noble/curves.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { DER } from '@noble/curves/abstract/weierstrass.js';
import { verify, verifyBatch } from '../../bindings/index.ts';
import { hex, json } from './helpers.ts';

const N = secp256k1.Point.CURVE().n;

function noble(sig: Uint8Array, d: Uint8Array, key: Uint8Array, format: 'der' | 'compact', lowS: boolean): boolean {
  try { return secp256k1.verify(sig, d, key, { prehash: false, format, lowS }); } catch { return false; }
}

/** DER → 64-byte r‖s when both integers fit 32 bytes (otherwise not representable). Range is not checked. */
function toCompact(der: Uint8Array): Uint8Array | undefined {
  let rs: { r: bigint; s: bigint };
  try { rs = DER.toSig(der); } catch { return undefined; }
  if (rs.r >= 1n << 256n || rs.s >= 1n << 256n) return undefined;
  const out = new Uint8Array(64);
  out.set(hex(rs.r.toString(16).padStart(64, '0')), 0);
  out.set(hex(rs.s.toString(16).padStart(64, '0')), 32);
  return out;
}

for (const [file, lowS] of [['wycheproof_ecdsa_secp256k1_sha256_test.json', false], ['wycheproof_ecdsa_secp256k1_sha256_bitcoin_test.json', true]] as const) {
  describe(file, () => {
    const groups = json(file).testGroups;
    const cases: { id: number; key: Uint8Array; d: Uint8Array; sig: Uint8Array; valid: boolean }[] = [];
    for (const g of groups) for (const t of g.tests) {
      cases.push({ id: t.tcId, key: hex(g.publicKey.uncompressed), d: createHash('sha256').update(hex(t.msg)).digest(), sig: hex(t.sig), valid: t.result === 'valid' });
    }

    it(`has the documented number of cases (${cases.length})`, () => {
      expect(cases.length).toBe(lowS ? 463 : 476);
      expect(cases.some((c) => c.valid) && cases.some((c) => !c.valid)).toBe(true);
    });

    it('DER: every case matches the expected result and @noble/curves', () => {
      const bad: number[] = [];
      for (const c of cases) {
        const got = verify(c.d, c.sig, c.key, { format: 'der', lowS });
        if (got !== c.valid || got !== noble(c.sig, c.d, c.key, 'der', lowS)) bad.push(c.id);
      }
      expect(bad).toEqual([]);
    });

    it('DER: the batch entry point gives the same answers', () => {
      const res = verifyBatch(cases.map((c) => ({ digest: c.d, signature: c.sig, publicKey: c.key })), { lowS });
      expect(res).toEqual(cases.map((c) => c.valid));
    });

    it('compact: representable cases agree with @noble/curves, and valid ones stay valid', () => {
      let n = 0;
      const bad: number[] = [];
      for (const c of cases) {
        const cs = toCompact(c.sig);
        if (!cs) continue;
        n++;
        const got = verify(c.d, cs, c.key, { format: 'compact', lowS });
        if (got !== noble(cs, c.d, c.key, 'compact', lowS)) bad.push(c.id);
        if (c.valid && !got) bad.push(c.id);
      }
      expect(bad).toEqual([]);
      expect(n).toBeGreaterThan(150);
    });

    it('compressed keys give the same answers as uncompressed ones', () => {
      const bad: number[] = [];
      for (const c of cases) {
        const comp = secp256k1.Point.fromBytes(c.key).toBytes(true);
        if (verify(c.d, c.sig, comp, { lowS }) !== c.valid) bad.push(c.id);
      }
      expect(bad).toEqual([]);
    });
  });
}

it('order constant used by the tests is secp256k1 n', () => {
  expect(N.toString(16)).toBe('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
});
