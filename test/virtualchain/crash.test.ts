/**
 * Crash safety, both engines: the indexing child process is killed with SIGKILL at random points (≥ 20 times)
 * and restarted; it resumes from the last committed block, and the final database equals a clean run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devnetRules, DevChain, createNameDb, closeNameDbAsync, type NameDb } from '../../bindings/virtualchain/index.ts';
import { openNameDb, openNameDbAt } from '../../bindings/virtualchain/stores.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';
import { extend, snap } from './chain-helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// per-process name: node_modules is shared between worktrees
const CHILD = join(ROOT, `node_modules/.cache/vc-crash-child-${process.pid}.mjs`);
const BLOCKS = 700;
const SEED = 5;
const dir = mkdtempSync(join(tmpdir(), 'vc-crash-'));

beforeAll(async () => {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  await build({ entryPoints: [join(ROOT, 'test/virtualchain/crash-child.ts')], bundle: true, platform: 'node', format: 'esm',
    packages: 'external', outfile: CHILD, logLevel: 'error' });
});
const pgdbs: TestDatabase[] = [];
afterAll(async () => { for (const d of pgdbs) await d.drop(); rmSync(dir, { recursive: true, force: true }); rmSync(CHILD, { force: true }); });

function runChild(path: string, killAfterMs: number | null): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CHILD, path, String(BLOCKS), String(SEED)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const t = killAfterMs === null ? null : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('exit', (code, signal) => { if (t) clearTimeout(t); resolve({ code, signal, out }); });
  });
}

/** Opens the database as a reader (PostgreSQL: no writer lock, so a restarted child is never blocked). */
const openCheck = async (loc: string, rules: ReturnType<typeof devnetRules>): Promise<NameDb> =>
  loc.startsWith('postgres') ? openNameDbAt(loc, rules, { writer: false }) : openNameDb(loc, rules);

describe.each(['sqlite', 'postgres'])('crash test (kill -9 the indexer), %s', (engine) => {
  it('resumes after ≥ 20 SIGKILLs and ends identical to a clean run', async () => {
    const rules = devnetRules(1000);
    const clean = createNameDb(rules);
    extend(clean, new DevChain(rules, SEED, 6), BLOCKS);
    let path = join(dir, 'crash.sqlite');
    const fresh = async () => {
      if (engine === 'sqlite') { for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true }); return; }
      const d = await createTestDatabase('bsk_crash');
      pgdbs.push(d);
      path = d.url;
    };
    await fresh();
    let kills = 0, runs = 0, seed = 99;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const tips: number[] = [];
    for (;;) {
      runs++;
      expect(runs).toBeLessThan(200);
      const r = await runChild(path, kills < 20 ? 300 + Math.floor(rnd() * (engine === 'sqlite' ? 3500 : 2500)) : null);
      if (r.signal === 'SIGKILL') {
        kills++;
        const db = await openCheck(path, rules); // must open cleanly, at a whole block
        tips.push(db.state.lastBlock);
        for (let h = rules.firstBlock; h <= db.state.lastBlock; h++) expect(db.state.consensus.get(h)).toBe(clean.state.consensus.get(h));
        await closeNameDbAsync(db);
        continue;
      }
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(`done ${rules.firstBlock + BLOCKS - 1}`);
      if (kills >= 20) break;
      // Finished before enough kills: check it, then start over with an empty database.
      const done = await openCheck(path, rules);
      expect(snap(done)).toBe(snap(clean));
      await closeNameDbAsync(done);
      await fresh();
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(new Set(tips).size).toBeGreaterThan(5); // killed at many different points
    const db = await openCheck(path, rules);
    expect(snap(db)).toBe(snap(clean));
    await closeNameDbAsync(db);
  }, 300_000);
});
