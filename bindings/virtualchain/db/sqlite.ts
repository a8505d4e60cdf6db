/**
 * @module virtualchain/db/sqlite — the SQLite engine of the name store (better-sqlite3, WAL).
 * One transaction per block writes its write set (db/writes.ts): the after-images of every changed key, the
 * history entries, the consensus hash, the block's records and its undo journal; a crash therefore never
 * leaves half a block. The transactions run on a writer thread (db/writer.ts), in order: a block committed on
 * its own is handed over and the state machine goes on (≤ ~64 blocks ahead of the file); a group commit, a
 * rollback, every read of the store, `flush()` and `close()` wait until the file has everything.
 */
import Database from 'better-sqlite3';
import type { BlockResult } from '../apply-block.ts';
import { decodeVerdicts } from './codec.ts';
import type { NameDbBackend } from '../name-db.ts';
import type { NameState, UndoEntry } from '../state.ts';
import { VirtualchainError } from '../errors.ts';
import { ddl, delManySql, META, migrationFrom, multiRowSql, NAME_TABLES, schemaProblem, SCHEMA_VERSION, SQL, STATE_TABLES } from './layout.ts';
import { loadState } from './load.ts';
import { planBlock, planRollback, type WriteSet } from './writes.ts';
import { SqliteWriter, type WriterOptions } from './writer.ts';

type Stmt = Database.Statement;
/** The statements of one transaction: SQL text and parameters. */
type Writes = [sql: string, args: unknown[]][];

/** A statement written for many rows at once: its one-row SQL, its n-row SQL (made once per n). */
interface ManyKind { sql: string; sqlN: (n: number) => string; byRows: string[] }
const DOC_TABLES = ['ns', 'pre', 'nspre'] as const;

export interface SqliteOptions {
  groupBlocks?: number;
  /** 'thread' (default for a file): commits run on a writer thread (db/writer.ts); 'inline': on the caller's. */
  writer?: 'thread' | 'inline';
  writerOptions?: WriterOptions;
}

export class SqliteBackend implements NameDbBackend {
  readonly engine = 'sqlite';
  readonly db: Database.Database;
  private stmts: Record<string, Stmt> = {};
  /** Statements by SQL text (the writes, inline). */
  private readonly bySql = new Map<string, Stmt>();
  /** The multi-row statements (doc puts and deletes per table, history rows). */
  private readonly kinds: Record<string, ManyKind> = {};
  private rulesWritten = false;
  /** Group commit: blocks applied but not yet written (merged write set), and how many. */
  private pending: WriteSet | null = null;
  private pendingBlocks = 0;
  readonly groupBlocks: number;
  /** One transaction of statements, inline (made once: better-sqlite3 builds its wrappers at each `transaction()` call). */
  private readonly inlineTx: (w: Writes) => void;
  /** The writer thread (null: commits inline). */
  private writer: SqliteWriter | null = null;
  private failure: string | undefined;

