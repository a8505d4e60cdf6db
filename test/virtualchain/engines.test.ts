/**
 * One matrix, both engines (SQLite file, PostgreSQL throwaway database): every state-machine vector replayed
 * through the persisted store (verdicts, records, consensus hashes block by block, then a reopened database
 * equal to the in-memory replay), reorgs of every depth 1..100 committed and reopened, and the in-place upgrade
 * of a schema-4 database (which had a names table) to the current layout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyBlock, closeNameDbAsync, compareBlock, createNameDb, devnetRules, DevChain, flushNameDb, replayVector, rollbackToAsync, rulesFromScenario, type NameDb, type RuleSet,
} from '../../bindings/virtualchain/index.ts';
import { openNameDbAt } from '../../bindings/virtualchain/stores.ts';
import { PG_BULK, SCHEMA_VERSION } from '../../bindings/virtualchain/db/layout.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';
import { replay, snap } from './chain-helpers.ts';
import { listJson, readJson, SM_DIR } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'vc-engines-'));
let pgdb: TestDatabase;
beforeAll(async () => { pgdb = await createTestDatabase('bsk_engines'); });
afterAll(async () => { await pgdb?.drop(); rmSync(dir, { recursive: true, force: true }); });

type Engine = 'sqlite' | 'postgres';
let fileNo = 0;
/** A fresh, empty store location for `engine`. */
async function freshLocation(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return join(dir, `db-${fileNo++}.sqlite`);
  const c = new pg.Client({ connectionString: pgdb.url });
  await c.connect();
  try {
    const exists = (await c.query("SELECT to_regclass('blocks') AS t")).rows[0].t;
    await c.query(exists ? PG_BULK.truncateAll() : 'SELECT 1');
  } finally { await c.end(); }
  return pgdb.url;
}

/** Runs raw statements against a store location (a SQLite file or the PostgreSQL database); returns the last rows. */
async function rawSql(engine: Engine, loc: string, sql: string[]): Promise<any[]> {
  if (engine === 'sqlite') {
    const db = new Database(loc);
    try { let rows: any[] = []; for (const q of sql) rows = q.startsWith('SELECT') ? db.prepare(q).all() : (db.exec(q), []); return rows; } finally { db.close(); }
  }
  const c = new pg.Client({ connectionString: loc });
  await c.connect();
  try { let rows: any[] = []; for (const q of sql) rows = (await c.query(q)).rows; return rows; } finally { await c.end(); }
}

