// Shared vectors (../shared/vectors/storage): app key derivation, authRequest/authResponse, profile tokens —
// every token byte-identical to what @stacks/auth 7.6, @stacks/profile 7.6 and wallet-sdk 7.4 produced.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  appPrivateKeyOf, deriveIdentity, deriveStxPrivateKey, hashCode, rootFromMnemonic, walletSaltOf,
} from '../../bindings/auth/app-keys.ts';
import { btcAddressOf, publicKeyOf, stacksAddressOf } from '../../bindings/auth/keys.ts';
import { checkAuthRequest, makeAuthRequest } from '../../bindings/auth/auth-request.ts';
import { makeAuthResponse, openAuthResponse } from '../../bindings/auth/auth-response.ts';
import { signatureParts } from '../../bindings/auth/jwt.ts';
import { makeProfileJson, signProfileToken, verifyProfileToken, profileFromTokenFile } from '../../bindings/auth/profile-token.ts';
import { sharedJson } from '../helpers/shared.ts';

const load = (f: string) => sharedJson(`vectors/storage/${f}`);
const keysV = load('app_key_derivation.json');
const authV = load('auth_request_response.json');
const profV = load('profile.json');
const AT = authV.evaluatedAtUnix as number;

describe('app_key_derivation.json', () => {
  it('hashCode cases', () => {
    for (const c of keysV.hashCodeCases) expect(hashCode(c.input)).toBe(c.hashCode);
  });
  for (const w of keysV.wallets) {
    it(`wallet ${w.mnemonic.split(' ').slice(0, 2).join(' ')}…: root, salt, identities, stx keys, app keys`, () => {
      const root = rootFromMnemonic(w.mnemonic, w.bip39Passphrase);
      expect(root.privateExtendedKey).toBe(w.rootXprv);
      expect(walletSaltOf(root)).toBe(w.walletSalt);
      for (const a of w.accounts) {
        const id = deriveIdentity(root, a.index);
        expect(id.dataPrivateKey).toBe(a.dataPrivateKey);
        expect(id.dataPublicKey).toBe(a.dataPublicKey);
        expect(id.identityAddress).toBe(a.identityAddress);
        expect(id.appsNodeKey).toBe(a.appsKey);
        expect(deriveStxPrivateKey(root, a.index)).toBe(a.stxPrivateKey);
        expect(stacksAddressOf(publicKeyOf(a.stxPrivateKey))).toBe(a.stxAddressMainnet);
        for (const app of a.apps) {
          const k = appPrivateKeyOf(id, app.appDomain);
          expect(k).toBe(app.appPrivateKey);
          expect(publicKeyOf(k)).toBe(app.appPublicKey);
          expect(btcAddressOf(publicKeyOf(k))).toBe(app.appBucketAddress);
        }
      }
    });
  }
  it('rejects a bad phrase', () => {
    expect(() => rootFromMnemonic('abandon abandon abandon')).toThrow(/BIP-39/);
  });
});

