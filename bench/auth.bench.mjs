// Auth hot paths vs the npm peers measured in the same run: ES256K JWT sign/verify (jsontokens 4),
// ECIES encrypt/decrypt (@stacks/encryption 7.6), authResponse (@stacks/auth 7.6 makeAuthResponse),
// authRequest verification (@stacks/auth verifyAuthRequest), app key derivation (ours only).
import { Benchmark } from './peers/index.mjs';
import { TokenSigner, TokenVerifier } from 'jsontokens';
import { encryptECIES as sEnc, decryptECIES as sDec } from '@stacks/encryption';
import { makeAuthResponse as sMakeAuthResponse, verifyAuthRequest as sVerifyAuthRequest } from '@stacks/auth';
import {
  signJWT, verifyJWT, encryptECIES, decryptECIES, makeAuthResponse, checkAuthRequest, appPrivateKeyOf, deriveIdentity, rootFromMnemonic,
} from '../dist/node.js';

const priv = '6dad38fa92add38d913bdfb2e646ef4ce2a50a2f39853f848a792835626a5690';
const pub = '02ed9b172e392fd595e7918aa0c21a401a6bc1fba3bfd89872d3b92fabd971710c';
const app = '0e3cb69e16dce9355c934f7fe121e509a380f36c8ab2febffd32472a1ff0b6e2';
const transitPub = '032c74beab14bf8c779fb7596356f055a60bc9b6c56a256e72d89993cbd75bf1fa';
const payload = { jti: 'x', iat: 1750000000, exp: 1850000000, iss: 'did:btc-addr:1NBsnVpx9SVD88MxC7tPUE6xxuWt1wigyL', scopes: ['store_write'] };
const token = signJWT(payload, priv);
const msg = 'x'.repeat(1024);
const cipher = encryptECIES(pub, msg);
const { readFileSync } = await import('node:fs');
const vec = JSON.parse(readFileSync(new URL('../../shared/vectors/storage/auth_request_response.json', import.meta.url), 'utf8'));
const authRequest = vec.authRequest.token;
const identity = deriveIdentity(rootFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'), 0);

function run(name, ours, peer, deferred = false) {
  return new Promise((resolve) => {
    const suite = new Benchmark.Suite(name);
    const add = (label, fn) => suite.add(label, deferred ? { defer: true, fn: (d) => fn().then(() => d.resolve()) } : fn);
    add('ours', ours);
    if (peer) add('peer', peer);
    suite.on('complete', function () {
      const o = this[0].hz;
      const p = peer ? this[1].hz : undefined;
      console.log(`${name.padEnd(34)} ours ${o.toFixed(0).padStart(7)} ops/s` + (p ? `   peer ${p.toFixed(0).padStart(7)} ops/s   ratio ${(o / p).toFixed(2)}x` : ''));
      resolve();
    }).run({ async: true });
  });
}

await run('JWT sign (jsontokens)', () => signJWT(payload, priv), () => new TokenSigner('ES256K', priv).sign(payload));
await run('JWT verify (jsontokens)', () => verifyJWT(token, pub), () => new TokenVerifier('ES256K', pub).verify(token));
await run('ECIES encrypt 1 KiB (@stacks/encryption)', () => encryptECIES(pub, msg), () => sEnc(pub, new TextEncoder().encode(msg), true), false);
await run('ECIES decrypt 1 KiB (@stacks/encryption)', async () => decryptECIES(priv, cipher), () => sDec(priv, cipher), true);
await run('authResponse (@stacks/auth)', async () => makeAuthResponse({ identityPrivateKey: priv, appPrivateKey: app, transitPublicKey: transitPub, associationToken: null }),
  () => sMakeAuthResponse(priv, {}, {}, null, app, undefined, transitPub), true);
await run('authRequest verify (@stacks/auth)', async () => checkAuthRequest(authRequest, 1750000000), async () => { await sVerifyAuthRequest(authRequest).catch(() => false); }, true);
await run('app key derivation', () => appPrivateKeyOf(identity, 'https://app.example.org'));
