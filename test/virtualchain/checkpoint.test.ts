/**
 * WAL checkpoints on a worker thread (db/checkpointer.ts): the writer's connection never checkpoints, the
 * worker copies the WAL and restarts it (so the WAL file stops growing), the database reopens to the same
 * state, a worker that cannot run hands the checkpoints back to the writer, and close never leaves a WAL.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeNameDb, devnetRules, DevChain, type NameDb } from '../../bindings/virtualchain/index.ts';
import { Checkpointer } from '../../bindings/virtualchain/db/checkpointer.ts';
import type { SqliteBackend } from '../../bindings/virtualchain/db/sqlite.ts';
import { openNameDb } from '../../bindings/virtualchain/stores.ts';
import { until } from '../helpers/until.ts';
import { extend, snap } from './chain-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'vc-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backend = (db: NameDb) => db.backend as SqliteBackend;
const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('SQLite WAL checkpoints on a worker thread', () => {
  const rules = devnetRules(1000);

  it('the worker checkpoints and restarts the WAL; the writer never does; reopening gives the same state', async () => {
    const path = join(dir, 'worker.sqlite');
    const db = openNameDb(path, rules, { checkpointer: { every: 8, restartFrames: 64, idleMs: 50 } });
    const ck = backend(db).checkpointer!;
    expect(ck).not.toBeNull();
    expect(backend(db).db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const gen = new DevChain(rules, 7, 6);
    // commit in slices so the worker (started asynchronously) gets to run between them
    for (let i = 0; i < 12; i++) { extend(db, gen, 20); await pause(10); }
    await until('a WAL restart by the worker', () => ck.stats().restarts > 0);
    expect(ck.stats().passes).toBeGreaterThan(0);
    expect(ck.stats().failed).toBe(false);
    const size = statSync(path + '-wal').size;
    // 240 blocks write ~1,700 frames; with restarts every 64 frames the file is reused from its beginning
    expect(size).toBeLessThan(1700 * 4120 / 2);
    extend(db, gen, 3);
    const restarts = ck.stats().restarts;
    await until('the restart once the writer is idle', () => ck.stats().restarts > restarts);
    const before = snap(db);
    closeNameDb(db);
    expect(existsSync(path + '-wal')).toBe(false); // the writer's close is the last one: WAL checkpointed and removed
    const again = openNameDb(path, rules);
    expect(snap(again)).toBe(before);
    closeNameDb(again);
  });

  it("'inline' keeps SQLite's auto-checkpoint and starts no worker", () => {
    const db = openNameDb(join(dir, 'inline.sqlite'), rules, { checkpoints: 'inline' });
    expect(backend(db).checkpointer).toBeNull();
    expect(backend(db).db.pragma('wal_autocheckpoint', { simple: true })).toBe(8192);
    closeNameDb(db);
  });

  it('a worker that cannot open the database hands the checkpoints to the writer', async () => {
    let inline = 0;
    const ck = new Checkpointer(join(dir, 'missing', 'none.sqlite'), () => { inline++; }, { every: 2 });
    await until('the worker to fail', () => ck.stats().failed);
    for (let i = 0; i < 10; i++) ck.committed();
    expect(inline).toBe(5);
    ck.close();
  });

  it('closing right after opening does not wait for the worker', () => {
    const path = join(dir, 'quick.sqlite');
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      const db = openNameDb(path, rules);
      closeNameDb(db);
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(existsSync(path + '-wal')).toBe(false);
    }
  });
});
