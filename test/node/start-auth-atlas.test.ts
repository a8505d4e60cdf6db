/**
 * `blockstack start --auth-approve alice.id` (the interface scripts rely on, issue 9) in a temp
 * BLOCKSTACK_HOME: an unmodified @stacks/auth app makes its auth request, our /auth answers
 * `{"authResponse": …}` for a loopback JSON caller, the token decodes (jsontokens) to alice.id with an
 * encrypted app private key, and handlePendingSignIn accepts it. The same node serves Atlas XML-RPC at
 * the printed URL (npm `xmlrpc` client as a Core peer) and holds the demo names' zone files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppConfig, UserSession } from '@stacks/auth';
import { decodeToken } from 'jsontokens';
import xmlrpc from 'xmlrpc';

const root = fileURLToPath(new URL('../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'bsk-authe2e-'));
const procs: ChildProcess[] = [];
afterAll(() => { for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL'); rmSync(home, { recursive: true, force: true }); });
const freePort = (): Promise<number> => new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => ok(p)); }); });

function start(args: string[], env: Record<string, string>): Promise<{ proc: ChildProcess; out: string }> {
  const proc = spawn(process.execPath, ['bin/blockstack.js', 'start', ...args], { cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_DEVNET_RPC_PORT: '0', BLOCKSTACK_HUB_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let out = '';
  let err = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ready line within 45 s\n${out}\n${err}`)), 45_000);
    proc.stdout!.on('data', (d) => { out += d; if (/Ctrl-C stops/.test(out)) { clearTimeout(timer); ok({ proc, out }); } });
    proc.stderr!.on('data', (d) => { err += d; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited ${code}\n${out}\n${err}`)); });
  });
}
const stop = (p: ChildProcess): Promise<number | null> => new Promise((ok) => { p.removeAllListeners('exit'); p.on('exit', (c) => ok(c)); p.kill('SIGINT'); });
const call = (port: number, method: string, params: unknown[]): Promise<string> => new Promise((ok, fail) =>
  xmlrpc.createClient({ host: '127.0.0.1', port, path: '/RPC2' }).methodCall(method, params, (e: Error | null, v: string) => (e ? fail(e) : ok(v))));

describe('blockstack start --auth-approve alice.id', () => {
  it('signs an unmodified @stacks/auth request in as alice.id; Atlas answers at the printed URL', async () => {
    const port = await freePort();
    const { proc, out } = await start(['--auth-approve', 'alice.id'], { PORT: String(port) });
    const api = `http://127.0.0.1:${port}`;
    expect(out).toContain(`atlas           ${api}/RPC2`);
    expect(out).toContain('auto-approving loopback JSON sign-ins as alice.id');

    const origin = 'http://localhost:5173';
    const session = new UserSession({ appConfig: new AppConfig(['store_write', 'publish_data'], origin, '/', '/manifest.json', `${api}/stacks`) });
    const req = session.makeAuthRequestToken();
    const res = await fetch(`${api}/auth?authRequest=${req}`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
    const { authResponse } = (await res.json()) as { authResponse: string };
    const payload = decodeToken(authResponse).payload as Record<string, any>;
    expect(payload.username).toBe('alice.id');
    expect(typeof payload.private_key).toBe('string');
    expect(payload.private_key.length).toBeGreaterThan(64); // encrypted to the request's transit key
    expect(payload.hubUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    const data = await session.handlePendingSignIn(authResponse);
    expect(data.decentralizedID).toBe(payload.iss);
    expect(data.appPrivateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(data.coreNode).toBe(api);
    expect(data.profile['@type']).toBe('Person'); // alice.id's signed profile, fetched from the hub
    // a browser-style request (no JSON Accept) is not auto-approved: it gets the consent page
    const page = await fetch(`${api}/auth?authRequest=${session.makeAuthRequestToken()}`);
    expect(await page.text()).toContain('Sign in to');

    // Atlas XML-RPC on the API (Core's path): ping, and the demo zone files are in the inventory
    expect(JSON.parse(await call(port, 'ping', []))).toMatchObject({ status: 'alive' });
    const inv = JSON.parse(await call(port, 'get_zonefile_inventory', [0, 64]));
    expect(inv.status).toBe(true);
    const bits = Buffer.from(inv.inv, 'base64');
    expect(bits[0]! & 0xc0).toBe(0xc0); // slots 0 and 1: alice.id's and bob.id's registrations, both held
    const alice = await fetch(`${api}/v1/names/alice.id`).then((r) => r.json());
    const zf = JSON.parse(await call(port, 'get_zonefiles', [[alice.zonefile_hash]]));
    expect(Buffer.from(zf.zonefiles[alice.zonefile_hash], 'base64').toString()).toBe(alice.zonefile);
    expect(await stop(proc)).toBe(0);
  }, 90_000);

  it('bad --auth-approve / --atlas-peers: clear message, exit 2', async () => {
    const run = (args: string[]) => new Promise<{ code: number | null; err: string }>((ok) => {
      const p = spawn(process.execPath, ['bin/blockstack.js', 'start', ...args], { cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr!.on('data', (d) => { err += d; });
      p.on('exit', (code) => ok({ code, err }));
    });
    const a = await run(['--auth-approve', 'not a name']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--auth-approve expects a name/);
    const b = await run(['--atlas-peers', 'nohostport']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/Atlas peer must be host:port/);
  }, 30_000);
});
