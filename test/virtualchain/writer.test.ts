/**
 * The SQLite store's writer thread (db/writer.ts): blocks are committed in order on a second connection, the
 * indexer is never more than `maxQueue` blocks ahead of the file, reads / flush / close wait for the writer,
 * a failed commit is final (E_VC_STORE_FAILED), and a writer that cannot start hands its blocks back.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBlock, closeNameDb, devnetRules, DevChain, flushNameDb, getBlockOps, rollbackTo, type NameDb } from '../../bindings/virtualchain/index.ts';
import { SqliteWriter } from '../../bindings/virtualchain/db/writer.ts';
import { openNameDb } from '../../bindings/virtualchain/stores.ts';
import { until } from '../helpers/until.ts';
import { extend, snap } from './chain-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'vc-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = devnetRules(1000);
/** The tip as another connection sees the file. */
const fileTip = (path: string): number => {
  const raw = new Database(path, { readonly: true });
  try { return (raw.prepare('SELECT MAX(height) AS h FROM blocks').get() as { h: number | null }).h ?? rules.firstBlock - 1; } finally { raw.close(); }
};
const writerOf = (db: NameDb) => (db.backend as unknown as { writer: SqliteWriter | null }).writer;

describe('SQLite writer thread', () => {
  it('commits every block in order; the file is at most maxQueue blocks behind; flush, reads, rollback and close wait for it', async () => {
    const path = join(dir, 'queue.sqlite');
    const db = openNameDb(path, rules, { writerOptions: { maxQueue: 2 } });
    expect(writerOf(db)).not.toBeNull();
    const gen = new DevChain(rules, 3, 6);
    for (let i = 0; i < 60; i++) {
      extend(db, gen, 1);
      expect(fileTip(path)).toBeGreaterThanOrEqual(db.state.lastBlock - 2);
    }
    await flushNameDb(db);
    expect(fileTip(path)).toBe(db.state.lastBlock);
    extend(db, gen, 5);
    expect(getBlockOps(db, db.state.lastBlock)).not.toBeNull(); // a read waits for the writer
    expect(fileTip(path)).toBe(db.state.lastBlock);
    extend(db, gen, 5);
    rollbackTo(db, db.state.lastBlock - 3); // in the file on return
    expect(fileTip(path)).toBe(db.state.lastBlock);
    extend(db, gen, 5);
    const before = snap(db);
    closeNameDb(db);
    expect(existsSync(path + '-wal')).toBe(false); // the writer stopped first: the caller's close was the last
    const again = openNameDb(path, rules);
    expect(snap(again)).toBe(before);
    closeNameDb(again);
  });

  it("'inline' commits on the caller's thread before applyBlock returns", () => {
    const path = join(dir, 'inline.sqlite');
    const db = openNameDb(path, rules, { writer: 'inline' });
    expect(writerOf(db)).toBeNull();
    extend(db, new DevChain(rules, 3, 6), 3);
    expect(fileTip(path)).toBe(db.state.lastBlock);
    closeNameDb(db);
  });

  it('a failed commit is final: later blocks, flush and reads say the store failed', async () => {
    const path = join(dir, 'fail.sqlite');
    const db = openNameDb(path, rules);
    const gen = new DevChain(rules, 3, 6);
    extend(db, gen, 5);
    await flushNameDb(db);
    const raw = new Database(path);
    raw.exec('DROP TABLE history'); // the writer's next insert fails
    raw.close();
    let err: unknown;
    try { for (let i = 0; i < 200; i++) extend(db, gen, 1); await flushNameDb(db); } catch (e) { err = e; }
    expect((err as { code?: string })?.code).toBe('E_VC_STORE_FAILED');
    expect(String((err as Error).message)).toMatch(/history/);
    const h = db.state.lastBlock + 1;
    expect(() => applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!))).toThrow(/E_VC_STORE_FAILED|reopen/);
    expect(() => closeNameDb(db)).toThrow(/reopen/);
  });

  it('a writer that cannot open its file hands every transaction back', async () => {
    const w = new SqliteWriter(join(dir, 'missing', 'none.sqlite'));
    const id = w.id('INSERT INTO t VALUES (?)');
    w.commit([[id, [1]]]);
    await until('the writer to fail', () => w.failed());
    expect(w.failed()).toBe('start');
    expect(() => w.commit([[id, [2]]])).toThrow();
    expect(w.pending()).toEqual([[[id, [1]]], [[id, [2]]]]);
    expect(w.sql(id)).toBe('INSERT INTO t VALUES (?)');
    w.close();
  });
});
