// Interop on loopback: an unmodified @stacks/auth app session signs in through our /auth, then writes
// and reads through our hub with @stacks/storage; @stacks/profile verifies our profile tokens; two users
// share an encrypted, signed file through key discovery; revocation really stops the app's writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { UserSession, AppConfig } from '@stacks/auth';
import { Storage } from '@stacks/storage';
import { verifyProfileToken as stacksVerifyProfileToken, extractProfile } from '@stacks/profile';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { makeZoneFile } from '../../bindings/routing/zonefile/index.ts';
import { devnetWallet } from '../../bindings/wallet/index.ts';
import {
  discoverAppKey, readSharedFile, encryptForUser, clearDiscoveryCache,
  publicKeyOf, stacksAddressOf, makeAuthRequest, profileUrlFromZoneFile,
} from '../../bindings/auth/index.ts';
import { authRoutes, publishProfile, revokeApp, createAuthenticator, type AuthenticatorContext } from '../../bindings/authenticator/index.ts';

const ORIGIN = 'http://localhost:5173';
let hub: RunningHub;
let dir: string;
const servers: { close(cb?: () => void): void }[] = [];
const wallet = devnetWallet(['alice.id', 'bob.id']);
let ctx: AuthenticatorContext;
let nodeUrl = '';
let bobNodeUrl = '';

async function listen(app: Hono): Promise<string> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    servers.push(s);
  });
}

// The node's name API stands in here as a tiny GET /v1/names/:name over the wallet's profiles
// (owner = identity address, zone file with the profile URL), served on loopback.
function nameApi(app: Hono, profileUrls: Map<string, string>) {
  app.get('/v1/names/:name', (c) => {
    const name = c.req.param('name');
    const rec = wallet.find(name);
    const url = profileUrls.get(name);
    if (!rec || !url) return c.json({ status: 'available' }, 404);
    const zonefile = makeZoneFile({ $origin: name, $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: url }] });
    return c.json({ address: rec.identityAddress, blockchain: 'bitcoin', status: 'registered', zonefile });
  });
}

function appSession(): UserSession {
  return new UserSession({ appConfig: new AppConfig(['store_write', 'publish_data'], ORIGIN, '/', '/manifest.json', nodeUrl) });
}

async function signIn(session: UserSession, url: string) {
  const req = session.makeAuthRequestToken();
  const res = await fetch(`${url}/auth?authRequest=${req}`, { headers: { Accept: 'application/json' } });
  expect(res.status).toBe(200);
  const { authResponse } = (await res.json()) as { authResponse: string };
  return session.handlePendingSignIn(authResponse);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auth-interop-'));
  hub = await startHub({ storageDir: dir, port: 0 });
  const profileUrls = new Map<string, string>();
  const node = new Hono();
  nameApi(node, profileUrls);
  nodeUrl = await listen(node);
  ctx = { wallet, hubUrl: hub.url, apiUrl: nodeUrl };
  node.route('/', authRoutes({ ...ctx, autoApprove: 'alice.id' }));
  const bobNode = new Hono();
  bobNode.route('/', authRoutes({ ...ctx, autoApprove: 'bob.id' }));
  bobNodeUrl = await listen(bobNode);
  for (const n of ['alice.id', 'bob.id']) profileUrls.set(n, await publishProfile(ctx, n));
});

afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-in with an unmodified @stacks/auth session', () => {
  it('handlePendingSignIn accepts our authResponse; @stacks/storage writes and reads through the hub', async () => {
    const session = appSession();
    const user = await signIn(session, nodeUrl);
    expect(user.appPrivateKey).toBe(wallet.appPrivateKey('alice.id', ORIGIN));
    expect(user.identityAddress).toBe(wallet.find('alice.id')!.identityAddress);
    expect(user.hubUrl).toBe(hub.url);
    expect(user.coreNode).toBe(nodeUrl);
    expect(typeof user.gaiaAssociationToken).toBe('string');
    expect((user.profile as { apps: Record<string, string> }).apps[ORIGIN]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/read\/1/);
    const storage = new Storage({ userSession: session });
    const url = await storage.putFile('notes/hello.txt', 'hello from alice', { encrypt: true });
    expect(url.startsWith(hub.readUrlPrefix)).toBe(true);
    expect(await storage.getFile('notes/hello.txt', { decrypt: true })).toBe('hello from alice');
    await storage.putFile('plain.json', '{"a":1}', { encrypt: false, contentType: 'application/json' });
    expect(await storage.getFile('plain.json', { decrypt: false })).toBe('{"a":1}');
  });

  it('consent page flow: browser GET shows the page, POST approve redirects with an authResponse', async () => {
    const session = appSession();
    const req = session.makeAuthRequestToken();
    const page = await fetch(`${nodeUrl}/auth?authRequest=${req}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Sign in to');
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(html)![1];
    const post = await fetch(`${nodeUrl}/auth`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({ nonce, name: 'alice.id', decision: 'approve' }),
    });
    expect(post.status).toBe(302);
    const loc = new URL(post.headers.get('location')!);
    expect(loc.origin).toBe(ORIGIN);
    // browser-only default argument: the app reads ?authResponse= from window.location
    const g = globalThis as { location?: unknown };
    g.location = { search: loc.search, origin: ORIGIN };
    try {
      expect((await session.handlePendingSignIn()).appPrivateKey).toBe(wallet.appPrivateKey('alice.id', ORIGIN));
    } finally {
      delete g.location;
    }
    // the nonce is single use
    const again = await fetch(`${nodeUrl}/auth`, { method: 'POST', body: new URLSearchParams({ nonce, name: 'alice.id', decision: 'approve' }), headers: { Accept: 'application/json' } });
    expect(again.status).toBe(403);
  });

  it('bad, expired, mismatched requests and unknown names: clear errors, nothing issued', async () => {
    const transit = '11'.repeat(32);
    const ask = async (token: string, url = nodeUrl) => {
      const r = await fetch(`${url}/auth?authRequest=${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' } });
      return { status: r.status, body: (await r.json()) as { code?: string; authResponse?: string } };
    };
    const now = Math.floor(Date.now() / 1000);
    expect(await ask('garbage')).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_MALFORMED' } });
    expect(await ask('')).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_MISSING' } });
    const expired = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN, nowSec: now - 7200, expiresAtSec: now - 3600 });
    expect(await ask(expired)).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_EXPIRED' } });
    const evil = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN, redirectURI: 'https://evil.example.com/' });
    expect(await ask(evil)).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_DOMAIN_MISMATCH' } });
    const badScope = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN, scopes: ['store_write', 'root'] });
    expect(await ask(badScope)).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_BAD_SCOPE' } });
    const good = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN });
    const [h, p] = good.split('.');
    const forged = `${h}.${p}.${makeAuthRequest({ transitPrivateKey: '22'.repeat(32), appDomain: ORIGIN }).split('.')[2]}`;
    expect(await ask(forged)).toMatchObject({ status: 400, body: { code: 'E_AUTH_REQUEST_BAD_SIGNATURE' } });
    const nobody = new Hono();
    nobody.route('/', authRoutes({ ...ctx, autoApprove: 'mallory.id' }));
    const nobodyUrl = await listen(nobody);
    expect(await ask(good, nobodyUrl)).toMatchObject({ status: 404, body: { code: 'E_UNKNOWN_NAME' } });
    const remote = new Hono();
    remote.route('/', authRoutes({ ...ctx, autoApprove: 'alice.id', remoteAddress: () => '203.0.113.9' }));
    expect(await ask(good, await listen(remote))).toMatchObject({ status: 403, body: { code: 'E_NOT_LOOPBACK' } });
    const noAuto = new Hono();
    noAuto.route('/', authRoutes(ctx));
    expect(await ask(good, await listen(noAuto))).toMatchObject({ status: 403, body: { code: 'E_CONSENT_REQUIRED' } });
  });
});

