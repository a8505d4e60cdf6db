/**
 * The core's ECDSA verifier and @noble/curves agree on every signature storage checks: all vector tokens,
 * .sig files, v0 tokens, plus mutated signatures (flipped bytes, n−s, wrong keys, garbage DER).
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64urlnopad } from '@scure/base';
import { verifyWithCore, verifyWithNoble, ecdsaVerifierName, type SigFormat } from '../../bindings/base/ecdsa.ts';
import { decodePublicKey, hexToBytes, utf8ToBytes } from '../../bindings/storage/crypto/keys.ts';
import { vectors } from './helpers.ts';

type Item = { digest: Uint8Array; sig: Uint8Array; pub: Uint8Array; format: SigFormat };
const N = secp256k1.Point.CURVE().n;

function items(): Item[] {
  const out: Item[] = [];
  const jwt = vectors('jwt_es256k.json');
  for (const c of [...jwt.signCases, ...jwt.verifyCases]) {
    const [h, p, s] = c.token.split('.');
    let sig: Uint8Array;
    try { sig = base64urlnopad.decode(s); } catch { continue; }
    out.push({ digest: sha256(utf8ToBytes(`${h}.${p}`)), sig, pub: decodePublicKey(c.publicKey), format: 'compact' });
  }
  for (const c of vectors('ecies.json').signEcdsaCases) {
    out.push({ digest: hexToBytes(c.sha256), sig: hexToBytes(c.signatureObject.signature), pub: decodePublicKey(c.signatureObject.publicKey), format: 'der' });
  }
  for (const c of vectors('gaia_auth_tokens.json').cases) {
    const m = /^bearer v1:(.+)$/i.exec(c.authorization ?? '');
    if (!m) continue;
    const [h, p, s] = m[1].split('.');
    try {
      const payload = JSON.parse(new TextDecoder().decode(base64urlnopad.decode(p)));
      out.push({ digest: sha256(utf8ToBytes(`${h}.${p}`)), sig: base64urlnopad.decode(s), pub: decodePublicKey(payload.iss), format: 'compact' });
    } catch { /* malformed on purpose */ }
  }
  return out;
}

function mutations(it: Item, rnd: () => number): Item[] {
  const flip = it.sig.slice();
  flip[Math.floor(rnd() * flip.length)] ^= 1 << Math.floor(rnd() * 8);
  const res: Item[] = [{ ...it, sig: flip }, { ...it, digest: sha256(it.digest) }];
  if (it.format === 'compact' && it.sig.length === 64) {
    const s = BigInt('0x' + Buffer.from(it.sig.slice(32)).toString('hex'));
    const ns = hexToBytes((N - s).toString(16).padStart(64, '0'));
    const other = it.sig.slice();
    other.set(ns, 32);
    res.push({ ...it, sig: other });
  }
  res.push({ ...it, sig: it.sig.slice(0, it.sig.length - 1) });
  return res;
}

describe('ECDSA engines agree', () => {
  it('the storage layer uses the core verifier', () => {
    expect(ecdsaVerifierName()).toBe('core');
  });
  it('vectors and 3000 mutations', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const base = items();
    expect(base.length).toBeGreaterThan(40);
    let trueCount = 0;
    let total = 0;
    for (let round = 0; total < 3000; round++) {
      for (const b of base) {
        for (const x of round === 0 ? [b] : mutations(b, rnd)) {
          const opts = { format: x.format, lowS: false };
          const a = verifyWithCore(x.digest, x.sig, x.pub, opts);
          const n = verifyWithNoble(x.digest, x.sig, x.pub, opts);
          expect(a, `item ${total}`).toBe(n);
          if (a) trueCount++;
          total++;
        }
      }
    }
    expect(trueCount).toBeGreaterThan(30);
  });
});
