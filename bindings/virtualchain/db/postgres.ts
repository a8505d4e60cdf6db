/**
 * @module virtualchain/db/postgres — the PostgreSQL engine of the name store (node-postgres, asynchronous).
 *
 * Same layout and write sets as SQLite (db/layout.ts, db/writes.ts). `commitBlock` plans the block's write
 * set synchronously (from the state right after the block) and queues it; the queue is committed by one
 * connection, one transaction per commit, each table written with one multi-row statement. Blocks queued
 * while a commit runs are merged and committed together (group commit: bulk catch-up costs one round trip per
 * batch, not per row). Every commit ends with `pg_notify(PG_CHANNEL, '<tip>')`, delivered only if it commits.
 *
 * A writer takes a session advisory lock (PG_WRITER_LOCK) before reading anything: a second writer fails with
 * E_VC_STORE_LOCKED, or with `standby` blocks until the first one's session ends (it died or closed).
 */
import pg from 'pg';
import type { BlockResult } from '../apply-block.ts';
import { VirtualchainError } from '../errors.ts';
import type { NameDbBackend } from '../name-db.ts';
import type { NameState, UndoEntry } from '../state.ts';
import { decodeVerdicts } from './codec.ts';
import { ddl, META, migrationFrom, schemaProblem, PG_BULK, PG_CHANNEL, PG_WRITER_LOCK, pgSql, SCHEMA_VERSION, SQL, STATE_TABLES, TABLES, tableSpec } from './layout.ts';
import { loadState, type StateIncrement, type StateRows } from './load.ts';
import { mergeInto, planBlock, planRollback, type WriteSet } from './writes.ts';

export interface PgOpenOptions {
  /** Take the single-writer advisory lock (default true). Read-only processes pass false. */
  writer?: boolean;
  /** When the lock is held by another writer: wait for it (true) or fail at once (false, default). */
  standby?: boolean;
  /** Called once when a standby writer starts waiting. */
  onWaiting?: () => void;
  /** Most blocks merged into one transaction (default 256). */
  maxBatch?: number;
}

interface Job { ws: WriteSet; resolve: () => void; reject: (e: Error) => void }

/** Rows of the whole committed state, read in one REPEATABLE READ snapshot. */
export interface PgSnapshot { rows: StateRows; meta: Map<string, string> }

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

