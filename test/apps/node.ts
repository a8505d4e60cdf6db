// A real `blockstack start` (devnet, demo names with `_pubsub` and mailto records, hub, /auth
// auto-approving alice.id and bob.id for the CLIs, /pubsub, the pages) in a throwaway home, plus
// helpers to run the app CLIs against it and to reach the hub's files on disk (to tamper with them).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const freePort = (): Promise<number> => new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => ok(p)); }); });

export interface TestNode { api: string; home: string; appsHome: string; proc: ChildProcess; out: string; stop(): Promise<void> }

/** `env`: more environment for the node (e.g. BLOCKSTACK_SMTP_URL: the mail notice relay). */
export async function startNode(env: Record<string, string> = {}): Promise<TestNode> {
  const home = mkdtempSync(join(tmpdir(), 'bsk-apps-'));
  const appsHome = join(home, 'apps-sessions');
  const port = await freePort();
  const proc = spawn(process.execPath, ['bin/blockstack.js', 'start', '--auth-approve', 'alice.id,bob.id,carol.id'], {
    cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home, PORT: String(port), BLOCKSTACK_DEVNET_RPC_PORT: '0', BLOCKSTACK_HUB_PORT: '0', BLOCKSTACK_DNS_PORT: '', BLOCKSTACK_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ready line within 90 s\n${out}\n${err}`)), 90_000);
    proc.stdout!.on('data', (d) => { out += d; if (/Ctrl-C stops/.test(out)) { clearTimeout(timer); ok(); } });
    proc.stderr!.on('data', (d) => { err += d; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited ${code}\n${out}\n${err}`)); });
  });
  proc.removeAllListeners('exit');
  return {
    api: `http://127.0.0.1:${port}`, home, appsHome, proc, out,
    async stop() {
      if (proc.exitCode === null) await new Promise((ok) => { proc.on('exit', ok); proc.kill('SIGINT'); setTimeout(() => proc.kill('SIGKILL'), 10_000).unref(); });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface Run { code: number; out: string; err: string; json<T = any>(): T }

/** Run an app CLI (the built bundle) against the node. */
export function app(n: TestNode, name: string, args: string[]): Promise<Run> {
  return new Promise((ok) => {
    execFile(process.execPath, [join(root, 'dist/apps', `${name}-cli.js`), ...args], { env: { ...process.env, BLOCKSTACK_APPS_HOME: n.appsHome, BLOCKSTACK_NODE_URL: n.api }, timeout: 60_000 }, (e, out, err) => {
      const code = e ? (typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : 1) : 0;
      ok({ code, out, err, json: () => JSON.parse(out.trim().split('\n').pop()!) });
    });
  });
}

/** The hub's copy of `path` in whichever bucket holds it. */
export function hubFile(n: TestNode, path: string): string {
  const hub = join(n.home, 'hub');
  const hits: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d)) { if (e === '.gaia-metadata') continue; const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith(`/${path}`)) hits.push(p); } };
  walk(hub);
  if (hits.length !== 1) throw new Error(`${path}: ${hits.length} copies on the hub: ${hits.join(" ")}`);
  return hits[0];
}
