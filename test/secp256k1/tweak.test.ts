// publicKeyTweakAdd (P + t·G, BIP32 CKDpub) against @noble/curves, on real block keys and random keys and
// tweaks, with the edge cases: t = 0, t = n - 1, t ≥ n, a sum at infinity, bad keys and bad lengths.
import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { publicKeyTweakAdd } from '../../bindings/core/secp256k1.ts';
import { CoreError } from '../../bindings/index.ts';
import { hex, realSigs, toHex } from './helpers.ts';

const Pt = secp256k1.Point;
const N = Pt.CURVE().n;
const be32 = (x: bigint) => hex(x.toString(16).padStart(64, '0'));
const code = (f: () => unknown): string => { try { f(); return 'none'; } catch (e) { return (e as CoreError).code ?? (e as Error).name; } };

describe('publicKeyTweakAdd', () => {
  it('equals P + t·G by @noble/curves for real keys and 400 random keys and tweaks (both key encodings)', () => {
    const keys = realSigs().slice(0, 200).map((s) => s.publicKey);
    for (let i = 0; i < 200; i++) keys.push(secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), i % 2 === 0));
    for (const k of keys) {
      const t = secp256k1.utils.randomSecretKey();
      const want = Pt.fromBytes(k).add(Pt.BASE.multiply(BigInt('0x' + toHex(t)))).toBytes(true);
      expect(toHex(publicKeyTweakAdd(k, t))).toBe(toHex(want));
    }
  });

  it('t = 0 gives P back; t = n − 1 gives P − G; t ≥ n and P + t·G = infinity are E_SECP_TWEAK; bad keys E_SECP_PUBKEY', () => {
    const sk = 12345678901234567890n;
    const P = Pt.BASE.multiply(sk);
    expect(toHex(publicKeyTweakAdd(P.toBytes(false), new Uint8Array(32)))).toBe(toHex(P.toBytes(true)));
    expect(toHex(publicKeyTweakAdd(P.toBytes(true), be32(N - 1n)))).toBe(toHex(P.subtract(Pt.BASE).toBytes(true)));
    expect(code(() => publicKeyTweakAdd(P.toBytes(true), be32(N)))).toBe('E_SECP_TWEAK');
    expect(code(() => publicKeyTweakAdd(P.toBytes(true), be32(2n ** 256n - 1n)))).toBe('E_SECP_TWEAK');
    expect(code(() => publicKeyTweakAdd(P.toBytes(true), be32(N - sk)))).toBe('E_SECP_TWEAK'); // sk·G + (n − sk)·G = infinity
    const bad = P.toBytes(true); bad[0] = 0x05;
    expect(code(() => publicKeyTweakAdd(bad, be32(1n)))).toBe('E_SECP_PUBKEY');
    expect(code(() => publicKeyTweakAdd(new Uint8Array(20), be32(1n)))).toBe('E_SECP_PUBKEY');
    expect(() => publicKeyTweakAdd(P.toBytes(true), new Uint8Array(31))).toThrow(RangeError);
  });
});
