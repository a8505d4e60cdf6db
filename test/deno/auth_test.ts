// Auth under Deno: the shared vectors byte-exact, then sign-in through authRoutes served by Deno.serve
// against a real hub, profile publishing, key discovery and an encrypted file shared between two users.
import { strictEqual as assertEquals, ok } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import {
  makeAuthResponse, makeAuthRequest, checkAuthRequest, openAuthResponse, authRoutes, publishProfile, discoverAppKey,
  readSharedFile, sealForUser, putToHub, appPrivateKeyOf, rootFromMnemonic, deriveIdentity, signProfileToken, makeZoneFile,
} from '../../bindings/runtime/deno.ts';
import { devnetWallet } from '../../bindings/wallet/index.ts';
import { createHubApp } from '../../bindings/storage/hub/app.ts';
import { HubServer } from '../../bindings/storage/hub/hub-server.ts';
import { MemoryDriver } from '../../bindings/storage/drivers/memory.ts';

const load = (f: string) => JSON.parse(readFileSync(new URL(`../../../shared/vectors/storage/${f}`, import.meta.url), 'utf8'));

Deno.test('auth vectors: app keys, authRequest, authResponse, profile token byte-exact', () => {
  const k = load('app_key_derivation.json');
  const w = k.wallets[0];
  const id = deriveIdentity(rootFromMnemonic(w.mnemonic), 0);
  assertEquals(appPrivateKeyOf(id, w.accounts[0].apps[0].appDomain), w.accounts[0].apps[0].appPrivateKey);
  const a = load('auth_request_response.json');
  const r = a.authResponse;
  const p = r.payload;
  assertEquals(makeAuthResponse({
    identityPrivateKey: r.signerPrivateKey, appPrivateKey: r.appPrivateKey, transitPublicKey: a.transitPublicKey,
    profile: p.profile, profileUrl: p.profile_url, hubUrl: p.hubUrl, apiUrl: p.blockstackAPIUrl, nowSec: a.evaluatedAtUnix,
    expiresAtSec: p.exp, jti: p.jti,
    fixed: { ephemeralPrivateKey: r.transitEphemeralPrivateKey, iv: r.privateKeyFieldDecoded.iv, associationSalt: r.transitIv },
  }), r.token);
  ok(checkAuthRequest(a.authRequest.token, a.evaluatedAtUnix).ok);
  assertEquals(checkAuthRequest(a.authRequestRedirectMismatch.token, a.evaluatedAtUnix).ok, false);
  const pv = load('profile.json');
  const d = JSON.parse(pv.tokenParts.payloadJson);
  assertEquals(signProfileToken(pv.claim, pv.signerPrivateKey, { issuedAt: new Date(d.iat), expiresAt: new Date(d.exp), jti: d.jti }), pv.token);
});

Deno.test('sign-in, profiles, key discovery and sharing on loopback (Deno.serve + hub)', async () => {
  // the project's Gaia hub (storage area) over its in-memory driver: Deno tests run without --allow-write
  const hubServer = new HubServer({ driver: new MemoryDriver() });
  const hubApp = createHubApp(hubServer);
  const hubListener = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, (req) => hubApp.fetch(req));
  const hub = { url: `http://127.0.0.1:${hubListener.addr.port}` };
  hubServer.readUrlPrefix = `${hub.url}/read/`;
  const wallet = devnetWallet(['alice.id', 'bob.id']);
  const origin = 'http://localhost:3000';
  const profiles = new Map<string, string>();
  const app = new Hono();
  app.get('/v1/names/:name', (c) => {
    const rec = wallet.find(c.req.param('name'));
    const target = profiles.get(c.req.param('name'));
    if (!rec || !target) return c.json({ status: 'available' }, 404);
    return c.json({ address: rec.identityAddress, zonefile: makeZoneFile({ $origin: rec.name!, $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target }] }) });
  });
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, (req, info) => app.fetch(req, info));
  const api = `http://127.0.0.1:${server.addr.port}`;
  const ctx = { wallet, hubUrl: hub.url, apiUrl: api };
  app.route('/', authRoutes({ ...ctx, autoApprove: 'bob.id' }));
  try {
    for (const n of ['alice.id', 'bob.id']) profiles.set(n, await publishProfile(ctx, n));
    const transit = '5a'.repeat(32);
    const req = makeAuthRequest({ transitPrivateKey: transit, appDomain: origin, scopes: ['store_write', 'publish_data'] });
    const res = await fetch(`${api}/auth?authRequest=${req}`, { headers: { Accept: 'application/json' } });
    assertEquals(res.status, 200);
    const { authResponse } = await res.json();
    const bobKey = openAuthResponse(authResponse, transit).appPrivateKey;
    assertEquals(bobKey, wallet.appPrivateKey('bob.id', origin));
    const bad = await fetch(`${api}/auth?authRequest=nope`, { headers: { Accept: 'application/json' } });
    assertEquals(bad.status, 400);
    assertEquals((await bad.json()).code, 'E_AUTH_REQUEST_MALFORMED');

    const bob = await discoverAppKey('bob.id', origin, { apiUrl: api });
    const aliceKey = wallet.appPrivateKey('alice.id', origin);
    await putToHub({ hubUrl: hub.url, privateKey: aliceKey }, 'note.json', sealForUser(aliceKey, bob.appPublicKey!, 'from deno'), 'application/json');
    // alice has not published this app: readers find no bucket until she does
    let err: unknown;
    try { await readSharedFile('alice.id', origin, 'note.json', { apiUrl: api }); } catch (e) { err = e; }
    assertEquals((err as { code?: string }).code, 'E_APP_NOT_FOUND');
    const { withApp, bucketUrlOf, getHubInfo, publicKeyOf, btcAddressOf } = await import('../../bindings/auth/index.ts');
    const info = await getHubInfo(hub.url);
    const alicePub = publicKeyOf(aliceKey);
    await publishProfile(ctx, 'alice.id', withApp(wallet.find('alice.id')!.profile, origin, bucketUrlOf(info.read_url_prefix, btcAddressOf(alicePub)), alicePub));
    assertEquals(await readSharedFile('alice.id', origin, 'note.json', { apiUrl: api, verify: true, decryptKey: bobKey, fresh: true }), 'from deno');
  } finally {
    await server.shutdown();
    await hubListener.shutdown();
  }
});