  /**
   * `groupBlocks` > 1: consecutive blocks are merged into one write set (later images win, rows append) and
   * committed together every `groupBlocks` blocks (handed to the writer thread, not waited for: applying goes
   * on while it commits) or on `flush()` — for catch-up; any read of the store (undo journal, block ops), a
   * rollback and `close()` flush first (and wait). A crash loses at most the unflushed blocks, never part of
   * one (the indexer re-applies them from the chain); with the writer thread, also those handed over and not
   * committed yet (`writerOptions.maxQueue` transactions: by default ~4,096 blocks with group commit, or two
   * groups if larger; 64 with one transaction a block).
   */
  constructor(path: string, opts: SqliteOptions = {}) {
    this.groupBlocks = Math.max(1, opts.groupBlocks ?? 1);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536'); // 64 MiB page cache
    this.db.pragma('wal_autocheckpoint = 8192'); // checkpoint every ~32 MiB of WAL instead of 4 MiB
    this.checkSchema(path);
    for (const q of ddl('sqlite', NAME_TABLES)) this.db.exec(q);
    for (const [k, v] of Object.entries(SQL)) if (typeof v === 'string') this.stmts[k] = this.db.prepare(v);
    for (const t of DOC_TABLES) {
      const { table, key } = STATE_TABLES[t];
      const put = SQL.putDoc(table, key);
      this.kinds['put:' + t] = { sql: put, sqlN: (n) => multiRowSql(put, n), byRows: [] };
      this.kinds['del:' + t] = { sql: SQL.delDoc(table, key), sqlN: (n) => delManySql(table, key, n), byRows: [] };
    }
    this.kinds.putHistory = { sql: SQL.putHistory, sqlN: (n) => multiRowSql(SQL.putHistory, n), byRows: [] };
    this.inlineTx = this.db.transaction((w: Writes) => {
      for (const [sql, args] of w) {
        let st = this.bySql.get(sql);
        if (!st) this.bySql.set(sql, (st = this.db.prepare(sql)));
        st.run(...args);
      }
    });
    if (opts.writer !== 'inline' && !this.db.memory && this.db.pragma('journal_mode', { simple: true }) === 'wal') {
      // group commit (a catch-up): ~4,096 blocks at most handed over and not committed — room for the writer's
      // WAL checkpoints (~32 MiB written and two fsyncs: up to ~50 ms and more) while the state machine goes on;
      // at ~64 (two groups) the indexer's thread waited for them (700,000 blocks: 220 waits, 1.1 s; at ~512: 15
      // waits, 0.7 s). A quiet block's writes are a few hundred bytes, and a crash loses nothing the indexer
      // cannot apply again from the chain in a second. One transaction a block (a node that has caught up,
      // flushing at each block anyway): 64, as before — a deeper queue has no use there.
      const maxQueue = this.groupBlocks > 1 ? Math.max(2, Math.ceil(4096 / this.groupBlocks)) : 64;
      try { this.writer = new SqliteWriter(path, { maxQueue, ...opts.writerOptions }); } catch { /* no worker threads here: commits stay inline */ }
    }
  }

  /** Refuses another layout (E_VC_SCHEMA_MISMATCH) before creating anything; upgrades an older one it knows (MIGRATIONS). */
  private checkSchema(path: string): void {
    const has = (t: string): boolean => this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
    const stored = has('meta') ? (this.db.prepare(SQL.getMeta).get(META.schema) as { value: string } | undefined)?.value : undefined;
    const hasRows = has('blocks') && this.db.prepare('SELECT 1 FROM blocks LIMIT 1').get() !== undefined;
    const problem = schemaProblem(path, stored, hasRows);
    if (problem) { this.db.close(); throw new VirtualchainError('E_VC_SCHEMA_MISMATCH', problem); }
    const upgrade = migrationFrom(stored);
    if (upgrade) this.db.transaction(() => { for (const q of upgrade) this.db.exec(q); })();
  }

  storedRules(): string | undefined { return this.meta(META.rules); }

