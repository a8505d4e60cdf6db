/** Starts node-child.ts (bundled with esbuild, per process: node_modules is shared) and talks to it over stdio. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface, type Interface } from 'node:readline';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildNode {
  apiUrl: string; hubUrl: string; rpcUrl: string; vars: Record<string, string>;
  reset(): Promise<void>;
  stats(): Promise<{ cpuMs: number; eldMaxMs: number; eldP99Ms: number; rss: number; heapUsed: number; external: number; arrayBuffers: number }>;
  stop(): Promise<void>;
}

export async function startChildNode(opts: { demo?: boolean; gcOnStats?: boolean } = {}): Promise<ChildNode> {
  const out = join(ROOT, `node_modules/.cache/reliability-node-${process.pid}-${Date.now()}.mjs`);
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  await build({ entryPoints: [join(ROOT, 'test/reliability/node-child.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile: out, logLevel: 'error' });
  const p: ChildProcess = spawn(process.execPath, ['--expose-gc', out, ...(opts.demo ? ['--demo'] : []), ...(opts.gcOnStats ? ['--gc-on-stats'] : [])], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'],
    // glibc keeps freed memory of many per-thread arenas in RSS (multi-MB bodies are freed, not returned);
    // two arenas, as production Node deployments commonly set, keep RSS close to what is really in use
    env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
  });
  const rl: Interface = createInterface({ input: p.stdout! });
  const lines: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  rl.on('line', (l) => { const w = waiters.shift(); if (w) w(l); else lines.push(l); });
  const next = () => new Promise<string>((ok, fail) => {
    if (lines.length) return ok(lines.shift()!);
    const onExit = (c: number | null) => fail(new Error(`node child exited (${c})`));
    p.once('exit', onExit);
    waiters.push((l) => { p.off('exit', onExit); ok(l); });
  });
  const first = JSON.parse(await next());
  rmSync(out, { force: true });
  const cmd = async (c: string) => { p.stdin!.write(c + '\n'); return JSON.parse(await next()); };
  return {
    ...first,
    reset: async () => { await cmd('reset'); },
    stats: () => cmd('stats'),
    stop: () => new Promise<void>((ok) => { if (p.exitCode !== null) return ok(); p.once('exit', () => ok()); p.stdin!.write('stop\n'); setTimeout(() => p.kill('SIGKILL'), 15_000).unref(); }),
  };
}
