/**
 * @module virtualchain/db/load — fills a NameState from the committed rows (any engine): documents, history
 * in id order, the names' current history index, consensus hashes and the tip.
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
  names: () => Iterable<{ name: string; seq: number }>;
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
  for (const r of rows.names()) st.raw('name', r.name, st.history.get(r.name)![r.seq].record);
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
  /** Touched names: their current history index, or null when the name no longer exists. */
  names: Map<string, number | null>;
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
  for (const [k, seq] of inc.names) st.raw('name', k, seq === null ? null : st.history.get(k)![seq].record);
  for (const r of inc.consensus) {
    st.consensus.set(Number(r.height), r.consensus_hash);
    if (r.hash) st.blockHashes.set(Number(r.height), r.hash);
  }
  st.lastBlock = inc.tip;
}