/** Runs `fn` in one `REPEATABLE READ READ ONLY` transaction: every query sees the same committed snapshot. */
export async function inSnapshot<T>(c: pg.ClientBase, fn: (c: pg.ClientBase) => Promise<T>): Promise<T> {
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** Inside the caller's snapshot: every row of the name state, and the meta table. */
export async function readStateRows(c: pg.ClientBase): Promise<PgSnapshot> {
  const q = async (sql: string) => (await c.query(sql)).rows;
  const meta = new Map((await q('SELECT key, value FROM meta')).map((r) => [r.key as string, r.value as string]));
  const tipRow = (await q(SQL.tip))[0];
  const docs = { ns: await q(SQL.allDocs(STATE_TABLES.ns.table)), pre: await q(SQL.allDocs(STATE_TABLES.pre.table)), nspre: await q(SQL.allDocs(STATE_TABLES.nspre.table)) };
  const history = await q(SQL.allHistory);
  const consensus = await q(SQL.allConsensus);
  return { meta, rows: { tip: tipRow?.tip ?? null, docs: (t) => docs[t], history: () => history as never, consensus: () => consensus as never } };
}

/** Reads the committed state in one consistent snapshot (never half a block); `extra` reads more in the same snapshot. */
export async function readSnapshot<X = undefined>(c: pg.ClientBase, extra?: (c: pg.ClientBase) => Promise<X>): Promise<PgSnapshot & { extra: X }> {
  return inSnapshot(c, async (c) => {
    const snap = await readStateRows(c);
    return { ...snap, extra: (extra ? await extra(c) : undefined) as X };
  });
}

/**
 * Inside the caller's snapshot: what changed above block `tip`, or null when the replica's block `tip` is no
 * longer the database's (a rollback passed below it: the replica must re-read everything).
 */
export async function readIncrement(c: pg.ClientBase, tip: number, consensus: string | undefined): Promise<StateIncrement | null> {
  const at = (await c.query(PG_BULK.consensusAt, [tip])).rows[0]?.consensus_hash;
  if (at === undefined || at !== consensus) return null;
  const undo = (await c.query(PG_BULK.undoAbove, [tip])).rows as { height: number; undo: string }[];
  const inc: StateIncrement = { tip, history: [], names: new Set(), docs: { ns: new Map(), pre: new Map(), nspre: new Map() }, consensus: [] };
  if (!undo.length) return inc;
  inc.tip = undo[undo.length - 1].height;
  const keys = { name: new Set<string>(), ns: new Set<string>(), pre: new Set<string>(), nspre: new Set<string>() };
  for (const b of undo) for (const e of JSON.parse(b.undo) as UndoEntry[]) if (e.t !== 'ch') keys[e.t === 'hist' ? 'name' : e.t].add(String(e.k));
  inc.history = (await c.query(PG_BULK.historyAbove, [tip])).rows;
  inc.consensus = (await c.query(PG_BULK.consensusAbove, [tip])).rows;
  inc.names = keys.name;
  for (const t of ['ns', 'pre', 'nspre'] as const) {
    const ks = [...keys[t]];
    if (!ks.length) continue;
    for (const k of ks) inc.docs[t].set(k, null);
    for (const r of (await c.query(PG_BULK.docsIn(STATE_TABLES[t].table, STATE_TABLES[t].key), [ks])).rows) inc.docs[t].set(r.k, r.record);
  }
  return inc;
}

/** Advisory-lock key that serialises schema creation across processes (see createSchema). */
const PG_DDL_LOCK = 0x62736464;

/**
 * Creates every table of the layout (idempotent), in one transaction holding a transaction-scoped advisory
 * lock: two processes running `CREATE TABLE IF NOT EXISTS` at once (a writer and a reader starting together)
 * can otherwise both try to insert the table's row type and one fails with a duplicate key on
 * `pg_type_typname_nsp_index`. Must not be called inside an open transaction.
 */
export async function createSchema(c: pg.ClientBase): Promise<void> {
  await runDdlLocked(c, ddl('postgres'));
}

/** Runs idempotent DDL statements in one transaction under the schema advisory lock (see createSchema). */
export async function runDdlLocked(c: pg.ClientBase, statements: string[]): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1)', [PG_DDL_LOCK]);
    for (const q of statements) await c.query(q);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** Writes write sets (inside the caller's transaction), one multi-row statement per table. */
export async function writeSets(c: pg.ClientBase, sets: WriteSet[]): Promise<void> {
  const ws = sets[0];
  if (ws.deleteAbove !== null) {
    await c.query(pgSql(SQL.delHistoryAbove), [ws.deleteAbove]);
    await c.query(pgSql(SQL.delBlocksAbove), [ws.deleteAbove]);
  }
  for (const x of sets.slice(1)) mergeInto(ws, x); // consecutive blocks: later images win, rows append
  const cols = <T extends unknown[]>(rows: T[], n: number) => Array.from({ length: n }, (_, i) => rows.map((r) => r[i]));
  for (const t of ['ns', 'pre', 'nspre'] as const) {
    const { table, key } = STATE_TABLES[t];
    const m = ws.docs[t];
    const d = [...m].filter(([, v]) => v === null).map(([k]) => k);
    const p = [...m].filter(([, v]) => v !== null);
    if (d.length) await c.query(PG_BULK.delDocs(table, key), [d]);
    if (p.length) await c.query(PG_BULK.putDocs(table, key), cols(p, 2));
  }
  if (ws.history.length) await c.query(PG_BULK.putHistory, cols(ws.history, 9));
  if (ws.blocks.length) await c.query(PG_BULK.putBlocks, cols(ws.blocks, 7));
  for (const [k, v] of ws.meta) await c.query(pgSql(SQL.putMeta), [k, v]);
}

export class PgBackend implements NameDbBackend {
  readonly engine = 'postgres';
  private queue: Job[] = [];
  private draining: Promise<void> | null = null;
  private snapshot: PgSnapshot | null = null;
  private rulesWritten = false;
  private closed = false;

  private constructor(readonly client: pg.Client, readonly url: string, private readonly maxBatch: number) {}

  /** Connects, takes the writer lock (unless `writer: false`), creates the schema and reads the committed state. */
  static async open(url: string, opts: PgOpenOptions = {}): Promise<PgBackend> {
    const client = new pg.Client({ connectionString: url, application_name: opts.writer === false ? 'blockstack-reader' : 'blockstack-writer' });
    try { await client.connect(); } catch (e) {
      throw new VirtualchainError('E_VC_STORE', `cannot connect to PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
    }
    client.on('error', () => {}); // a dropped connection surfaces on the next query
    const b = new PgBackend(client, url, opts.maxBatch ?? 256);
    try {
      if (opts.writer !== false) {
        const ok = (await client.query(PG_BULK.tryLock, [PG_WRITER_LOCK])).rows[0].ok as boolean;
        if (!ok) {
          if (!opts.standby) {
            throw new VirtualchainError('E_VC_STORE_LOCKED', `another indexer is writing to ${redact(url)} (advisory lock ${PG_WRITER_LOCK} held); run it with --standby to take over when it stops, or start API processes with --read-only`);
          }
          opts.onWaiting?.();
          await client.query(PG_BULK.lock, [PG_WRITER_LOCK]);
        }
        await createSchema(client);
        const upgrade = migrationFrom((await client.query(pgSql(SQL.getMeta), [META.schema])).rows[0]?.value);
        if (upgrade) await runDdlLocked(client, upgrade); // an older layout this node knows (MIGRATIONS)
      } else if ((await client.query("SELECT to_regclass('meta') AS t")).rows[0].t === null) {
        // a reader that starts before any writer has created the tables (or after a writer died before its
        // first commit) sees an empty database, not a raw 'relation does not exist'; the DDL is idempotent
        await createSchema(client);
      }
      b.snapshot = await readSnapshot(client);
      const problem = schemaProblem(redact(url), b.snapshot.meta.get(META.schema), b.snapshot.rows.tip !== null);
      if (problem) throw new VirtualchainError('E_VC_SCHEMA_MISMATCH', problem);
      return b;
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
  }

  storedRules(): string | undefined { return this.snapshot?.meta.get(META.rules); }
  meta(key: string): string | undefined { return (this.snapshot?.meta ?? this.loadedMeta)?.get(key); }
  private loadedMeta: Map<string, string> | null = null;

  load(st: NameState): void {
    if (!this.snapshot) throw new VirtualchainError('E_VC_STORE', 'PostgreSQL snapshot already consumed');
    loadState(st, this.snapshot.rows);
    this.loadedMeta = this.snapshot.meta;
    this.snapshot = null; // rows are no longer needed
  }

  /** Re-reads the whole committed state (read-only processes after a NOTIFY). */
  async reread(): Promise<PgSnapshot> { return readSnapshot(this.client); }

  private enqueue(ws: WriteSet): Promise<void> {
    if (this.closed) return Promise.reject(new VirtualchainError('E_VC_CLOSED', 'store closed'));
    const p = new Promise<void>((resolve, reject) => this.queue.push({ ws, resolve, reject }));
    this.draining ??= this.drain();
    return p;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        // take consecutive block sets (a rollback set stands alone at the head)
        let n = 1;
        if (this.queue[0].ws.deleteAbove === null) while (n < this.queue.length && n < this.maxBatch && this.queue[n].ws.deleteAbove === null) n++;
        const jobs = this.queue.splice(0, n);
        try {
          await this.client.query('BEGIN');
          await writeSets(this.client, jobs.map((j) => j.ws));
          await this.client.query(PG_BULK.notify, [PG_CHANNEL, JSON.stringify({ tip: jobs[jobs.length - 1].ws.tip, rollback: jobs[0].ws.deleteAbove !== null })]);
          await this.client.query('COMMIT');
          for (const j of jobs) j.resolve();
        } catch (e) {
          await this.client.query('ROLLBACK').catch(() => {});
          const err = e instanceof Error ? e : new Error(String(e));
          for (const j of [...jobs, ...this.queue.splice(0)]) j.reject(err);
        }
      }
    } finally { this.draining = null; }
  }

  commitBlock(st: NameState, r: BlockResult, rulesName: string): Promise<void> {
    const meta = this.rulesWritten ? undefined : new Map([[META.rules, rulesName], [META.schema, String(SCHEMA_VERSION)]]);
    this.rulesWritten = true;
    return this.enqueue(planBlock(st, r, meta));
  }

  commitRollback(st: NameState, journals: UndoEntry[][], height: number): Promise<void> {
    return this.enqueue(planRollback(st, journals, height));
  }

  /** Commits ready-made write sets (db copy, tests). */
  commitSets(sets: WriteSet[]): Promise<void> {
    return Promise.all(sets.map((s) => this.enqueue(s))).then(() => {});
  }

  async flush(): Promise<void> { while (this.draining) await this.draining; }

  async undoJournal(height: number): Promise<UndoEntry[] | undefined> {
    const row = (await this.client.query(pgSql(SQL.getUndo), [height])).rows[0] as { journal: string } | undefined;
    return row ? JSON.parse(row.journal) : undefined;
  }

  async blockOps(height: number): Promise<{ ops: unknown[]; verdicts: unknown[] } | undefined> {
    const row = (await this.client.query(pgSql(SQL.getBlockOps), [height])).rows[0] as { ops: string; verdicts: string } | undefined;
    return row ? { ops: JSON.parse(row.ops), verdicts: decodeVerdicts(row.verdicts) } : undefined;
  }

  /** Waits for queued commits, then ends the session (which releases the writer lock). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => {});
    this.closed = true;
    await this.client.end().catch(() => {});
  }
}

/**
 * Inserts plain rows (column name → value, as either engine returns them) into a layout table with batched
 * multi-row INSERTs (≤ 30,000 parameters per statement). `onConflict: 'nothing'` skips existing keys.
 */
export async function pgInsertRows(c: pg.ClientBase, table: string, rows: Record<string, unknown>[], onConflict: 'nothing' | 'error' = 'error'): Promise<void> {
  const spec = tableSpec(table);
  const cols = spec.cols.map(([n]) => n);
  const per = Math.max(1, Math.floor(30_000 / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => `(${cols.map((k) => { params.push(r[k] ?? null); return `$${params.length}`; }).join(', ')})`);
    await c.query(`INSERT INTO ${spec.name} (${cols.join(', ')}) VALUES ${tuples.join(', ')}${onConflict === 'nothing' ? ` ON CONFLICT (${spec.pk.join(', ')}) DO NOTHING` : ''}`, params);
  }
}

/** Drops every table of the layout (tests, `db copy --replace`). */
export async function dropSchema(c: pg.ClientBase): Promise<void> {
  for (const t of [...TABLES].reverse()) await c.query(`DROP TABLE IF EXISTS ${t.name}`);
}

/** A database URL without its password, for messages. */
export const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