  meta(key: string): string | undefined {
    if (this.writer || this.pending) this.flushSync();
    return (this.stmts.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  /** Loads the committed state into `st` (namespaces, preorders, history and the names it implies, consensus hashes). */
  load(st: NameState): void {
    const tip = (this.stmts.tip.get() as { tip: number | null }).tip;
    const docs = (t: 'ns' | 'pre' | 'nspre') => this.db.prepare(SQL.allDocs(STATE_TABLES[t].table)).iterate() as Iterable<{ record: string }>;
    const loaded = loadState(st, {
      tip, docs,
      history: () => this.stmts.allHistory.iterate() as Iterable<any>,
      consensus: () => this.stmts.allConsensus.iterate() as Iterable<{ height: number; consensus_hash: string; hash: string | null }>,
    });
    if (!loaded) this.stmts.putMeta.run(META.schema, String(SCHEMA_VERSION));
  }

  /** The statements of one write set: one multi-row statement per table and kind. */
  private write(ws: WriteSet, out: Writes): void {
    if (ws.deleteAbove !== null) out.push([SQL.delHistoryAbove, [ws.deleteAbove]], [SQL.delBlocksAbove, [ws.deleteAbove]]);
    for (const t of DOC_TABLES) {
      const docs = ws.docs[t];
      if (docs.size === 0) continue;
      const puts: unknown[][] = [], dels: string[][] = [];
      for (const [k, v] of docs) if (v === null) dels.push([k]); else puts.push([k, v]);
      if (puts.length) this.many(this.kinds['put:' + t], puts, out);
      if (dels.length) this.many(this.kinds['del:' + t], dels, out);
    }
    if (ws.history.length) this.many(this.kinds.putHistory, ws.history, out);
    for (const b of ws.blocks) out.push([SQL.putBlock, b]);
    for (const [k, v] of ws.meta) out.push([SQL.putMeta, [k, v]]);
  }

  /** `rows` through the kind's n-row statement (n ≤ 32; more rows go in chunks). */
  private many(kind: ManyKind, rows: readonly (readonly unknown[])[], out: Writes): void {
    for (let i = 0; i < rows.length; i += 32) {
      const n = Math.min(32, rows.length - i);
      const sql = kind.byRows[n] ??= n === 1 ? kind.sql : kind.sqlN(n);
      if (n === 1) { out.push([sql, rows[i] as unknown[]]); continue; }
      const args: unknown[] = [];
      for (let k = i; k < i + n; k++) for (const v of rows[k]) args.push(v);
      out.push([sql, args]);
    }
  }

  /** Persists write sets in one transaction (also used by `db copy` and bulk loads); with the writer thread, hands it over. */
  commit(sets: WriteSet[]): void {
    const out: Writes = [];
    for (const ws of sets) this.write(ws, out);
    this.send(out);
  }

  private send(w: Writes): void {
    this.checkFailed();
    const wr = this.writer;
    if (!wr) { this.inlineTx(w); return; }
    try {
      wr.commit(w.map(([sql, args]) => [wr.id(sql), args]));
    } catch (e) { this.writerFailed(wr, e as Error); }
  }

  /** The writer thread failed: if it never started, its transactions run inline from now on; else the store has failed. */
  private writerFailed(wr: SqliteWriter, e: Error): void {
    if (wr.failed() !== 'start') {
      this.failure = wr.error() || e.message;
      this.checkFailed();
    }
    this.writer = null;
    const pend = wr.pending();
    wr.close();
    for (const cmds of pend) this.inlineTx(cmds.map(([id, args]) => [wr.sql(id), args]));
  }

  private checkFailed(): void {
    if (this.failure !== undefined) {
      throw new VirtualchainError('E_VC_STORE_FAILED', `a commit to the SQLite store failed (${this.failure}); reopen the database`);
    }
  }

  /** Persists one applied block (its journal is r.undo) in one transaction. */
  commitBlock(st: NameState, r: BlockResult, rulesName: string): void {
    const meta = this.rulesWritten ? undefined : new Map([[META.rules, rulesName]]);
    this.rulesWritten = true;
    if (this.groupBlocks === 1) { this.commit([planBlock(st, r, meta)]); return; }
    this.pending = planBlock(st, r, meta, this.pending ?? undefined);
    if (++this.pendingBlocks >= this.groupBlocks) this.handOver();
  }

  /** Commits the blocks held back by group commit (one transaction): handed to the writer thread, not waited for. */
  private handOver(): void {
    if (!this.pending) return;
    const ws = this.pending;
    this.pending = null;
    this.pendingBlocks = 0;
    this.commit([ws]);
  }

  /** With the writer thread, `commit` waits once `maxQueue` transactions are pending (NameDbBackend.boundsItsQueue). */
  get boundsItsQueue(): boolean { return this.writer !== null; }

  /** Commits the blocks held back by group commit (one transaction) and waits until every commit is in the file. */
  flushSync(): void {
    this.handOver();
    const wr = this.writer;
    if (wr) {
      try { wr.flush(); } catch (e) { this.writerFailed(wr, e as Error); }
    }
    this.checkFailed();
  }

  async flush(): Promise<void> { this.flushSync(); }

  undoJournal(height: number): UndoEntry[] | undefined {
    this.flushSync();
    const row = this.stmts.getUndo.get(height) as { journal: string } | undefined;
    return row ? JSON.parse(row.journal) : undefined;
  }

  blockOps(height: number): { ops: unknown[]; verdicts: unknown[] } | undefined {
    this.flushSync();
    const row = this.stmts.getBlockOps.get(height) as { ops: string; verdicts: string } | undefined;
    return row ? { ops: JSON.parse(row.ops), verdicts: decodeVerdicts(row.verdicts) } : undefined;
  }

  /** Rolls the database back to `height` given the undo journals already applied to `st` (newest first); in the file on return. */
  commitRollback(st: NameState, journals: UndoEntry[][], height: number): void {
    this.flushSync();
    this.commit([planRollback(st, journals, height)]);
    this.flushSync();
  }

  /** Commits what is held back and waits for the writer thread, stops it, then closes (the last connection checkpoints the WAL). */
  close(): void {
    try { this.flushSync(); } finally {
      this.writer?.close();
      this.db.close();
    }
  }
}
