/**
 * @module virtualchain/name-db — the name database the node uses: state machine + persistence.
 *
 *   const db = openNameDb('names.sqlite', MAINNET);   // Node (db/open.ts); createNameDb(rules) = memory only
 *   applyBlock(db, height, txs);                      // one SQLite transaction per block, with undo record
 *   rollbackTo(db, height);                           // reorg: undo every block above height
 *
 * The working state lives in memory (NameState, loaded at open); SQLite keeps the committed copy, the
 * per-block undo journals and the block records, so a restart resumes at the last committed block.
 */
import { applyBlockToState, seedGenesis, type BlockResult } from './apply-block.ts';
import { VirtualchainError } from './errors.ts';
import { rulesId, type RuleSet } from './networks.ts';
import { NameState, type UndoEntry } from './state.ts';
import type { TxInput } from './types.ts';

type MaybePromise<T> = T | Promise<T>;

/**
 * The store interface: persistence behind a NameDb. Two engines implement it — SQLite (db/sqlite.ts,
 * synchronous interface, better-sqlite3) and PostgreSQL (db/postgres.ts, asynchronous, pg) — over the one layout
 * of db/layout.ts. The state machine stays synchronous and in memory: after each block it hands the store the
 * block's result, the store derives the write set (db/writes.ts) at once and commits it in one transaction
 * (SQLite: on its writer thread, db/writer.ts, in order, reads and flush waiting for it; PostgreSQL: returns a
 * promise, consecutive blocks queued meanwhile are committed together — group commit). docs/postgres.md
 * explains the choice.
 */
export interface NameDbBackend {
  readonly engine: 'sqlite' | 'postgres' | (string & {});
  /** Rule-set name the database was built with, if any (known at open). */
  storedRules(): string | undefined;
  /** Fills `st` with the committed state (an async engine reads it at open and hands it over here). */
  load(st: NameState): void;
  commitBlock(st: NameState, r: BlockResult, rulesName: string): MaybePromise<void>;
  undoJournal(height: number): MaybePromise<UndoEntry[] | undefined>;
  commitRollback(st: NameState, journals: UndoEntry[][], height: number): MaybePromise<void>;
  blockOps(height: number): MaybePromise<{ ops: unknown[]; verdicts: unknown[] } | undefined>;
  /** Resolves when every queued commit is durable (async engines). */
  flush?(): Promise<void>;
  /**
   * True when queued commits bound themselves (the SQLite writer thread: applying waits only once a few groups
   * are pending), so a catch-up need not wait for durability every 64 blocks — only at its end.
   */
  readonly boundsItsQueue?: boolean;
  close(): MaybePromise<void>;
}

export interface NameDb {
  readonly rules: RuleSet;
  readonly state: NameState;
  readonly backend: NameDbBackend | null;
  /** In-memory undo journals (memory-only databases). */
  readonly undo: Map<number, UndoEntry[]>;
  /** In-memory block results (memory-only databases). */
  readonly blocks: Map<number, BlockResult>;
  /** Set when an asynchronous commit failed: memory is ahead of the store, the database must be reopened. */
  failed?: Error;
}

/** A name database over `backend` (null = memory only), loaded with its committed state. */
export function createNameDb(rules: RuleSet, backend: NameDbBackend | null = null): NameDb {
  const state = new NameState(rules.firstBlock);
  seedGenesis(state, rules);
  if (backend) {
    const stored = backend.storedRules();
    if (stored !== undefined && stored !== rulesId(rules)) {
      backend.close();
      throw new VirtualchainError('E_VC_RULES_MISMATCH', `database was built with rules "${stored}", not "${rulesId(rules)}"`);
    }
    backend.load(state);
  }
  return { rules, state, backend, undo: new Map(), blocks: new Map() };
}

/** Last committed block height (firstBlock − 1 when empty). */
export const tipHeight = (db: NameDb): number => db.state.lastBlock;

/** Bitcoin hash the database indexed at `height` (undefined when not indexed or indexed without a hash). */
export const blockHashAt = (db: NameDb, height: number): string | undefined => db.state.blockHashes.get(height);

/**
 * Refuses a database indexed from another chain network (stored in meta with the first block) — e.g. a
 * regtest database opened against mainnet blk files. `stored`: the backend's meta value, if it has one.
 */
export function checkNetwork(db: NameDb, network: string): void {
  const stored = (db.backend as { meta?: (k: string) => string | undefined } | null)?.meta?.('network');
  if (stored !== undefined && stored !== network) {
    throw new VirtualchainError('E_VC_NETWORK_MISMATCH', `name database was indexed from network "${stored}", the chain source is "${network}"; use another --home / database`);
  }
}

