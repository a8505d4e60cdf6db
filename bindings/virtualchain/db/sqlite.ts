/**
 * @module virtualchain/db/sqlite — SQLite persistence of the name database (better-sqlite3, WAL).
 * One transaction per block writes the after-images of every changed key, the history entries, the
 * consensus hash, the block's records and its undo journal; a crash therefore never leaves half a block.
 */
import Database from 'better-sqlite3';
import type { BlockResult } from '../apply-block.ts';
import { serializeOp } from '../consensus.ts';
import { decodeNameRecord, decodeVerdicts, encodeNameRecord, encodeVerdicts } from './codec.ts';
import type { NameDbBackend } from '../name-db.ts';
import type { NameState, Table, UndoEntry } from '../state.ts';
import type { NameRecord } from '../types.ts';
import { META, SCHEMA, SCHEMA_VERSION, SQL, STATE_TABLES } from './layout.ts';

type Stmt = Database.Statement;

export class SqliteBackend implements NameDbBackend {
  readonly db: Database.Database;
  private s: Record<string, Stmt> = {};
  private rulesWritten = false;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536'); // 64 MiB page cache
    this.db.pragma('wal_autocheckpoint = 8192'); // checkpoint every ~32 MiB of WAL instead of 4 MiB
    for (const ddl of SCHEMA) this.db.exec(ddl);
    for (const [k, v] of Object.entries(SQL)) if (typeof v === 'string') this.s[k] = this.db.prepare(v);
    for (const [t, d] of Object.entries(STATE_TABLES)) {
      if (t === 'name') continue;
      this.s['put:' + t] = this.db.prepare(SQL.putDoc(d.table, d.key));
      this.s['del:' + t] = this.db.prepare(SQL.delDoc(d.table, d.key));
    }
  }

  storedRules(): string | undefined { return this.meta(META.rules); }

  meta(key: string): string | undefined {
    return (this.s.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  /** Loads the committed state into `st` (names, namespaces, preorders, history, consensus hashes). */
  load(st: NameState): void {
    const tip = (this.s.tip.get() as { tip: number | null }).tip;
    if (tip === null) { this.s.putMeta.run(META.schema, String(SCHEMA_VERSION)); return; }
    for (const t of ['ns', 'pre', 'nspre'] as Table[]) {
      for (const row of this.db.prepare(SQL.allDocs(STATE_TABLES[t].table)).iterate() as Iterable<{ record: string }>) {
        const v = JSON.parse(row.record);
        st.raw(t, t === 'ns' ? v.namespaceId : v.preorderHash, v);
      }
    }
    for (const r of this.s.allHistory.iterate() as Iterable<any>) {
      let h = st.history.get(r.name);
      if (!h) st.history.set(r.name, (h = []));
      h.push({ block: r.block, vtxindex: r.vtxindex, txid: r.txid, op: r.op, opcode: r.opcode, consensusHash: r.consensus_hash, record: decodeNameRecord(r.record) });
    }
    for (const r of this.s.allNames.iterate() as Iterable<{ name: string; seq: number }>) {
      st.raw('name', r.name, st.history.get(r.name)![r.seq].record);
    }
    for (const r of this.s.allConsensus.iterate() as Iterable<{ height: number; consensus_hash: string }>) st.consensus.set(r.height, r.consensus_hash);
    st.lastBlock = Number(tip);
  }

  private writeKey(st: NameState, t: Table, k: string): void {
    const v = st.get(t, k);
    if (t === 'name') {
      if (v) { const r = v as NameRecord; this.s.putName.run(k, r.sender, r.address, st.history.get(k)!.length - 1); }
      else this.s.delName.run(k);
    } else if (v) this.s['put:' + t].run(k, JSON.stringify(v));
    else this.s['del:' + t].run(k);
  }

  /** Persists one applied block (its journal is r.undo) in one transaction. */
  commitBlock(st: NameState, r: BlockResult, rulesName: string): void {
    this.db.transaction(() => {
      const done = new Set<string>();
      const hist = new Map<string, number>();
      for (const e of r.undo) {
        if (e.t === 'hist') { hist.set(e.k, (hist.get(e.k) ?? 0) + 1); continue; }
        if (e.t === 'ch') continue;
        const id = e.t + '\0' + e.k;
        if (!done.has(id)) { done.add(id); this.writeKey(st, e.t, e.k); }
      }
      for (const [name, n] of hist) {
        const h = st.history.get(name)!;
        for (let i = h.length - n; i < h.length; i++) {
          const x = h[i];
          this.s.putHistory.run(name, i, x.block, x.vtxindex, x.txid, x.op, x.opcode, x.consensusHash, encodeNameRecord(x.record));
        }
      }
      this.s.putBlock.run(r.height, r.consensusHash, r.opsHash, JSON.stringify(r.ops.map(serializeOp)),
        encodeVerdicts(r.verdicts), JSON.stringify(r.undo));
      if (!this.rulesWritten) { this.s.putMeta.run(META.rules, rulesName); this.rulesWritten = true; }
    })();
  }

  undoJournal(height: number): UndoEntry[] | undefined {
    const row = this.s.getUndo.get(height) as { journal: string } | undefined;
    return row ? JSON.parse(row.journal) : undefined;
  }

  blockOps(height: number): { ops: unknown[]; verdicts: unknown[] } | undefined {
    const row = this.s.getBlockOps.get(height) as { ops: string; verdicts: string } | undefined;
    return row ? { ops: JSON.parse(row.ops), verdicts: decodeVerdicts(row.verdicts) } : undefined;
  }

  /** Rolls the database back to `height` given the undo journals already applied to `st` (newest first). */
  commitRollback(st: NameState, journals: UndoEntry[][], height: number): void {
    this.db.transaction(() => {
      const done = new Set<string>();
      for (const j of journals) {
        for (const e of j) {
          if (e.t === 'hist' || e.t === 'ch') continue;
          const id = e.t + '\0' + e.k;
          if (!done.has(id)) { done.add(id); this.writeKey(st, e.t, e.k); }
        }
      }
      this.s.delHistoryAbove.run(height);
      this.s.delBlocksAbove.run(height);
    })();
  }

  close(): void { this.db.close(); }
}
