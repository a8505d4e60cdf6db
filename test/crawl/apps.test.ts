// The microblog files' sidecar check (crawl/apps verifySigned): the file must be signed by the bucket's own key
// (compressed or uncompressed form), by the profile's appsMeta key when given, and the signature must verify;
// a key that is not a point, a forged signature, another key or a malformed sidecar are refused.
import { describe, expect, it } from 'vitest';
import { base58checkEncode, fromHex, hash160, p2pkhAddress, publicKeyFromPrivate, signECDSA } from '../../bindings/base/index.ts';
import { AppFileError, verifySigned } from '../../bindings/crawl/apps.ts';
import { secp256k1 } from '@noble/curves/secp256k1.js';

const KEY = '9c448616d18ab3fe41a8a0dd34fcd536e1bd7b42b98c8de972db8d41677591ff';
const OTHER = 'd15601966cbd6b81321eefb53dc5c87ebacc90e90bf59109a70b2f3fdb985388';
const pub = publicKeyFromPrivate(KEY);
const bucket = p2pkhAddress(pub);
const body = JSON.stringify({ version: 1, follows: ['alice.id'] });
const buf = (s: string) => Buffer.from(s);
const sidecar = (o: unknown) => buf(JSON.stringify(o));
const reason = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { expect(e).toBeInstanceOf(AppFileError); return (e as AppFileError).reason + ': ' + (e as Error).message; } };

describe('app file sidecars', () => {
  it('accepts the bucket key, compressed or uncompressed, with or without the appsMeta key', () => {
    const sig = signECDSA(KEY, body);
    expect(verifySigned(buf(body), sidecar(sig), bucket)).toEqual(JSON.parse(body));
    expect(verifySigned(buf(body), sidecar(sig), bucket, pub.toUpperCase())).toEqual(JSON.parse(body));
    const unc = Buffer.from(secp256k1.Point.fromHex(pub).toBytes(false)).toString('hex');
    expect(verifySigned(buf(body), sidecar({ ...sig, publicKey: unc }), bucket)).toEqual(JSON.parse(body));
  });
  it('refuses other keys, forged or mismatched signatures, non-points and malformed sidecars', () => {
    const sig = signECDSA(KEY, body);
    expect(reason(() => verifySigned(buf(body + ' '), sidecar(sig), bucket))).toMatch(/^app_signature: signature does not verify/);
    expect(reason(() => verifySigned(buf(body), sidecar(signECDSA(OTHER, body)), bucket))).toMatch(/^app_signature: signed by .*, not the bucket's key/);
    expect(reason(() => verifySigned(buf(body), sidecar(sig), bucket, publicKeyFromPrivate(OTHER)))).toMatch(/appsMeta/);
    // 33 bytes that are no point on the curve, used as the "bucket" of their own hash: the signature check refuses it
    const bogus = '02' + 'ff'.repeat(32);
    expect(reason(() => verifySigned(buf(body), sidecar({ ...sig, publicKey: bogus }), base58checkEncode(0, hash160(fromHex(bogus)))))).toMatch(/^app_signature: signature does not verify/);
    expect(reason(() => verifySigned(buf(body), sidecar({ ...sig, publicKey: 'zz'.repeat(33) }), bucket))).toMatch(/^app_signature: bad public key/);
    expect(reason(() => verifySigned(buf(body), buf('not json'), bucket))).toMatch(/^app_signature: signature sidecar is not JSON/);
    expect(reason(() => verifySigned(buf(body), sidecar({ signature: 1 }), bucket))).toMatch(/^app_signature: signature sidecar lacks/);
    expect(reason(() => verifySigned(buf('{'), sidecar(signECDSA(KEY, '{')), bucket))).toMatch(/^app_malformed/);
  });
});