describe('profiles and key discovery', () => {
  it('@stacks/profile verifies our published profile token (public key and SP address)', async () => {
    const alice = wallet.identity('alice.id');
    const text = await (await fetch(`${hub.readUrlPrefix}${alice.record.identityAddress}/profile.json`)).text();
    const token = JSON.parse(text)[0].token as string;
    expect(stacksVerifyProfileToken(token, alice.keys.dataPublicKey).payload).toBeTruthy();
    expect(stacksVerifyProfileToken(token, stacksAddressOf(alice.keys.dataPublicKey)).payload).toBeTruthy();
    expect(extractProfile(token, alice.keys.dataPublicKey)).toMatchObject({ '@type': 'Person' });
    expect(() => stacksVerifyProfileToken(token, publicKeyOf('33'.repeat(32)))).toThrow();
  });

  it('alice writes a signed file encrypted to bob (discovered key); bob reads and verifies it', async () => {
    clearDiscoveryCache();
    const alice = appSession();
    await signIn(alice, nodeUrl);
    const bob = appSession();
    const bobUser = await signIn(bob, bobNodeUrl);
    const bobApp = await discoverAppKey('bob.id', ORIGIN, { apiUrl: nodeUrl });
    expect(bobApp.appPublicKey).toBe(publicKeyOf(bobUser.appPrivateKey));
    expect(bobApp.owner).toBe(wallet.find('bob.id')!.identityAddress);
    const aliceStorage = new Storage({ userSession: alice });
    await aliceStorage.putFile('for-bob.json', 'meet at noon', { encrypt: bobApp.appPublicKey!, sign: true });
    const got = await readSharedFile('alice.id', ORIGIN, 'for-bob.json', { apiUrl: nodeUrl, verify: true, decryptKey: bobUser.appPrivateKey });
    expect(got).toBe('meet at noon');
    // alice's own key cannot open it; a file signed by someone else fails verification
    await expect(readSharedFile('alice.id', ORIGIN, 'for-bob.json', { apiUrl: nodeUrl, decryptKey: wallet.appPrivateKey('alice.id', ORIGIN) })).rejects.toThrow(/Decryption failed/);
    await new Storage({ userSession: bob }).putFile('for-bob.json', 'forged', { encrypt: bobApp.appPublicKey!, sign: true });
    const forgedUrl = `${bobApp.bucketUrl}for-bob.json`;
    const forged = await (await fetch(forgedUrl)).text();
    const aliceApp = await discoverAppKey('alice.id', ORIGIN, { apiUrl: nodeUrl });
    const fakeFetch = (async (u: string, i?: RequestInit) => (u === `${aliceApp.bucketUrl}for-bob.json` ? new Response(forged) : fetch(u, i))) as typeof fetch;
    await expect(readSharedFile('alice.id', ORIGIN, 'for-bob.json', { apiUrl: nodeUrl, verify: true, decryptKey: bobUser.appPrivateKey, fetch: fakeFetch })).rejects.toThrow(/does not own bucket/);
    // signed, unencrypted: verified against the discovered key through the .sig file
    await aliceStorage.putFile('public.txt', 'hello world', { encrypt: false, sign: true });
    expect(await readSharedFile('alice.id', ORIGIN, 'public.txt', { apiUrl: nodeUrl, verify: true })).toBe('hello world');
    // encryptForUser = what a client uploads for bob
    const box = await encryptForUser('bob.id', ORIGIN, 'x', { apiUrl: nodeUrl });
    expect(JSON.parse(box)).toHaveProperty('ephemeralPK');
  });

  it('discovery errors: unknown name, app without bucket', async () => {
    await expect(discoverAppKey('nobody.id', ORIGIN, { apiUrl: nodeUrl })).rejects.toMatchObject({ code: 'E_UNKNOWN_NAME' });
    await expect(discoverAppKey('bob.id', 'https://other.example', { apiUrl: nodeUrl })).rejects.toMatchObject({ code: 'E_APP_NOT_FOUND' });
  });

  it('revoking an app stops its hub writes and removes it from the profile', async () => {
    const session = appSession();
    await signIn(session, nodeUrl);
    const storage = new Storage({ userSession: session });
    await storage.putFile('before.txt', 'ok', { encrypt: false });
    const g = await revokeApp(ctx, 'alice.id', ORIGIN);
    expect(g.revokedAt).toBeTruthy();
    expect(wallet.grants('alice.id').some((x) => x.origin === ORIGIN)).toBe(false);
    await expect(new Storage({ userSession: session }).putFile('after.txt', 'no', { encrypt: false })).rejects.toThrow();
    await expect(discoverAppKey('alice.id', ORIGIN, { apiUrl: nodeUrl, fresh: true })).rejects.toMatchObject({ code: 'E_APP_NOT_FOUND' });
  });
});

describe('createAuthenticator (what the node mounts)', () => {
  it('devnet wallet, profiles published with their zone files, /auth auto-approves', async () => {
    const a = await createAuthenticator({ devnet: true, hubUrl: hub.url, apiUrl: nodeUrl, autoApprove: 'carol.id' });
    const published = await a.publishProfiles(['carol.id']);
    const carol = published.get('carol.id')!;
    expect(profileUrlFromZoneFile(carol.zonefile)).toBe(carol.profileUrl);
    expect((await fetch(carol.profileUrl)).status).toBe(200);
    const app = new Hono();
    app.route('/', a.routes);
    const url = await listen(app);
    const res = await fetch(`${url}/auth?authRequest=${makeAuthRequest({ transitPrivateKey: '44'.repeat(32), appDomain: ORIGIN })}`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
    await expect(createAuthenticator({ devnet: true, hubUrl: hub.url, autoApprove: 'mallory.id' })).rejects.toMatchObject({ code: 'E_UNKNOWN_NAME' });
  });
});