describe.each(['sqlite', 'postgres'] as Engine[])('%s store', (engine) => {
  it('upgrades a schema-4 database (names table) in place: the table is dropped, names come from history', async () => {
    expect(SCHEMA_VERSION).toBe(5);
    const rules: RuleSet = devnetRules(1000);
    const gen = new DevChain(rules, 5, 6);
    const loc = await freshLocation(engine);
    let db = await openNameDbAt(loc, rules);
    for (let i = 0; i < 40; i++) {
      const h = db.state.lastBlock + 1;
      applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!));
    }
    await flushNameDb(db);
    const before = snap(db);
    expect(db.state.names.size).toBeGreaterThan(10);
    await closeNameDbAsync(db);
    // what a version-4 writer left: a names table pointing into history, meta[schema_version] = 4
    await rawSql(engine, loc, [
      `CREATE TABLE names (name TEXT NOT NULL, owner TEXT NOT NULL, address TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (name))`,
      `INSERT INTO names SELECT name, 'o', 'a', MAX(seq) FROM history GROUP BY name`,
      `UPDATE meta SET value = '4' WHERE key = 'schema_version'`,
    ]);
    db = await openNameDbAt(loc, rules);
    expect(snap(db)).toBe(before);
    const h = db.state.lastBlock + 1;
    applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!));
    await closeNameDbAsync(db);
    const tables = engine === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'names'" : "SELECT to_regclass('names') AS name";
    expect((await rawSql(engine, loc, [tables])).filter((r) => r.name)).toEqual([]);
    expect(await rawSql(engine, loc, ["SELECT value FROM meta WHERE key = 'schema_version'"])).toEqual([{ value: '5' }]);
  }, 60_000);

  it('replays all 87 state-machine vectors with the expected consensus hashes; reopened state equals memory', async () => {
    const files = listJson(SM_DIR);
    expect(files.length).toBe(87);
    let blocks = 0;
    for (const f of files) {
      const v = readJson(SM_DIR + f);
      const rules = rulesFromScenario(v.scenario.name, v.scenario.reference_version, v.scenario.config);
      const loc = await freshLocation(engine);
      let db = await openNameDbAt(loc, rules);
      const problems: string[] = [];
      for (const b of v.blocks) {
        const r = applyBlock(db, b.height, b.txs.map((t: object) => ({ ...t })));
        problems.push(...compareBlock(r, b.expected).map((p) => `${f} @${b.height}: ${p}`));
        blocks++;
      }
      await flushNameDb(db);
      expect(problems).toEqual([]);
      await closeNameDbAsync(db);
      db = await openNameDbAt(loc, rules);
      const mem = replayVector(v);
      expect(mem.mismatches).toEqual([]);
      for (const r of mem.results) expect(db.state.consensus.get(r.height), `${f} @${r.height}`).toBe(r.consensusHash);
      expect(db.state.lastBlock).toBe(v.blocks[v.blocks.length - 1].height);
      await closeNameDbAsync(db);
    }
    expect(blocks).toBe(1189);
  }, 240_000);

  it('reorgs of every depth 1..100 persist; reopened databases equal a fresh replay', async () => {
    const rules: RuleSet = devnetRules(1000);
    const gen = new DevChain(rules, 11, 5);
    const mem = createNameDb(rules);
    const gens = new Map<number, DevChain>();
    const blocks: { height: number; txs: any[] }[] = [];
    for (let i = 0; i < 110; i++) {
      gens.set(mem.state.lastBlock, gen.clone());
      const h = mem.state.lastBlock + 1;
      const txs = gen.nextBlock(h, (x) => mem.state.consensus.get(x)!);
      applyBlock(mem, h, txs);
      blocks.push({ height: h, txs });
    }
    const tip = mem.state.lastBlock;
    const loc = await freshLocation(engine);
    let db: NameDb = await openNameDbAt(loc, rules);
    for (const b of blocks) applyBlock(db, b.height, b.txs);
    await flushNameDb(db);
    const tipSnap = snap(mem);
    // Walk the fork point down from the tip; at a few depths first return to the tip so that rollback is deep.
    for (let d = 1; d <= 100; d++) {
      const fork = tip - d;
      if ([24, 49, 99].includes(d)) {
        for (const b of blocks.filter((x) => x.height > db.state.lastBlock)) applyBlock(db, b.height, b.txs);
        await flushNameDb(db);
      }
      await rollbackToAsync(db, fork);
      const branchGen = gens.get(fork)!.clone();
      branchGen.reseed(500 + d);
      const branch: { height: number; txs: any[] }[] = [];
      for (let i = 0; i < 1 + (d % 3); i++) {
        const h = db.state.lastBlock + 1;
        const txs = branchGen.nextBlock(h, (x) => db.state.consensus.get(x)!);
        applyBlock(db, h, txs);
        branch.push({ height: h, txs });
      }
      if (d % 12 === 1 || d === 100) {
        await closeNameDbAsync(db);
        db = await openNameDbAt(loc, rules);
        const fresh = replay(rules, [...blocks.filter((b) => b.height <= fork), ...branch]);
        expect(snap(db), `depth ${d}`).toBe(snap(fresh));
      }
      await rollbackToAsync(db, fork);
    }
    for (const b of blocks.filter((x) => x.height > db.state.lastBlock)) applyBlock(db, b.height, b.txs);
    await flushNameDb(db);
    await closeNameDbAsync(db);
    db = await openNameDbAt(loc, rules);
    expect(snap(db)).toBe(tipSnap);
    await closeNameDbAsync(db);
  }, 240_000);
});
