/**
 * @module node/indexer — the sync loop: chain source → core scan → state machine → name DB (one store
 * transaction per block with undo; PostgreSQL merges the queued blocks of a catch-up into one). Each block's hash is persisted with its undo
 * record. Reorgs are found by previous-hash: before each block the indexer checks that its parent is the
 * block it indexed at h−1 (and before each sync — so also at startup, after a reorg while the node was
 * stopped — that its tip is still on the source's chain), walks back over the persisted hashes to the
 * common ancestor and rolls the DB back. Emits `block`, `reorg`,
 * `caught-up` and `progress` events; the node decides what to log and count.
 */
import { EventEmitter } from 'node:events';
import { BlkFileSource } from '../chain/blkfiles.ts';
import type { ChainSource } from '../chain/source.ts';
import { applyBlock, blockHashAt, flushNameDb, rollbackToAsync, tipHeight, type NameDb, type TxInput } from '../virtualchain/index.ts';
import { bulkScan, type BulkOptions } from './blkscan/bulk.ts';
import { scanCandidates } from './scan.ts';

/** `zonefileOps`: accepted NAME_IMPORT / REGISTRATION / RENEWAL / UPDATE ops with a value hash, in vtxindex order (Atlas slots). */
export interface BlockEvent { height: number; hash: string; txs: number; candidates: number; accepted: number; ms: number; valueHashes: string[]; zonefileOps: { name: string; valueHash: string; txid: string; vtxindex: number }[] }

export class Indexer extends EventEmitter {
  private running = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  lastSeen = -1;

  /** `workers`: scan threads of the bulk blk-file path (default 1); `bulk: false` forces the per-block path. */
  constructor(readonly source: ChainSource, readonly db: NameDb, readonly opts: { pollMs?: number; workers?: number; bulk?: boolean; bulkOptions?: BulkOptions } = {}) { super(); }

  get height(): number { return tipHeight(this.db); }
  get firstBlock(): number { return this.db.rules.firstBlock; }

  /**
   * Walks back from the DB's tip while the block hash persisted with each block (same row as its undo
   * record) differs from the source's hash at that height, then rolls back to the fork point. The same at
   * startup (a reorg while the node was stopped) and while running, at any depth. Blocks indexed without a
   * hash (scenario replays) are taken as matching. Returns how many blocks were rolled back.
   */
  private async fixReorg(): Promise<number> {
    const from = this.height;
    let tip = from;
    while (tip >= this.firstBlock) {
      const mine = blockHashAt(this.db, tip);
      if (mine === undefined) break;
      if ((await this.source.blockHash(tip)) === mine) break;
      tip--;
    }
    if (tip < from) {
      await rollbackToAsync(this.db, tip);
      this.emit('reorg', { from, to: tip, depth: from - tip });
    }
    return from - tip;
  }

  /** Indexes every block up to the source's confirmed height; returns how many were applied. */
  async syncOnce(): Promise<number> {
    const target = await this.source.confirmedHeight();
    this.lastSeen = await this.source.tipHeight();
    let n = 0;
    if (this.height >= this.firstBlock) await this.fixReorg();
    if (this.source instanceof BlkFileSource && target - this.height > 1 && this.opts.bulk !== false) n += await this.bulkSync(this.source, target);
    while (!this.stopped && this.height < target) {
      const h = this.height + 1;
      const t0 = performance.now();
      const b = await this.source.block(h);
      const parent = h > this.firstBlock ? blockHashAt(this.db, h - 1) : undefined;
      if (parent !== undefined && b.prevHash !== parent) {
        // the source moved under us: back to the fork point; if it has not settled (its hash at our tip
        // still matches), look again at the next poll
        if ((await this.fixReorg()) === 0) break;
        continue;
      }
      const scanned = await scanCandidates(b.raw, this.source);
      this.applyScanned(h, b.hash, scanned.txCount, scanned.candidates, t0, target);
      await this.durable(h, target);
      n++;
    }
    await this.db.backend?.flush?.(); // group commit (catch-up): durable once caught up
    return n;
  }

  /** Bulk path for Core block files: worker threads, two streaming passes (node/blkscan/bulk.ts). */
  private async bulkSync(src: BlkFileSource, target: number): Promise<number> {
    let n = 0;
    let t0 = performance.now();
    for await (const b of bulkScan(src, this.height + 1, target, { ...this.opts.bulkOptions, workers: this.opts.workers })) {
      if (this.stopped) break;
      if (b.height !== this.height + 1) throw new Error(`bulk scan yielded block ${b.height}, expected ${this.height + 1}`);
      const prev = blockHashAt(this.db, b.height - 1);
      if (b.height > this.firstBlock && prev !== undefined && b.prevHash !== prev) return n; // not our chain: per-block path walks back
      this.applyScanned(b.height, b.hash, b.txCount, b.candidates, t0, target);
      await this.durable(b.height, target);
      n++;
      t0 = performance.now();
    }
    return n;
  }

  /**
   * Waits for durability at the target, so events after the catch-up describe committed blocks, and every 64
   * blocks of a catch-up when the store's queue does not bound itself (PostgreSQL). The SQLite writer does: a
   * wait every 64 blocks there made each group's commit synchronous again (700,000 blocks: 4 of 30 s waiting).
   */
  private async durable(h: number, target: number): Promise<void> {
    if (h === target || (h % 64 === 0 && !this.db.backend?.boundsItsQueue)) await flushNameDb(this.db);
  }

  private applyScanned(h: number, hash: string, txCount: number, candidates: TxInput[], t0: number, target: number): void {
    const r = applyBlock(this.db, h, candidates, { hash, network: this.source.network });
    if (this.listenerCount('block')) { // event objects per block only for someone listening (a bare catch-up has no one)
      const field = (o: { fields: [string, string][] }, k: string): string | undefined => o.fields.find(([f]) => f === k)?.[1];
      const zonefileOps = r.ops.filter((o) => [';', ':', '+'].includes(o.opcode) && field(o, 'value_hash'))
        .map((o) => ({ name: field(o, 'name')!, valueHash: field(o, 'value_hash')!, txid: field(o, 'txid')!, vtxindex: Number(field(o, 'vtxindex')) }))
        .sort((a, b) => a.vtxindex - b.vtxindex);
      const valueHashes = zonefileOps.map((o) => o.valueHash);
      this.emit('block', { height: h, hash, txs: txCount, candidates: candidates.length, accepted: r.verdicts.filter((v) => v.accepted).length, ms: performance.now() - t0, valueHashes, zonefileOps } satisfies BlockEvent);
    }
    if (this.listenerCount('progress')) this.emit('progress', { height: h, target });
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
