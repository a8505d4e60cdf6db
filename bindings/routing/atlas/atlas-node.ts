/**
 * @module routing/atlas/atlas-node — one Atlas node: zone-file store + inventory + peer table + crawler, and the
 * state the RPC methods read. The full node feeds it slots from the name DB (`addSlots`, in chain order)
 * and listens for stored zone files (`onZoneFile`, e.g. the subdomain indexer).
 */
import { Inventory, type SlotInfo } from './inventory.ts';
import { PeerTable } from './peers.ts';
import { Crawler, type CrawlerOptions, type CrawlerHost, type AtlasLogger } from './crawler.ts';

export type { AtlasLogger };
import { ZoneFileStore, type SqlDb, type PutResult } from '../store/zonefile-store.ts';
import type { AtlasClientOptions } from './client.ts';

export interface AtlasChainView {
  lastBlock(): number | null;
  consensus(): string | null;
  lastBlockSeen?(): number | null;
  indexing?(): boolean;
  stale?(): boolean;
  firstBlock?: number;
}


export interface AtlasNodeOptions {
  /** DB for the zone-file store (ignored when `store` is given) */
  db?: SqlDb;
  /** an existing store to share (e.g. the node's); Atlas chains its own hook onto `store.onStored` */
  store?: ZoneFileStore;
  chain: AtlasChainView;
  /** this node's own `host:port`, announced to peers (peer exchange) */
  self?: string;
  seeds?: string[];
  blacklist?: string[];
  testnet?: boolean;
  version?: string;
  maxNeighbors?: number;
  client?: AtlasClientOptions;
  crawler?: CrawlerOptions;
  logger?: AtlasLogger;
  /** defaults to "the inventory has a slot for it" */
  isKnownHash?: (hash: string) => boolean;
}

export type ZoneFileListener = (hash: string, bytes: Uint8Array, slots: number[], minBlock: number) => void;

export class AtlasNode implements CrawlerHost {
  readonly inventory = new Inventory();
  readonly peers: PeerTable;
  readonly store: ZoneFileStore;
  readonly chain: AtlasChainView;
  readonly crawler: Crawler;
  readonly version: string;
  readonly testnet: boolean;
  self?: string;
  readonly logger?: AtlasLogger;
  readonly candidates: string[] = [];
  readonly pushQueue: string[] = [];
  private listeners: ZoneFileListener[] = [];
  static readonly MAX_QUEUED_ZONEFILES = 1000;

  constructor(o: AtlasNodeOptions) {
    this.chain = o.chain;
    this.self = o.self;
    this.version = o.version ?? '21.0.0.0';
    this.testnet = o.testnet ?? false;
    this.logger = o.logger;
    this.peers = new PeerTable({ maxNeighbors: o.maxNeighbors, ...(o.crawler?.peerTable ?? {}) });
    const isKnown = o.isKnownHash ?? ((h: string) => this.inventory.isKnown(h));
    if (o.store) {
      this.store = o.store;
      const prev = o.store.onStored;
      o.store.onStored = (h, b) => { prev?.(h, b); this.stored(h, b); };
    } else {
      if (!o.db) throw new TypeError('AtlasNode: "db" or "store" expected');
      this.store = new ZoneFileStore({ db: o.db, isKnownHash: isKnown, onStored: (h, b) => this.stored(h, b) });
    }
    for (const h of this.store.hashes()) this.inventory.markStored(h);
    for (const s of o.seeds ?? []) if (s !== this.self) this.peers.add(s);
    for (const s of o.blacklist ?? []) this.peers.ban(s, 'configured blacklist');
    this.crawler = new Crawler(this, o.client ?? {}, o.crawler ?? {});
  }

  /** Slots from the node's `block` event (`zonefileOps` of NAME_IMPORT / REGISTRATION / RENEWAL / UPDATE). */
  addBlock(e: { height: number; zonefileOps: { name: string; valueHash: string; txid: string; vtxindex: number }[] }): void {
    this.addSlots(e.zonefileOps.map((o) => ({ hash: o.valueHash, block_height: e.height, vtxindex: o.vtxindex, txid: o.txid, name: o.name })));
  }

  /** Reorg: drop the slots of blocks above `height`. */
  rollbackTo(height: number): void {
    const keep = this.inventory.allSlots().findIndex((s) => s.block_height > height);
    if (keep >= 0) this.inventory.truncate(keep);
  }

  /** Slots from newly indexed blocks, in chain order (naming.md §2.4). */
  addSlots(slots: SlotInfo[]): void {
    this.inventory.addSlots(slots, (h) => this.store.has(h));
  }

  onZoneFile(fn: ZoneFileListener): void { this.listeners.push(fn); }

  private stored(hash: string, bytes: Uint8Array): void {
    const slots = this.inventory.markStored(hash);
    const minBlock = slots.length ? Math.min(...slots.map((i) => this.inventory.slot(i)!.block_height)) : -1;
    for (const fn of this.listeners) {
      try { fn(hash, bytes, slots, minBlock); } catch (e) { this.logger?.warn({ err: String(e), hash }, 'zone-file listener failed'); }
    }
  }

  /** Zone files from clients (put_zonefiles, POST /v1/zonefile): stored if announced, then queued for push. */
  acceptUploads(files: Uint8Array[]): PutResult[] {
    const res = this.store.putMany(files);
    const queued = new Set(this.pushQueue);
    for (const r of res) {
      if (r.saved && this.pushQueue.length < AtlasNode.MAX_QUEUED_ZONEFILES && !queued.has(r.hash)) { this.pushQueue.push(r.hash); queued.add(r.hash); }
    }
    return res;
  }

  /** Add a seed peer after construction (e.g. once its port is known). */
  addPeer(hostport: string): void {
    if (hostport !== this.self) this.peers.add(hostport);
  }

  queueCandidate(hostport: string): void {
    if (hostport === this.self || this.peers.get(hostport) || this.candidates.includes(hostport)) return;
    if (this.candidates.length < Math.min(10 * this.peers.maxNeighbors, 65_536)) this.candidates.push(hostport);
  }

  start(intervalMs?: number): void { this.crawler.start(intervalMs); }
  async stop(): Promise<void> { await this.crawler.stop(); }
}
