/**
 * @module virtualchain/db/load — fills a NameState from the committed rows (any engine): documents, history
 * in id order, each name's current record (its newest history entry), consensus hashes and the tip.
 */
import type { NameState, Table } from '../state.ts';
import type { Opcode } from '../types.ts';
import { decodeNameRecord } from './codec.ts';

export interface HistoryRowIn { name: string; block: number; vtxindex: number; txid: string; op: string; opcode: Opcode; consensus_hash: string | null; record: string }

export interface StateRows {
  tip: number | null;
  /** Each source is read once, in this order, after the previous one is exhausted. */
  docs: (t: Exclude<Table, 'name'>) => Iterable<{ record: string }>;
  history: () => Iterable<HistoryRowIn>;
  consensus: () => Iterable<{ height: number; consensus_hash: string; hash?: string | null }>;
}

/** Loads `rows` into `st`; returns false (st untouched) when the database holds no block. */
export function loadState(st: NameState, rows: StateRows): boolean {
  if (rows.tip === null) return false;
  for (const t of ['ns', 'pre', 'nspre'] as const) {
    for (const row of rows.docs(t)) {
      const v = JSON.parse(row.record);
      st.raw(t, t === 'ns' ? v.namespaceId : v.preorderHash, v);
    }
  }
  for (const r of rows.history()) {
    let h = st.history.get(r.name);
    if (!h) st.history.set(r.name, (h = []));
    h.push({ block: r.block, vtxindex: r.vtxindex, txid: r.txid, op: r.op, opcode: r.opcode, consensusHash: r.consensus_hash, record: decodeNameRecord(r.record) });
  }
  for (const [name, h] of st.history) st.raw('name', name, h[h.length - 1].record);
  for (const r of rows.consensus()) {
    st.consensus.set(Number(r.height), r.consensus_hash);
    if (r.hash) st.blockHashes.set(Number(r.height), r.hash);
  }
  st.lastBlock = Number(rows.tip);
  return true;
}

/** What the blocks above a replica's tip changed (read in one snapshot; see postgres.ts readIncrement). */
export interface StateIncrement {
  tip: number;
  history: HistoryRowIn[];
  /** Touched names (their records follow from the history, old and new). */
  names: Set<string>;
  docs: Record<Exclude<Table, 'name'>, Map<string, string | null>>;
  consensus: { height: number; consensus_hash: string; hash?: string | null }[];
}

/** Applies an increment to `st` (synchronously: a reader swaps state in one step). */
export function applyIncrement(st: NameState, inc: StateIncrement): void {
  for (const r of inc.history) {
    let h = st.history.get(r.name);
    if (!h) st.history.set(r.name, (h = []));
    h.push({ block: r.block, vtxindex: r.vtxindex, txid: r.txid, op: r.op, opcode: r.opcode, consensusHash: r.consensus_hash, record: decodeNameRecord(r.record) });
  }
  for (const t of ['ns', 'pre', 'nspre'] as const) for (const [k, v] of inc.docs[t]) st.raw(t, k, v === null ? null : JSON.parse(v));
  for (const k of inc.names) {
    const h = st.history.get(k);
    st.raw('name', k, h?.length ? h[h.length - 1].record : null);
  }
  for (const r of inc.consensus) {
    st.consensus.set(Number(r.height), r.consensus_hash);
    if (r.hash) st.blockHashes.set(Number(r.height), r.hash);
  }
  st.lastBlock = inc.tip;
}
