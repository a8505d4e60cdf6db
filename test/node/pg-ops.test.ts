/**
 * PostgreSQL operations: `--standby` takes over when the writer dies (kill -9 of the lock holder), and
 * `blockstack db copy --from sqlite:… --to postgres://…` moves an index so that every consensus hash and every
 * API answer (read-only process over PostgreSQL vs. the API over the SQLite file) is the same.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../bindings/api/app.ts';
import { ReadOnlyNode } from '../../bindings/node/reader.ts';
import { DbView } from '../../bindings/node/view.ts';
import { openSqlite } from '../../bindings/routing/store/sqlite.ts';
import { ZoneFileStore } from '../../bindings/routing/store/zonefile-store.ts';
import { applyBlock, closeNameDb, closeNameDbAsync, devnetRules, DevChain, flushNameDb, rollbackToAsync } from '../../bindings/virtualchain/index.ts';
import pg from 'pg';
import Database from 'better-sqlite3';
import { openNameDb, openPgNameDb } from '../../bindings/virtualchain/stores.ts';
import { PG_WRITER_LOCK } from '../../bindings/virtualchain/db/layout.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bsk-pgops-'));
const dbs: TestDatabase[] = [];
const newDb = async () => { const d = await createTestDatabase('bsk_ops'); dbs.push(d); return d; };
afterAll(async () => { for (const d of dbs) await d.drop(); rmSync(dir, { recursive: true, force: true }); });

const rules = devnetRules(1000);

describe('writer lock', () => {
  it('a --standby writer waits while the writer lives and takes over when it is killed', async () => {
    const d = await newDb();
    // the "writer": a process holding the advisory lock on its session
    const holder = spawn(process.execPath, ['-e', `const pg=require('pg');const c=new pg.Client(${JSON.stringify(d.url)});
      c.connect().then(()=>c.query('SELECT pg_advisory_lock(${PG_WRITER_LOCK})')).then(()=>{console.log('locked');setInterval(()=>{},1e6)})`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((ok) => holder.stdout!.once('data', () => ok()));
    await expect(openPgNameDb(d.url, rules)).rejects.toThrow(/another indexer is writing.*--standby/);
    let waiting = false, opened = false;
    const standby = openPgNameDb(d.url, rules, { standby: true, onWaiting: () => { waiting = true; } }).then((db) => { opened = true; return db; });
    await new Promise((ok) => setTimeout(ok, 500));
    expect(waiting).toBe(true);
    expect(opened).toBe(false);
    holder.kill('SIGKILL');
    const db = await standby;
    expect(opened).toBe(true);
    applyBlock(db, rules.firstBlock, []);
    await closeNameDbAsync(db); // commits, then releases the lock
    const again = await openPgNameDb(d.url, rules);
    expect(again.state.lastBlock).toBe(rules.firstBlock);
    await closeNameDbAsync(again);
  }, 30_000);
});

describe('lost connection', () => {
  it('a failed commit marks the database failed (E_VC_STORE_FAILED); a reopen resumes at the last committed block', async () => {
    const d = await newDb();
    const db = await openPgNameDb(d.url, rules);
    const gen = new DevChain(rules, 5, 4);
    for (let i = 0; i < 5; i++) { const h = db.state.lastBlock + 1; applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!)); }
    await flushNameDb(db);
    const committed = db.state.lastBlock;
    const snapAt = JSON.stringify(db.state.snapshot());
    const admin = new pg.Client({ connectionString: d.url });
    await admin.connect();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'blockstack-writer'`);
    await admin.end();
    const h = db.state.lastBlock + 1;
    applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!));
    await expect(flushNameDb(db)).rejects.toMatchObject({ code: 'E_VC_STORE_FAILED' });
    expect(() => applyBlock(db, h + 1, [])).toThrow(/reopen the database/);
    await closeNameDbAsync(db);
    const again = await openPgNameDb(d.url, rules);
    expect(again.state.lastBlock).toBe(committed);
    expect(JSON.stringify(again.state.snapshot())).toBe(snapAt);
    await closeNameDbAsync(again);
  });
});

describe('reader', () => {
  it('survives terminated sessions: reconnects, listens again and catches up', async () => {
    const d = await newDb();
    const db = await openPgNameDb(d.url, rules);
    const gen = new DevChain(rules, 8, 4);
    const extend = async (n: number) => {
      for (let i = 0; i < n; i++) { const h = db.state.lastBlock + 1; applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!)); }
      await flushNameDb(db);
    };
    await extend(3);
    const reader = await ReadOnlyNode.start({ url: d.url, port: 0, log: pino({ level: 'silent' }), pollMs: 60_000 });
    try {
      expect(reader.db.state.lastBlock).toBe(db.state.lastBlock);
      const same = () => JSON.stringify(reader.db.state.snapshot()) === JSON.stringify(db.state.snapshot());
      const caughtUp = async () => {
        const t0 = Date.now();
        while (reader.db.state.lastBlock !== db.state.lastBlock) {
          expect(Date.now() - t0).toBeLessThan(10_000);
          await new Promise((ok) => setTimeout(ok, 20));
        }
      };
      // forward: incremental refreshes only (keys from the undo journals), state identical to the writer's
      for (let i = 0; i < 8; i++) { await extend(5); await caughtUp(); }
      expect(same()).toBe(true);
      expect(reader.fullRefreshes).toBe(1);
      // a rollback below the replica's tip: a whole-state read, equal again
      await rollbackToAsync(db, db.state.lastBlock - 12);
      await extend(3);
      await caughtUp();
      expect(same()).toBe(true);
      expect(reader.fullRefreshes).toBe(2);
      const admin = new pg.Client({ connectionString: d.url });
      await admin.connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'blockstack-reader%'`);
      await admin.end();
      // still answering from its last snapshot meanwhile
      expect((await fetch(reader.url + '/v1/info')).status).toBe(200);
      await new Promise((ok) => setTimeout(ok, 300));
      await extend(4);
      const t0 = Date.now();
      while (reader.db.state.lastBlock !== db.state.lastBlock) {
        expect(Date.now() - t0).toBeLessThan(10_000);
        await new Promise((ok) => setTimeout(ok, 50));
      }
      expect(reader.reconnects).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(reader.db.state.snapshot())).toBe(JSON.stringify(db.state.snapshot()));
    } finally {
      await reader.stop();
      await closeNameDbAsync(db);
    }
  });
});

describe('db copy sqlite → postgres', () => {
  const file = join(dir, 'names-devnet.sqlite');
  let target: TestDatabase;
  beforeAll(async () => {
    const db = openNameDb(file, rules);
    const gen = new DevChain(rules, 21, 6);
    for (let i = 0; i < 150; i++) {
      const h = db.state.lastBlock + 1;
      applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!));
    }
    closeNameDb(db);
    target = await newDb();
  });

  const cli = (args: string[]) => new Promise<{ code: number | null; out: string; err: string }>((ok) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/blockstack.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (x) => (out += x));
    p.stderr.on('data', (x) => (err += x));
    p.on('exit', (code) => ok({ code, out, err }));
  });

  it('copies, verifies, and then every API answer equals the SQLite one', async () => {
    const r = await cli(['db', 'copy', '--from', `sqlite:${file}`, '--to', target.url, '--json']);
    expect(r.code, r.err).toBe(0);
    const res = JSON.parse(r.out);
    expect(res.blocks).toBe(150);
    expect(res.tip).toBe(rules.firstBlock + 149);

    const sdb = openNameDb(file, rules);
    const zf = new ZoneFileStore({ db: openSqlite(), isKnownHash: () => false });
    const app = createApp(new DbView({ db: sdb, zonefiles: zf, lastSeen: () => sdb.state.lastBlock, indexing: () => false, testnet: true }));
    const reader = await ReadOnlyNode.start({ url: target.url, port: 0, log: pino({ level: 'silent' }) });
    try {
      const names = [...sdb.state.names.keys()].sort();
      expect(names.length).toBeGreaterThan(10);
      for (let h = rules.firstBlock; h <= sdb.state.lastBlock; h++) expect(reader.db.state.consensus.get(h)).toBe(sdb.state.consensus.get(h));
      const paths = ['/v1/info', '/v1/names?page=0', '/v1/namespaces', '/v1/blockchains/bitcoin/name_count', ...[...sdb.state.namespaces.keys()].map((n) => `/v1/namespaces/${n}`),
        ...names.flatMap((n) => [`/v1/names/${n}`, `/v1/names/${n}/history`, `/v1/prices/names/${n}`]),
        ...[...new Set(names.map((n) => sdb.state.names.get(n)!.address))].slice(0, 20).map((a) => `/v1/addresses/bitcoin/${a}`)];
      let compared = 0;
      for (const p of paths) {
        const a = await app.request(p);
        const b = await fetch(reader.url + p);
        expect(b.status, p).toBe(a.status);
        expect(await b.text(), p).toBe(await a.text());
        compared++;
      }
      expect(compared).toBeGreaterThan(30);
    } finally {
      await reader.stop();
      closeNameDb(sdb);
    }
  }, 60_000);

  it('refuses a non-empty target, and bad sources, with clear errors', async () => {
    const again = await cli(['db', 'copy', '--from', `sqlite:${file}`, '--to', target.url]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds 150 blocks.*--replace/);
    const missing = await cli(['db', 'copy', '--from', `sqlite:${join(dir, 'nope.sqlite')}`, '--to', target.url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such SQLite database/);
    const badTo = await cli(['db', 'copy', '--from', `sqlite:${file}`, '--to', 'mysql://x']);
    expect(badTo.code).not.toBe(0);
    expect(badTo.err).toMatch(/postgres:\/\//);
    const replaced = await cli(['db', 'copy', '--from', `sqlite:${file}`, '--to', target.url, '--replace', '--json']);
    expect(replaced.code, replaced.err).toBe(0);
  }, 60_000);

  it('refuses a source of an unknown schema version; copies a schema-4 source (names table) as the current layout', async () => {
    const old = join(dir, 'old.sqlite');
    const db = openNameDb(old, rules);
    const gen = new DevChain(rules, 22, 6);
    for (let i = 0; i < 20; i++) { const h = db.state.lastBlock + 1; applyBlock(db, h, gen.nextBlock(h, (x) => db.state.consensus.get(x)!)); }
    closeNameDb(db);
    const raw = new Database(old);
    raw.exec("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    raw.close();
    const v3 = await cli(['db', 'copy', '--from', `sqlite:${old}`, '--to', target.url, '--replace']);
    expect(v3.code).toBe(1);
    expect(v3.err).toMatch(/schema version 3, this node needs 5/);
    const v4 = new Database(old);
    v4.exec(`CREATE TABLE names (name TEXT NOT NULL, owner TEXT NOT NULL, address TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (name)) WITHOUT ROWID;
      INSERT INTO names SELECT name, 'o', 'a', MAX(seq) FROM history GROUP BY name; UPDATE meta SET value = '4' WHERE key = 'schema_version'`);
    v4.close();
    const r = await cli(['db', 'copy', '--from', `sqlite:${old}`, '--to', target.url, '--replace', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).blocks).toBe(20);
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      expect((await c.query("SELECT value FROM meta WHERE key = 'schema_version'")).rows).toEqual([{ value: '5' }]);
      expect((await c.query("SELECT to_regclass('names') AS t")).rows[0].t).toBeNull();
    } finally { await c.end(); }
  }, 60_000);
});
