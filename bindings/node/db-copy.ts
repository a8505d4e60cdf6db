/**
 * @module node/db-copy — `blockstack db copy --from sqlite:PATH --to postgres://…`: moves an existing SQLite
 * index (name database, and the zone files + subdomains of a node home) into PostgreSQL in one transaction,
 * holding the writer lock so no indexer writes meanwhile, with batched multi-row INSERTs. Afterwards both
 * databases are loaded with the same code and compared (whole state + every consensus hash, row counts of the
 * routing tables); any difference fails the copy.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ErrorCode } from '../base/errors.ts';
import { NameState } from '../virtualchain/state.ts';
import { loadState } from '../virtualchain/db/load.ts';
import { META, NAME_TABLES, PG_BULK, PG_CHANNEL, PG_WRITER_LOCK, pgSql, ROUTING_TABLES, schemaProblem, SCHEMA_VERSION, SQL, STATE_TABLES } from '../virtualchain/db/layout.ts';
import { createSchema, isPostgresUrl, pgInsertRows, readSnapshot, redact } from '../virtualchain/db/postgres.ts';

export interface CopyResult { blocks: number; tip: number | null; rows: Record<string, number>; seconds: number }

export class DbCopyError extends Error {
  constructor(readonly code: ErrorCode, message: string) { super(message); }
}

/** `sqlite:PATH`: a name database file, or a node home holding `names-*.sqlite` (+ `zonefiles.sqlite`). */
export function resolveSqliteSource(from: string): { names: string; routing: string | null } {
  const p = from.replace(/^sqlite:/, '');
  if (!existsSync(p)) throw new DbCopyError('E_DB_NOT_FOUND', `no such SQLite database or node home: ${p}`);
  if (statSync(p).isDirectory()) {
    const names = readdirSync(p).filter((f) => /^names-.*\.sqlite$/.test(f));
    if (names.length !== 1) throw new DbCopyError('E_DB_NOT_FOUND', `${p}: expected one names-*.sqlite, found ${names.length}`);
    const zf = join(p, 'zonefiles.sqlite');
    return { names: join(p, names[0]), routing: existsSync(zf) ? zf : null };
  }
  return { names: p, routing: null };
}

const hasTable = (db: Database.Database, t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);

function sqliteState(db: Database.Database): NameState {
  const st = new NameState(0);
  const tip = (db.prepare(SQL.tip).get() as { tip: number | null }).tip;
  loadState(st, {
    tip, docs: (t) => db.prepare(SQL.allDocs(STATE_TABLES[t].table)).iterate() as Iterable<{ record: string }>,
    history: () => db.prepare(SQL.allHistory).iterate() as Iterable<any>,
    consensus: () => db.prepare(SQL.allConsensus).iterate() as Iterable<any>,
  });
  return st;
}

export async function copySqliteToPostgres(from: string, to: string, opts: { replace?: boolean; onTable?: (t: string, n: number) => void } = {}): Promise<CopyResult> {
  const t0 = performance.now();
  if (!isPostgresUrl(to)) throw new DbCopyError('E_BAD_DB', `--to must be a postgres:// URL, got ${to}`);
  const src = resolveSqliteSource(from);
  const files = [{ path: src.names, tables: NAME_TABLES as readonly string[] }, ...(src.routing ? [{ path: src.routing, tables: ROUTING_TABLES as readonly string[] }] : [])];
  const dbs = files.map((f) => ({ ...f, db: new Database(f.path, { readonly: true, fileMustExist: true }) }));
  const names = dbs[0].db;
  const refuse = (code: ErrorCode, msg: string): never => { for (const d of dbs) d.db.close(); throw new DbCopyError(code, msg); };
  if (!hasTable(names, 'blocks')) refuse('E_DB_NOT_NAMES', `${src.names} is not a name database (no blocks table)`);
  // an older layout this node upgrades (MIGRATIONS) is copied as the current one: the copied tables are the same
  const stored = hasTable(names, 'meta') ? (names.prepare(SQL.getMeta).get(META.schema) as { value: string } | undefined)?.value : undefined;
  const problem = schemaProblem(src.names, stored, true);
  if (problem) refuse('E_VC_SCHEMA_MISMATCH', problem);
  const c = new pg.Client({ connectionString: to, application_name: 'blockstack-db-copy' });
  try { await c.connect(); } catch (e) { throw new DbCopyError('E_DB_UNREACHABLE', `cannot connect to PostgreSQL at ${redact(to)}: ${(e as Error).message}`); }
  const rows: Record<string, number> = {};
  try {
    if (!(await c.query(PG_BULK.tryLock, [PG_WRITER_LOCK])).rows[0].ok) throw new DbCopyError('E_VC_STORE_LOCKED', `an indexer is writing to ${redact(to)}: stop it before copying`);
    await createSchema(c);
    const existing = Number((await c.query(PG_BULK.countRows('blocks'))).rows[0].n);
    if (existing && !opts.replace) throw new DbCopyError('E_DB_NOT_EMPTY', `${redact(to)} already holds ${existing} blocks (use --replace to overwrite)`);
    await c.query('BEGIN');
    try {
      await c.query(PG_BULK.truncateAll());
      for (const { db, tables } of dbs) {
        for (const t of tables) {
          if (!hasTable(db, t)) continue;
          let n = 0;
          let batch: Record<string, unknown>[] = [];
          for (const r of db.prepare(PG_BULK.allRows(t)).iterate() as Iterable<Record<string, unknown>>) {
            batch.push(r);
            if (batch.length === 5000) { await pgInsertRows(c, t, batch); n += batch.length; batch = []; }
          }
          if (batch.length) { await pgInsertRows(c, t, batch); n += batch.length; }
          rows[t] = n;
          opts.onTable?.(t, n);
        }
      }
      await c.query(pgSql(SQL.putMeta), [META.schema, String(SCHEMA_VERSION)]);
      await c.query(PG_BULK.resetHistoryId);
      await c.query(PG_BULK.subLogReset); // readers reload the subdomain tables whole
      await c.query(PG_BULK.notify, [PG_CHANNEL, JSON.stringify({ copy: true, subdomains: true })]);
      await c.query('COMMIT');
    } catch (e) { await c.query('ROLLBACK').catch(() => {}); throw e; }
    // verify: same state and consensus hashes, same routing row counts
    const snap = await readSnapshot(c);
    const pgState = new NameState(0);
    loadState(pgState, snap.rows);
    const a = JSON.stringify(sqliteState(names).snapshot()), b = JSON.stringify(pgState.snapshot());
    if (a !== b) throw new DbCopyError('E_DB_COPY_MISMATCH', 'the copied name database differs from the source');
    for (const [t, n] of Object.entries(rows)) {
      const m = Number((await c.query(PG_BULK.countRows(t))).rows[0].n);
      if (m !== n) throw new DbCopyError('E_DB_COPY_MISMATCH', `${t}: ${m} rows copied, source has ${n}`);
    }
    return { blocks: rows.blocks ?? 0, tip: pgState.lastBlock || null, rows, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await c.end().catch(() => {});
    for (const d of dbs) d.db.close();
  }
}
