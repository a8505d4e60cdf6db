/**
 * @module node/indexer — the sync loop: chain source → core scan → state machine → name DB (one SQLite
 * transaction per block, with undo). Reorgs are found by previous-hash: before each block the indexer
 * checks that its parent is the block it indexed at h−1 (and at startup, that its tip is still on the
 * source's chain), walks back to the common ancestor and rolls the DB back. Emits `block`, `reorg`,
 * `caught-up` and `progress` events; the node decides what to log and count.
 */
import { EventEmitter } from 'node:events';
import type { ChainSource } from '../chain/source.ts';
import { applyBlock, rollbackTo, tipHeight, type NameDb } from '../virtualchain/index.ts';
import { scanCandidates } from './scan.ts';

/** `zonefileOps`: accepted NAME_IMPORT / REGISTRATION / RENEWAL / UPDATE ops with a value hash, in vtxindex order (Atlas slots). */
export interface BlockEvent { height: number; hash: string; txs: number; candidates: number; accepted: number; ms: number; valueHashes: string[]; zonefileOps: { name: string; valueHash: string; txid: string; vtxindex: number }[] }

export class Indexer extends EventEmitter {
  /** Block hashes the DB was built from (height → hash), recovered from the source at startup. */
  private hashes = new Map<number, string>();
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  lastSeen = -1;

  constructor(readonly source: ChainSource, readonly db: NameDb, readonly opts: { pollMs?: number } = {}) { super(); }

  get height(): number { return tipHeight(this.db); }
  get firstBlock(): number { return this.db.rules.firstBlock; }

  private async hashAt(h: number): Promise<string | null> {
    if (!this.hashes.has(h)) { const x = await this.source.blockHash(h); if (x) this.hashes.set(h, x); }
    return this.hashes.get(h) ?? null;
  }

  /** Rolls back while the DB's block at its tip is not on the source's chain. */
  private async fixReorg(expectedPrev: string | null, h: number): Promise<void> {
    let tip = this.height;
    if (tip < this.firstBlock) return;
    if (expectedPrev !== null && this.hashes.get(h - 1) === expectedPrev) return;
    const from = tip;
    while (tip >= this.firstBlock) {
      const mine = this.hashes.get(tip);
      const theirs = await this.source.blockHash(tip);
      if (mine !== undefined && mine === theirs) break;
      if (mine === undefined && theirs !== null && expectedPrev === null) { this.hashes.set(tip, theirs); break; }
      this.hashes.delete(tip);
      tip--;
    }
    if (tip < from) {
      rollbackTo(this.db, tip);
      this.emit('reorg', { from, to: tip });
    }
  }

  /** Indexes every block up to the source's confirmed height; returns how many were applied. */
  async syncOnce(): Promise<number> {
    const target = await this.source.confirmedHeight();
    this.lastSeen = await this.source.tipHeight();
    let n = 0;
    if (this.height >= this.firstBlock) await this.fixReorg(null, this.height + 1);
    while (!this.stopped && this.height < target) {
      const h = this.height + 1;
      const t0 = performance.now();
      const b = await this.source.block(h);
      if (h > this.firstBlock && this.hashes.get(h - 1) !== undefined && b.prevHash !== this.hashes.get(h - 1)) {
        await this.fixReorg(b.prevHash, h);
        continue;
      }
      const scanned = await scanCandidates(b.raw, this.source);
      const r = applyBlock(this.db, h, scanned.candidates);
      this.hashes.set(h, b.hash);
      n++;
      const field = (o: { fields: [string, string][] }, k: string): string | undefined => o.fields.find(([f]) => f === k)?.[1];
      const zonefileOps = r.ops.filter((o) => [';', ':', '+'].includes(o.opcode) && field(o, 'value_hash'))
        .map((o) => ({ name: field(o, 'name')!, valueHash: field(o, 'value_hash')!, txid: field(o, 'txid')!, vtxindex: Number(field(o, 'vtxindex')) }))
        .sort((a, b) => a.vtxindex - b.vtxindex);
      const valueHashes = zonefileOps.map((o) => o.valueHash);
      this.emit('block', { height: h, hash: b.hash, txs: scanned.txCount, candidates: scanned.candidates.length, accepted: r.verdicts.filter((v) => v.accepted).length, ms: performance.now() - t0, valueHashes, zonefileOps } satisfies BlockEvent);
      this.emit('progress', { height: h, target });
    }
    return n;
  }

  /** Polls the source until `stop()`; `poke()` makes it look again at once (e.g. after a devnet block). */
  async run(): Promise<void> {
    this.running = true;
    let caughtUp = false;
    while (!this.stopped) {
      try {
        await this.syncOnce();
        if (!caughtUp) { caughtUp = true; this.emit('caught-up', this.height); }
      } catch (e) {
        this.emit('error', e);
      }
      if (this.stopped) break;
      await new Promise<void>((ok) => { const t = setTimeout(ok, this.opts.pollMs ?? 1000); this.wake = () => { clearTimeout(t); ok(); }; });
      this.wake = null;
    }
    this.running = false;
  }

  poke(): void { this.wake?.(); }
  stop(): void { this.stopped = true; this.poke(); }
}