describe('auth_request_response.json', () => {
  it('authRequest: verifies, and makeAuthRequest reproduces the token byte for byte', () => {
    expect(checkAuthRequest(authV.authRequest.token, AT)).toMatchObject({ ok: true });
    const p = authV.authRequest.payload;
    const t = makeAuthRequest({
      transitPrivateKey: authV.transitPrivateKey, appDomain: p.domain_name, scopes: p.scopes, nowSec: AT,
      jti: p.jti, extraParams: { appDetails: p.appDetails },
    });
    expect(t).toBe(authV.authRequest.token);
  });
  it('redirect URI on another domain and expired requests are refused with their codes', () => {
    expect(authV.authRequestRedirectMismatch.verifyAuthRequest).toBe(false);
    expect(checkAuthRequest(authV.authRequestRedirectMismatch.token, AT)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_DOMAIN_MISMATCH' });
    expect(checkAuthRequest(authV.authRequestExpired.token, AT)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_EXPIRED' });
    // the same valid request is expired an hour and a bit later
    expect(checkAuthRequest(authV.authRequest.token, AT + 3601)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_EXPIRED' });
  });
  it('tampered signature / payload are refused', () => {
    const [h, p, s] = authV.authRequest.token.split('.');
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    expect(checkAuthRequest(`${h}.${p}.${flipped}`, AT)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_BAD_SIGNATURE' });
    expect(checkAuthRequest('not-a-jwt', AT)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_MALFORMED' });
    expect(checkAuthRequest('', AT)).toMatchObject({ ok: false, code: 'E_AUTH_REQUEST_MISSING' });
  });
  it('authResponse: byte-identical token (ECIES transit encryption + association token) and it opens', () => {
    const r = authV.authResponse;
    const p = r.payload;
    const t = makeAuthResponse({
      identityPrivateKey: r.signerPrivateKey, appPrivateKey: r.appPrivateKey, transitPublicKey: authV.transitPublicKey,
      profile: p.profile, profileUrl: p.profile_url, hubUrl: p.hubUrl, apiUrl: p.blockstackAPIUrl,
      nowSec: AT, expiresAtSec: p.exp, jti: p.jti,
      fixed: { ephemeralPrivateKey: r.transitEphemeralPrivateKey, iv: r.privateKeyFieldDecoded.iv, associationSalt: r.transitIv },
    });
    expect(t).toBe(r.token);
    expect(signatureParts(t)).toEqual({ r: r.r, s: r.s });
    const opened = openAuthResponse(r.token, authV.transitPrivateKey, AT);
    expect(opened.appPrivateKey).toBe(r.decryptPrivateKeyResult);
    expect(opened.payload.hubUrl).toBe(r.userDataAfterHandlePendingSignIn.hubUrl);
    expect(opened.payload.associationToken).toBe(r.userDataAfterHandlePendingSignIn.gaiaAssociationToken);
    expect(() => openAuthResponse(r.token, authV.transitPrivateKey, p.exp + 1)).toThrow(/expired/);
    expect(() => openAuthResponse(r.token, r.appPrivateKey, AT)).toThrow(/Decryption failed/);
  });
});

describe('profile.json', () => {
  const d = JSON.parse(profV.tokenParts.payloadJson);
  const now = Date.parse(d.iat) + 1000;
  it('signs the token and the token file byte for byte', () => {
    expect(signProfileToken(profV.claim, profV.signerPrivateKey, { issuedAt: new Date(d.iat), expiresAt: new Date(d.exp), jti: d.jti })).toBe(profV.token);
    expect(makeProfileJson(profV.claim, profV.signerPrivateKey, { issuedAt: new Date(d.iat), jti: d.jti })).toBe(profV.profileJsonFileContent);
  });
  it("'stacks' mode gives @stacks/profile's verdicts exactly", () => {
    const owners: Record<string, string> = {
      withIssuerPublicKey: profV.signerPublicKey,
      withStacksMainnetAddress: profV.signerStacksAddressMainnet,
      withStacksTestnetAddress: stacksAddressOf(profV.signerPublicKey, 26),
      withBtcAddress: profV.signerBtcAddress,
      withOtherKey: publicKeyOf('11'.repeat(32)),
    };
    for (const [k, owner] of Object.entries(owners)) {
      const v = profV.verify[k];
      if (v.ok) expect(verifyProfileToken(profV.token, owner, now, 'stacks').claim).toEqual(profV.claim);
      else expect(() => verifyProfileToken(profV.token, owner, now, 'stacks')).toThrow(v.error);
    }
  });
  it("default 'blockstack' mode also accepts the owner's Bitcoin address (names are BTC-owned)", () => {
    expect(profileFromTokenFile(profV.profileJsonFileContent, profV.signerBtcAddress, now)).toEqual(profV.claim);
    expect(profileFromTokenFile(profV.profileJsonFileContent, profV.nameInfoResponse.address, now)).toEqual(profV.resolveZoneFileToProfileWithStacksAddress);
    expect(() => verifyProfileToken(profV.token, btcAddressOf(publicKeyOf('11'.repeat(32))), now)).toThrow(/does not match/);
    expect(() => verifyProfileToken(profV.token, profV.signerBtcAddress, Date.parse(d.exp) + 1)).toThrow(/expired/);
  });
});
