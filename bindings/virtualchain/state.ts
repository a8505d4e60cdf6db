/**
 * @module virtualchain/state — the in-memory name database: names, namespaces, preorders, history,
 * consensus hashes, plus the owner / name-hash indexes. Every change goes through `put*`, which
 * journals the previous value so a block can be undone (undo record) and persisted (after-images).
 * Records are immutable values: rules build new objects, never mutate stored ones.
 */
import type { HistoryEntry, NameRecord, NamespaceRecord, PreorderRecord } from './types.ts';
import { hash128Hex } from './codec.ts';
import { HexColumn } from '../base/hex-column.ts';

export type Table = 'name' | 'ns' | 'pre' | 'nspre';
/**
 * One journal entry: the value of (table, key) before the change; `hist` pops a history entry; `ch` drops a
 * consensus hash. Name records carry no `before`: every name change appends a history entry, so undo restores
 * the name from its history after popping (keeps undo records small).
 */
export type UndoEntry =
  | { t: Table; k: string; before?: unknown }
  | { t: 'hist'; k: string }
  | { t: 'ch'; k: number };

export class NameState {
  readonly names = new Map<string, NameRecord>();
  readonly namespaces = new Map<string, NamespaceRecord>();
  readonly preorders = new Map<string, PreorderRecord>();
  readonly nsPreorders = new Map<string, PreorderRecord>();
  readonly history = new Map<string, HistoryEntry[]>();
  /** Consensus hash of each block (height → 32 hex digits), as bytes (base/hex-column.ts: live for a whole catch-up). */
  readonly consensus = new HexColumn(16);
  /** Bitcoin hash of each indexed block (height → hash); dropped with the block's consensus hash on undo. */
  readonly blockHashes = new HexColumn(32);
  readonly byOwner = new Map<string, Set<string>>();
  readonly byHash128 = new Map<string, string>();
  /** Last fully processed block (firstBlock − 1 when empty). */
  lastBlock: number;
  journal: UndoEntry[] = [];

  constructor(firstBlock: number) { this.lastBlock = firstBlock - 1; }

  private map(t: Table): Map<string, unknown> {
    return (t === 'name' ? this.names : t === 'ns' ? this.namespaces : t === 'pre' ? this.preorders : this.nsPreorders) as Map<string, unknown>;
  }

  /** Set (value) or delete (null) without journaling; keeps the indexes in step. */
  raw(t: Table, k: string, v: unknown): void {
    const m = this.map(t);
    if (t === 'name') {
      const old = m.get(k) as NameRecord | undefined;
      const rec = v ? v as NameRecord : undefined;
      if (old && old.sender !== rec?.sender) this.byOwner.get(old.sender)?.delete(k);
      if (rec) {
        if (old?.sender !== rec.sender) {
          let set = this.byOwner.get(rec.sender);
          if (!set) this.byOwner.set(rec.sender, (set = new Set()));
          set.add(k);
        }
        if (!old) this.byHash128.set(hash128Hex(k), k);
      } else this.byHash128.delete(hash128Hex(k));
    }
    if (v === null || v === undefined) m.delete(k); else m.set(k, v);
  }

  put(t: Table, k: string, v: unknown): void {
    this.journal.push(t === 'name' ? { t, k } : { t, k, before: this.map(t).get(k) ?? null });
    this.raw(t, k, v);
  }

  get(t: Table, k: string): unknown { return this.map(t).get(k); }

  putName(rec: NameRecord): void { this.put('name', rec.name, rec); }
  putNamespace(ns: NamespaceRecord): void { this.put('ns', ns.namespaceId, ns); }

  appendHistory(name: string, e: HistoryEntry): void {
    let h = this.history.get(name);
    if (!h) this.history.set(name, (h = []));
    h.push(e);
    this.journal.push({ t: 'hist', k: name });
  }

  setConsensusHash(height: number, ch: string): void {
    this.consensus.set(height, ch);
    this.journal.push({ t: 'ch', k: height });
  }

  /** Canonical plain copy of the whole state (sorted keys), for comparisons and snapshots. */
  snapshot(): Record<string, unknown> {
    const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      lastBlock: this.lastBlock,
      names: sorted(this.names), namespaces: sorted(this.namespaces), preorders: sorted(this.preorders),
      nsPreorders: sorted(this.nsPreorders), history: sorted(this.history),
      consensus: [...this.consensus.entries()].sort((a, b) => a[0] - b[0]),
    };
  }

  /** Take the journal of the current block (and start a new one). */
  takeJournal(): UndoEntry[] {
    const j = this.journal;
    this.journal = [];
    return j;
  }

  /** Undo one block's journal (newest change first). */
  undo(j: UndoEntry[]): void {
    for (let i = j.length - 1; i >= 0; i--) {
      const e = j[i];
      if (e.t === 'hist') {
        const h = this.history.get(e.k)!;
        h.pop();
        if (h.length === 0) this.history.delete(e.k);
      } else if (e.t === 'ch') { this.consensus.delete(e.k); this.blockHashes.delete(e.k); }
      else if (e.t === 'name') {
        const h = this.history.get(e.k);
        this.raw('name', e.k, h && h.length ? h[h.length - 1].record : null);
      } else this.raw(e.t, e.k, e.before);
    }
  }
}
