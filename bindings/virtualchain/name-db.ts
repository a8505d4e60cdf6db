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

/** Persistence behind a NameDb (SQLite in db/sqlite.ts; a PostgreSQL backend would implement the same). */
export interface NameDbBackend {
  /** Rule-set name the database was built with, if any. */
  storedRules(): string | undefined;
  load(st: NameState): void;
  commitBlock(st: NameState, r: BlockResult, rulesName: string): void;
  undoJournal(height: number): UndoEntry[] | undefined;
  commitRollback(st: NameState, journals: UndoEntry[][], height: number): void;
  blockOps(height: number): { ops: unknown[]; verdicts: unknown[] } | undefined;
  close(): void;
}

export interface NameDb {
  readonly rules: RuleSet;
  readonly state: NameState;
  readonly backend: NameDbBackend | null;
  /** In-memory undo journals (memory-only databases). */
  readonly undo: Map<number, UndoEntry[]>;
  /** In-memory block results (memory-only databases). */
  readonly blocks: Map<number, BlockResult>;
}

/** A name database over `backend` (null = memory only), loaded with its committed state. */
export function createNameDb(rules: RuleSet, backend: NameDbBackend | null = null): NameDb {
  const state = new NameState(rules.firstBlock);
  seedGenesis(state, rules);
  if (backend) {
    const stored = backend.storedRules();
    if (stored !== undefined && stored !== rulesId(rules)) {
      backend.close();
      throw new VirtualchainError('VC_RULES_MISMATCH', `database was built with rules "${stored}", not "${rulesId(rules)}"`);
    }
    backend.load(state);
  }
  return { rules, state, backend, undo: new Map(), blocks: new Map() };
}

/** Last committed block height (firstBlock − 1 when empty). */
export const tipHeight = (db: NameDb): number => db.state.lastBlock;

/** Applies block `height` (must be tip + 1) and commits it. */
export function applyBlock(db: NameDb, height: number, txs: TxInput[]): BlockResult {
  if (height !== db.state.lastBlock + 1) {
    throw new VirtualchainError('VC_BAD_HEIGHT', `expected block ${db.state.lastBlock + 1}, got ${height}`);
  }
  const r = applyBlockToState(db.state, db.rules, height, txs);
  if (db.backend) {
    try { db.backend.commitBlock(db.state, r, rulesId(db.rules)); } catch (e) {
      db.state.undo(r.undo);
      db.state.lastBlock = height - 1;
      throw e;
    }
  } else {
    db.undo.set(height, r.undo);
    db.blocks.set(height, r);
  }
  return r;
}

/** Undoes every block above `height` (a reorg's common ancestor); the result equals a replay to `height`. */
export function rollbackTo(db: NameDb, height: number): void {
  const tip = db.state.lastBlock;
  if (height > tip || height < db.rules.firstBlock - 1) {
    throw new VirtualchainError('VC_ROLLBACK_RANGE', `cannot roll back to ${height} (tip ${tip}, first block ${db.rules.firstBlock})`);
  }
  const journals: UndoEntry[][] = [];
  for (let h = tip; h > height; h--) {
    const j = db.backend ? db.backend.undoJournal(h) : db.undo.get(h);
    if (!j) throw new VirtualchainError('VC_NO_UNDO', `no undo record for block ${h}`);
    db.state.undo(j);
    db.state.lastBlock = h - 1;
    journals.push(j);
    db.undo.delete(h);
    db.blocks.delete(h);
  }
  db.backend?.commitRollback(db.state, journals, height);
}

export function closeNameDb(db: NameDb): void { db.backend?.close(); }
