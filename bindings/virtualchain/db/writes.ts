/**
 * @module virtualchain/db/writes — the engine-neutral write set of a block (or of a rollback), computed in
 * memory from the state right after the state machine applied it: after-images of every changed document key
 * (namespaces, preorders; a name's record is its newest history row, so names need no row of their own), the
 * new history rows, the block row (consensus hash, records, verdicts, undo journal). Every store commits one write
 * set (or several consecutive ones, merged) in ONE transaction, so a crash never leaves half a block; the
 * PostgreSQL store turns a merged set into one multi-row statement per table (bulk catch-up).
 */
import type { BlockResult } from '../apply-block.ts';
import { serializeOp } from '../consensus.ts';
import type { NameState, Table, UndoEntry } from '../state.ts';
import { encodeNameRecord, encodeVerdicts } from './codec.ts';
import { META } from './layout.ts';

export type HistoryRow = [name: string, seq: number, block: number, vtxindex: number, txid: string, op: string, opcode: string, consensusHash: string | null, record: string];
export type BlockRow = [height: number, consensusHash: string, opsHash: string, ops: string, verdicts: string, undo: string, hash: string | null];

export interface WriteSet {
  /** Document tables (namespaces, preorders): final record JSON per changed key, or null to delete. */
  docs: Record<Exclude<Table, 'name'>, Map<string, string | null>>;
  history: HistoryRow[];
  blocks: BlockRow[];
  /** Rollback: delete history and blocks above this height first (which also restores the names). */
  deleteAbove: number | null;
  meta: Map<string, string>;
  /** Highest block the set leaves committed (block height, or the rollback target). */
  tip: number;
}

export function emptyWriteSet(tip: number): WriteSet {
  return { docs: { ns: new Map(), pre: new Map(), nspre: new Map() }, history: [], blocks: [], deleteAbove: null, meta: new Map(), tip };
}

function keyImage(ws: WriteSet, st: NameState, t: Exclude<Table, 'name'>, k: string): void {
  const v = st.get(t, k);
  ws.docs[t].set(k, v ? JSON.stringify(v) : null);
}

/**
 * The writes of block `r` (just applied to `st`, whose journal is r.undo), added to `ws` when given — the
 * write set of the blocks before it, not committed yet (group commit): later images win, rows append, as
 * mergeInto; no write set of its own per block (most blocks of a catch-up have no operations).
 */
export function planBlock(st: NameState, r: BlockResult, meta?: Map<string, string>, ws: WriteSet = emptyWriteSet(r.height)): WriteSet {
  if (ws.deleteAbove !== null) throw new Error('a block cannot be added to a rollback write set');
  ws.tip = r.height;
  let hist: Map<string, number> | undefined;
  for (const e of r.undo) {
    if (e.t === 'hist') { hist ??= new Map(); hist.set(e.k, (hist.get(e.k) ?? 0) + 1); continue; }
    if (e.t === 'ch' || e.t === 'name') continue;
    keyImage(ws, st, e.t, e.k); // the image after this block: it replaces one an earlier block of `ws` left
  }
  if (hist) for (const [name, n] of hist) {
    const h = st.history.get(name)!;
    for (let i = h.length - n; i < h.length; i++) {
      const x = h[i];
      ws.history.push([name, i, x.block, x.vtxindex, x.txid, x.op, x.opcode, x.consensusHash ?? null, encodeNameRecord(x.record)]);
    }
  }
  ws.blocks.push([r.height, r.consensusHash, r.opsHash, JSON.stringify(r.serialized ?? r.ops.map(serializeOp)), encodeVerdicts(r.verdicts), JSON.stringify(r.undo), r.blockHash ?? null]);
  if (meta && r.network) ws.meta.set(META.network, r.network);
  if (meta) for (const [k, v] of meta) ws.meta.set(k, v);
  return ws;
}

/** The writes of a rollback to `height`, given the undo journals already applied to `st` (newest first). */
export function planRollback(st: NameState, journals: UndoEntry[][], height: number): WriteSet {
  const ws = emptyWriteSet(height);
  ws.deleteAbove = height;
  for (const j of journals) {
    for (const e of j) {
      if (e.t === 'hist' || e.t === 'ch' || e.t === 'name') continue;
      if (!ws.docs[e.t].has(e.k)) keyImage(ws, st, e.t, e.k);
    }
  }
  return ws;
}

/** Appends block write set `b` (the next block) to `a`: later images win, rows append. */
export function mergeInto(a: WriteSet, b: WriteSet): WriteSet {
  if (b.deleteAbove !== null) throw new Error('a rollback write set cannot be merged');
  for (const t of ['ns', 'pre', 'nspre'] as const) for (const [k, v] of b.docs[t]) a.docs[t].set(k, v);
  a.history.push(...b.history);
  a.blocks.push(...b.blocks);
  for (const [k, v] of b.meta) a.meta.set(k, v);
  a.tip = b.tip;
  return a;
}
