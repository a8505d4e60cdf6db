/**
 * jsontokens and @stacks/encryption accept what we produce, and we accept what they produce
 * (fresh random material each run, so this is beyond the fixed vectors).
 */
import { describe, expect, it } from 'vitest';
import { TokenSigner, TokenVerifier, decodeToken } from 'jsontokens';
import * as stacksEnc from '@stacks/encryption';
import { signJwt, verifyJwt, decodeJwt, encryptContent, decryptContent, encryptECIES, decryptECIES, signECDSA, verifyECDSA, makeManifest, publicKeyFromPrivate, openSignedEnvelope, addressFromPrivateKey } from '../../bindings/storage/index.ts';
import { makeAuthToken } from '../../bindings/storage/client/hub-connection.ts';
import { bytesToHex, randomBytes } from '../../bindings/storage/crypto/keys.ts';
import { validateAuthorization } from '../../bindings/storage/hub/auth-token.ts';

const key = () => bytesToHex(stacksEnc.makeECPrivateKey ? Uint8Array.from(Buffer.from(stacksEnc.makeECPrivateKey(), 'hex')) : randomBytes(32));

describe('jsontokens', () => {
  it('verifies our JWTs (tokens, manifests) and produces identical bytes; we verify theirs', () => {
    for (let i = 0; i < 20; i++) {
      const k = key();
      const pub = publicKeyFromPrivate(k);
      const payload = { i, iss: pub, s: 'x'.repeat(i), nested: { a: [1, 2] }, n: null };
      const ours = signJwt(payload, k);
      const theirs = new TokenSigner('ES256K', k).sign(payload) as string;
      expect(ours).toBe(theirs);
      expect(new TokenVerifier('ES256K', pub).verify(ours)).toBe(true);
      expect(verifyJwt(theirs, pub)).toBe(true);
      expect(decodeJwt(theirs).payload).toEqual(decodeToken(ours).payload);
      const man = makeManifest(k, { path: 'p', version: i + 1, timestamp: 1, size: 0, sha256: '00', prev: null });
      expect(new TokenVerifier('ES256K', pub).verify(man)).toBe(true);
      const hubToken = makeAuthToken('["gaiahub","0","h","blockstack_storage_please_sign"]', 'https://h', k).slice(3);
      expect(new TokenVerifier('ES256K', pub).verify(hubToken)).toBe(true);
    }
  });
});

describe('@stacks/encryption', () => {
  it('ECIES both ways (hex and base64, string and bytes)', async () => {
    for (const enc of ['hex', 'base64'] as const) {
      const k = key();
      const pub = publicKeyFromPrivate(k);
      const ours = encryptECIES(pub, 'hello ü', { cipherTextEncoding: enc });
      expect(await stacksEnc.decryptECIES(k, ours as never)).toBe('hello ü');
      const theirs = await stacksEnc.encryptECIES(pub, new Uint8Array([1, 2, 3]), false, enc);
      expect(decryptECIES(k, theirs as never)).toEqual(new Uint8Array([1, 2, 3]));
    }
  });

  it('encryptContent / decryptContent (plain and signed envelopes) both ways', async () => {
    const k = key();
    const ours = encryptContent('secret', { privateKey: k });
    expect(await stacksEnc.decryptContent(ours, { privateKey: k })).toBe('secret');
    const theirs = await stacksEnc.encryptContent('their secret', { privateKey: k });
    expect(decryptContent(theirs, { privateKey: k })).toBe('their secret');
    const theirsSigned = await stacksEnc.encryptContent('signed', { privateKey: k, sign: true });
    expect(openSignedEnvelope(theirsSigned, { privateKey: k, expectedAddress: addressFromPrivateKey(k) })).toBe('signed');
    const oursSigned = JSON.parse(encryptContent('ours signed', { privateKey: k, sign: true }));
    expect(stacksEnc.verifyECDSA(oursSigned.cipherText, oursSigned.publicKey, oursSigned.signature)).toBe(true);
    expect(await stacksEnc.decryptContent(oursSigned.cipherText, { privateKey: k })).toBe('ours signed');
  });

  it('signECDSA / verifyECDSA identical and cross-verifying; v0 tokens from their signer validate', () => {
    for (let i = 0; i < 20; i++) {
      const k = key();
      const msg = `message ${i}`;
      const ours = signECDSA(k, msg);
      expect(ours).toEqual(stacksEnc.signECDSA(k, msg));
      expect(stacksEnc.verifyECDSA(msg, ours.publicKey, ours.signature)).toBe(true);
      expect(verifyECDSA(msg, ours.publicKey, ours.signature)).toBe(true);
      expect(verifyECDSA(msg + '!', ours.publicKey, ours.signature)).toBe(false);
      const challenge = '["gaiahub","0","h.example","blockstack_storage_please_sign"]';
      const sig = stacksEnc.signECDSA(k, challenge);
      const v0 = Buffer.from(JSON.stringify({ publickey: sig.publicKey, signature: sig.signature })).toString('base64');
      expect(validateAuthorization(`bearer ${v0}`, addressFromPrivateKey(k), { serverName: 'h.example' }).version).toBe('v0');
      expect(addressFromPrivateKey(k)).toBe(stacksEnc.publicKeyToBtcAddress(ours.publicKey));
    }
  });
});
