/**
 * What the README says: `npm start` (= `node bin/blockstack.js start` after the build) in a fresh
 * BLOCKSTACK_HOME prints the API URL within 30 s with alice.id and bob.id registered on the devnet;
 * Ctrl-C stops it; a second start resumes from disk; PORT picks the port; the CLI reads the running node.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'bsk-e2e-'));
const env = { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_DEVNET_RPC_PORT: '0', BLOCKSTACK_HUB_PORT: '0' };
const procs: ChildProcess[] = [];
afterAll(() => { for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL'); rmSync(home, { recursive: true, force: true }); });

const freePort = (): Promise<number> => new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => ok(p)); }); });

function start(extraEnv: Record<string, string>, args: string[] = []): Promise<{ proc: ChildProcess; out: string; ms: number }> {
  const t0 = Date.now();
  const proc = spawn(process.execPath, ['bin/blockstack.js', 'start', ...args], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(proc);
  let out = '';
  let err = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ready line within 30 s\n${out}\n${err}`)), 30_000);
    proc.stdout!.on('data', (d) => { out += d; if (/Ctrl-C stops/.test(out)) { clearTimeout(timer); ok({ proc, out, ms: Date.now() - t0 }); } });
    proc.stderr!.on('data', (d) => { err += d; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited ${code}\n${out}\n${err}`)); });
  });
}
const stop = (p: ChildProcess): Promise<number | null> => new Promise((ok) => { p.removeAllListeners('exit'); p.on('exit', (c) => ok(c)); p.kill('SIGINT'); });
const cli = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((ok) => execFile(process.execPath, ['bin/blockstack.js', ...args], { cwd: root, env }, (e, stdout, stderr) => ok({ code: e ? (e as { code?: number }).code ?? 1 : 0, stdout, stderr })));

describe('npm start end to end', () => {
  it('first start: devnet + node + API + demo names within 30 s, on PORT', async () => {
    expect(existsSync(join(root, 'dist', 'cli.js'))).toBe(true);
    const port = await freePort();
    const { proc, out, ms } = await start({ PORT: String(port) });
    expect(ms).toBeLessThan(30_000);
    expect(out).toContain(`REST API        http://127.0.0.1:${port}`);
    expect(out).toContain('alice.id, bob.id');
    const r = await fetch(`http://127.0.0.1:${port}/v1/names/alice.id`).then((x) => x.json());
    expect(r.status).toBe('registered');
    expect(r.zonefile).toContain('$ORIGIN alice.id');
    // the profile is on the hub and verifies with the unmodified @stacks/auth client
    const { lookupProfile } = await import('@stacks/auth');
    const profile = await lookupProfile({ username: 'alice.id', zoneFileLookupURL: `http://127.0.0.1:${port}/stacks/v1/names` });
    expect(profile['@type']).toBe('Person');
    const look = await cli(['lookup', 'bob.id', '--json']);
    expect(look.code).toBe(0);
    expect(JSON.parse(look.stdout).status).toBe('registered');
    const missing = await cli(['lookup', 'nobody.id']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/not registered/);
    const mined = await cli(['devnet', 'mine', '2', '--json']);
    expect(JSON.parse(mined.stdout).mined).toBe(2);
    expect(await stop(proc)).toBe(0);
  }, 60_000);

  it('second start resumes from disk; --port wins over PORT', async () => {
    const port = await freePort();
    const { proc, out } = await start({ PORT: '1' }, ['--port', String(port)]);
    expect(out).toContain('from disk');
    const r = await fetch(`http://127.0.0.1:${port}/v1/names?page=0`).then((x) => x.json());
    expect(r).toEqual(['alice.id', 'bob.id']);
    const info = await fetch(`http://127.0.0.1:${port}/v1/info`).then((x) => x.json());
    expect(info.last_block_processed).toBeGreaterThan(108);
    expect(await stop(proc)).toBe(0);
  }, 60_000);

  it('bad input: clear message and non-zero exit', async () => {
    const r = await cli(['start', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port must be/);
    const noNode = await cli(['lookup', 'alice.id']);
    expect(noNode.code).toBe(3);
    expect(noNode.stderr).toMatch(/no running node/);
  }, 30_000);
});