/** Applies block `height` (must be tip + 1) and commits it. */
/**
 * Applies block `height` (must be tip + 1) and commits it; `src` (indexer): the Bitcoin hash of the block,
 * persisted in the same row as its undo record, and the chain network (recorded with the first block).
 */
export function applyBlock(db: NameDb, height: number, txs: TxInput[], src: { hash?: string | null; network?: string } = {}): BlockResult {
  if (height !== db.state.lastBlock + 1) {
    throw new VirtualchainError('E_VC_BAD_HEIGHT', `expected block ${db.state.lastBlock + 1}, got ${height}`);
  }
  if (db.failed) throw failedError(db);
  const r = applyBlockToState(db.state, db.rules, height, txs);
  r.blockHash = src.hash ?? null;
  if (src.network) r.network = src.network;
  if (r.blockHash) db.state.blockHashes.set(height, r.blockHash);
  if (db.backend) {
    let p: void | Promise<void>;
    try { p = db.backend.commitBlock(db.state, r, rulesId(db.rules)); } catch (e) {
      db.state.undo(r.undo);
      db.state.lastBlock = height - 1;
      throw e;
    }
    if (p) p.catch((e: Error) => { db.failed ??= e; });
  } else {
    db.undo.set(height, r.undo);
    db.blocks.set(height, r);
  }
  return r;
}

const failedError = (db: NameDb) =>
  new VirtualchainError('E_VC_STORE_FAILED', `a commit to the ${db.backend?.engine} store failed (${db.failed?.message}); reopen the database`);

function checkRollback(db: NameDb, height: number): void {
  if (db.failed) throw failedError(db);
  const tip = db.state.lastBlock;
  if (height > tip || height < db.rules.firstBlock - 1) {
    throw new VirtualchainError('E_VC_ROLLBACK_RANGE', `cannot roll back to ${height} (tip ${tip}, first block ${db.rules.firstBlock})`);
  }
}

/** Undoes every block above `height` (a reorg's common ancestor); the result equals a replay to `height`. Synchronous stores only (see rollbackToAsync). */
export function rollbackTo(db: NameDb, height: number): void {
  checkRollback(db, height);
  const journals: UndoEntry[][] = [];
  for (let h = db.state.lastBlock; h > height; h--) {
    const j = db.backend ? db.backend.undoJournal(h) : db.undo.get(h);
    if (j instanceof Promise) throw new VirtualchainError('E_VC_ASYNC_STORE', 'this store is asynchronous: use rollbackToAsync');
    if (!j) throw new VirtualchainError('E_VC_NO_UNDO', `no undo record for block ${h}`);
    db.state.undo(j);
    db.state.lastBlock = h - 1;
    journals.push(j);
    db.undo.delete(h);
    db.blocks.delete(h);
  }
  const p = db.backend?.commitRollback(db.state, journals, height);
  if (p) p.catch((e: Error) => { db.failed ??= e; });
}

/** Waits until every queued commit is durable; throws if one failed. */
export async function flushNameDb(db: NameDb): Promise<void> {
  await db.backend?.flush?.();
  if (db.failed) throw failedError(db);
}

/** applyBlock, then wait until the block is durable (any store). */
export async function applyBlockAsync(db: NameDb, height: number, txs: TxInput[]): Promise<BlockResult> {
  const r = applyBlock(db, height, txs);
  await flushNameDb(db);
  return r;
}

/** rollbackTo for any store: reads every undo record first, then undoes in memory and commits. */
export async function rollbackToAsync(db: NameDb, height: number): Promise<void> {
  await flushNameDb(db);
  checkRollback(db, height);
  const journals: UndoEntry[][] = [];
  for (let h = db.state.lastBlock; h > height; h--) {
    const j = db.backend ? await db.backend.undoJournal(h) : db.undo.get(h);
    if (!j) throw new VirtualchainError('E_VC_NO_UNDO', `no undo record for block ${h}`);
    journals.push(j);
  }
  for (const j of journals) {
    db.state.undo(j);
    db.state.lastBlock--;
    db.undo.delete(db.state.lastBlock + 1);
    db.blocks.delete(db.state.lastBlock + 1);
  }
  const p = db.backend?.commitRollback(db.state, journals, height);
  if (p) p.catch((e: Error) => { db.failed ??= e; });
  await flushNameDb(db);
}

export async function closeNameDbAsync(db: NameDb): Promise<void> {
  try { await db.backend?.flush?.(); } finally { await db.backend?.close(); }
}

export function closeNameDb(db: NameDb): void { void db.backend?.close(); }
