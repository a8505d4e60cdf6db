/**
 * Issue 13 items 4–8, each reproducing the attack on a running node (API, hub, /auth, all on port 0):
 * hub 500s and leaked temp files, REST 500s, busy ports, the /auth javascript: redirect, the hub's identity.
 */
import { readdirSync, existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToGaiaHub } from '../../bindings/storage/client/index.ts';
import { makeAuthRequest } from '../../bindings/auth/auth-request.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { AuthService, HubService } from '../../bindings/node/services.ts';
import { startFixtureNode, type NodeFixture } from './node-fixture.ts';
import { makeHubToken, TEST_KEY } from './hub-token.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

let f: NodeFixture;
beforeAll(async () => { f = await startFixtureNode({ demo: false }); }, 120_000);
afterAll(async () => { await f?.stop(); });

const tmpFiles = () => { const d = join(f.home, 'hub', '.tmp'); return existsSync(d) ? readdirSync(d) : []; };

describe('item 4: hub conflicts are 409/400 with Gaia\'s body, no temp file left, 5xx logged', () => {
  let auth = '';
  let addr = '';
  const store = (path: string, body = 'x') => fetch(`${f.hubUrl}/store/${addr}/${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'text/plain' }, body });
  beforeAll(async () => {
    const hub = await connectToGaiaHub(f.hubUrl, TEST_KEY);
    auth = `bearer ${hub.token}`;
    addr = hub.address;
    expect((await store('d1/inner.txt')).status).toBe(202);
    expect((await store('ok.txt')).status).toBe(202);
  });
  it('writing d1 when d1/ exists → 409 ConflictError', async () => {
    const r = await store('d1');
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'ConflictError' });
  });
  it('writing under a file (ok.txt/child) → 409 ConflictError', async () => {
    const r = await store('ok.txt/child');
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'ConflictError' });
  });
  it('a 300-character name → 400 InvalidInputError', async () => {
    const r = await store('n'.repeat(300));
    expect(r.status).toBe(400);
    expect((await r.json()).message).toMatch(/longer than 255/);
  });
  it('200 failed writes leave no temp file; the original files are intact', async () => {
    const before = tmpFiles().length;
    await Promise.all(Array.from({ length: 200 }, (_, i) => store(i % 2 ? 'd1' : 'ok.txt/child').then((r) => expect(r.status).toBe(409))));
    expect(tmpFiles().length).toBe(before);
    expect(tmpFiles()).toEqual([]);
    expect(await fetch(`${f.hubUrl}/read/${addr}/ok.txt`).then((r) => r.text())).toBe('x');
  });
  it('temp files left by a crash are removed when the hub starts', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const home = mkdtempSync(join(tmpdir(), 'bsk-hubtmp-'));
    mkdirSync(join(home, 'hub', '.tmp'), { recursive: true });
    for (let i = 0; i < 5; i++) writeFileSync(join(home, 'hub', '.tmp', `stale${i}`), 'x');
    const { startHub } = await import('../../bindings/storage/hub/server.ts');
    const h = await startHub({ storageDir: join(home, 'hub') });
    expect(readdirSync(join(home, 'hub', '.tmp'))).toEqual([]);
    await h.close();
    rmSync(home, { recursive: true, force: true });
  });
});

describe('item 5: REST bad input is a 4xx JSON error, never a 500', () => {
  const cases: [string, string, RequestInit | undefined, number][] = [
    ['huge page', '/v1/subdomains?page=100000000000000000', undefined, 400],
    ['huge page on names', '/v1/names?page=99999999999999999999', undefined, 400],
    ['huge history page', '/v1/names/alice.id/history?page=100000000000000000', undefined, 400],
    ['huge consensus height', '/v1/blockchains/bitcoin/consensus/99999999999999999999999', undefined, 400],
    ['stacks huge page', '/stacks/v1/names?page=100000000000000000', undefined, 400],
    ['zonefile body null', '/v1/zonefile', { method: 'POST', body: 'null', headers: { 'content-type': 'application/json' } }, 400],
    ['zonefile body array', '/v1/zonefile', { method: 'POST', body: '[1]', headers: { 'content-type': 'application/json' } }, 400],
    ['zonefile_b64 not base64', '/v1/zonefile', { method: 'POST', body: '{"zonefile_b64":"!!!"}', headers: { 'content-type': 'application/json' } }, 400],
    ['zonefile_b64 bad padding', '/v1/zonefile', { method: 'POST', body: '{"zonefile_b64":"A="}', headers: { 'content-type': 'application/json' } }, 400],
  ];
  for (const [what, path, init, status] of cases) {
    it(`${what}: ${path} → ${status}`, async () => {
      const r = await fetch(f.apiUrl + path, init);
      expect(r.status).toBe(status);
      expect(typeof (await r.json()).error).toBe('string');
    });
  }
});

describe('item 6: ports', () => {
  const busy = async () => {
    const s = net.createServer();
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
    return { port: (s.address() as net.AddressInfo).port, close: () => new Promise<void>((ok) => s.close(() => ok())) };
  };
  for (const [key, flag, service] of [['api', '--port', 'REST API'], ['hub', '--hub-port', 'storage hub'], ['rpc', '--rpc-port', 'devnet bitcoin RPC']] as const) {
    it(`a busy ${service} port names the service and ${flag}`, async () => {
      const b = await busy();
      const home = mkdtempSync(join(tmpdir(), 'bsk-port-'));
      const over: Record<string, unknown> = { api: { port: 0 }, hub: { port: 0 }, devnet: { rpcPort: 0, mining: 'manual' }, atlas: { enabled: false } };
      if (key === 'api') over.api = { port: b.port };
      if (key === 'hub') over.hub = { port: b.port };
      if (key === 'rpc') over.devnet = { rpcPort: b.port, mining: 'manual' };
      const cfg = loadConfig(over, { BLOCKSTACK_HOME: home });
      const hub = new HubService(cfg);
      const err = await BlockstackNode.start(cfg, { logToStderr: 'silent', services: [hub, new AuthService(hub)] }).then(async (n) => { await n.stop(); return null; }, (e) => e);
      await b.close();
      rmSync(home, { recursive: true, force: true });
      expect(err).toMatchObject({ code: 'E_PORT_IN_USE', exitCode: 2 });
      expect(err.message).toContain(service);
      expect(err.message).toContain(`127.0.0.1:${b.port}`);
      expect(err.message).toContain(flag);
    }, 60_000);
  }
  it('port 0 works for every server (the fixture node runs on it)', () => {
    for (const u of [f.apiUrl, f.hubUrl, f.node.rpcUrl!]) expect(Number(new URL(u).port)).toBeGreaterThan(0);
  });
});

describe('item 7: /auth only redirects to http(s) on the app\'s own origin', () => {
  const key = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
  for (const [what, domain, redirect] of [
    ['javascript: with an http-looking path', 'javascript://http://x/%0aalert(1)', 'javascript://http://x/%0aalert(1)'],
    ['data: URL', 'data://http://x/', 'data://http://x/,hi'],
    ['redirect on another origin', 'http://app.example', 'http://evil.example/'],
  ]) {
    it(`${what} is refused before any consent page`, async () => {
      const token = makeAuthRequest({ transitPrivateKey: key, appDomain: domain, redirectURI: redirect, manifestURI: `${domain}/manifest.json` });
      const json = await fetch(`${f.apiUrl}/auth?authRequest=${token}`, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(400);
      expect((await json.json()).code).toMatch(/^E_AUTH_REQUEST_(BAD_REDIRECT|DOMAIN_MISMATCH)$/);
      const page = await fetch(`${f.apiUrl}/auth?authRequest=${token}`);
      expect(page.status).toBe(400);
      expect(await page.text()).not.toContain('name="nonce"');
    });
  }
});

describe('item 8: the node\'s hub has its own identity', () => {
  it('hub_info names this hub, not gaia-0', async () => {
    const info = await fetch(`${f.hubUrl}/hub_info`).then((r) => r.json());
    expect(info.challenge_text).not.toContain('gaia-0');
    expect(info.challenge_text).toContain(new URL(f.hubUrl).host);
  });
  it('a token made for a hub named gaia-0 is refused', async () => {
    const t = makeHubToken(f.hubUrl, JSON.stringify(['gaiahub', '0', 'gaia-0', 'blockstack_storage_please_sign']));
    const r = await fetch(`${f.hubUrl}/store/${t.address}/x.txt`, { method: 'POST', headers: { authorization: `bearer ${t.token}` }, body: 'x' });
    expect(r.status).toBe(401);
  });
  it('a token with the right challenge but another hubUrl is refused; the right one works', async () => {
    const info = await fetch(`${f.hubUrl}/hub_info`).then((r) => r.json());
    const other = makeHubToken('https://hub.elsewhere.example', info.challenge_text);
    const bad = await fetch(`${f.hubUrl}/store/${other.address}/x.txt`, { method: 'POST', headers: { authorization: `bearer ${other.token}` }, body: 'x' });
    expect(bad.status).toBe(401);
    expect((await bad.json()).message).toMatch(/claimed hub url/);
    const good = makeHubToken(f.hubUrl, info.challenge_text);
    const ok = await fetch(`${f.hubUrl}/store/${good.address}/x.txt`, { method: 'POST', headers: { authorization: `bearer ${good.token}` }, body: 'x' });
    expect(ok.status).toBe(202);
  });
});
