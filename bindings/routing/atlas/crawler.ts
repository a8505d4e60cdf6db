/**
 * @module routing/atlas/crawler — the Atlas work loops (naming.md §2.5–2.7): validate and exchange peers,
 * refresh neighbours' inventories from the tail, fetch missing zone files rarest-first from the healthiest
 * peers that advertise them (each reply re-hashed before storing; a peer serving a mismatching or oversized
 * zone file is banned), and push uploaded zone files to neighbours that lack them.
 */
import { AtlasClient, type AtlasClientOptions } from './client.ts';
import { MAX_INVENTORY_REQUEST } from './inventory.ts';
import { MAX_ZONEFILE_BYTES } from '../zonefile/limits.ts';
import { RoutingError } from '../errors.ts';
import type { PeerTableOptions, Peer, PeerTable } from './peers.ts';
import type { Inventory } from './inventory.ts';
import type { ZoneFileStore } from '../store/zonefile-store.ts';

export interface AtlasLogger { info(o: object, m?: string): void; warn(o: object, m?: string): void; debug?(o: object, m?: string): void }

/** What the crawler needs of its Atlas node (node.ts implements it; declared here so the two files do not import each other). */
export interface CrawlerHost {
  readonly inventory: Inventory;
  readonly peers: PeerTable;
  readonly store: ZoneFileStore;
  readonly testnet: boolean;
  readonly self?: string;
  readonly logger?: AtlasLogger;
  readonly candidates: string[];
  readonly pushQueue: string[];
  queueCandidate(hostport: string): void;
}

export interface CrawlerOptions {
  peerTable?: PeerTableOptions;
  /** neighbours asked for their peers per round */
  exchangeFanout?: number;
  /** cap on get_zonefiles calls per round */
  maxFetchCallsPerRound?: number;
  /** a call slower than this (ms) backs the peer off even though it answered (default 5000) */
  slowMs?: number;
  /** bytes per get_zonefile_inventory request (default and maximum 524,288) */
  inventoryChunk?: number;
}

export interface CrawlStats { validated: number; inventories: number; fetched: number; rejected: number; pushed: number; banned: string[] }

export class Crawler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> | null = null;
  private clients = new Map<string, AtlasClient>();
  private stopped = true;

  constructor(private node: CrawlerHost, private clientOpts: AtlasClientOptions, private opts: CrawlerOptions) {}

  private client(hp: string): AtlasClient {
    let c = this.clients.get(hp);
    if (!c) { c = new AtlasClient(hp, this.clientOpts); this.clients.set(hp, c); }
    return c;
  }

  /** Run `fn` against a peer, recording the outcome for its health / back-off. */
  private async attempt<T>(p: string, fn: (c: AtlasClient) => Promise<T>): Promise<T | undefined> {
    const t0 = Date.now();
    try {
      const r = await fn(this.client(p));
      this.node.peers.record(p, true);
      const rtt = Date.now() - t0;
      const peer = this.node.peers.get(p);
      if (peer) peer.lastRttMs = rtt;
      if (rtt > (this.opts.slowMs ?? 5_000)) this.node.peers.recordSlow(p, rtt);
      else if (peer) { peer.slowStreak = 0; peer.backoffUntil = 0; }
      return r;
    } catch (e) {
      this.node.peers.record(p, false);
      if (e instanceof RoutingError && e.code === 'E_ATLAS_REPLY_TOO_LARGE') this.ban(p, 'oversized reply');
      this.node.logger?.debug?.({ peer: p, err: (e as Error).message }, 'atlas peer call failed');
      return undefined;
    }
  }

  private ban(p: string, reason: string): void {
    if (this.node.peers.isBanned(p)) return;
    this.node.peers.ban(p, reason);
    this.node.logger?.warn({ peer: p, reason }, 'atlas peer banned');
  }

  /** §2.5: adopt a peer only if getinfo answers sanely, on our network, not stale. */
  private async validate(p: string): Promise<boolean> {
    const info = await this.attempt(p, (c) => c.getinfo());
    const ok = !!info && info.last_block_processed !== undefined && !info.stale && !!info.testnet === this.node.testnet;
    const peer = this.node.peers.get(p);
    if (ok && peer) peer.validated = true;
    return ok;
  }

  async neighborWork(stats: CrawlStats): Promise<void> {
    const { peers } = this.node;
    for (const p of peers.contactable()) if (!p.validated && (await this.validate(p.hostport))) stats.validated++;
    const live = peers.contactable().filter((p) => p.validated);
    const fanout = Math.min(live.length, this.opts.exchangeFanout ?? 3);
    for (let k = 0; k < fanout; k++) {
      const p = live.splice(Math.floor(Math.random() * live.length), 1)[0];
      const r = await this.attempt(p.hostport, (c) => (this.node.self ? c.peerExchange(this.node.self) : c.getAtlasPeers()));
      for (const hp of Array.isArray(r?.peers) ? r.peers : []) {
        if (typeof hp === 'string' && hp !== this.node.self && !peers.isBanned(hp)) this.node.queueCandidate(hp);
      }
    }
    // candidates: queued by peers that called us, and the ones just learnt; adopted only if getinfo is sane
    while (this.node.candidates.length && peers.size() < peers.maxPeers) {
      const c = this.node.candidates.shift()!;
      if (peers.get(c) || c === this.node.self) continue;
      peers.add(c);
      if (await this.validate(c)) stats.validated++; else peers.remove(c);
    }
  }

  /** §2.7 step 1: keep the known head except its last byte, re-read the tail in ≤ 512 KiB chunks. */
  private async refreshInventory(p: Peer): Promise<boolean> {
    const localLen = this.node.inventory.byteLength;
    const keep = p.inv ? Math.max(0, Math.min(p.inv.length - 1, localLen)) : 0;
    const parts: Uint8Array[] = [p.inv ? p.inv.slice(0, keep) : new Uint8Array(0)];
    let offset = keep;
    while (offset < localLen) {
      const want = Math.min(this.opts.inventoryChunk ?? MAX_INVENTORY_REQUEST, MAX_INVENTORY_REQUEST, localLen - offset);
      const chunk = await this.attempt(p.hostport, (c) => c.getInventory(offset, want));
      if (!chunk) return false;
      parts.push(chunk);
      offset += chunk.length;
      if (chunk.length < want) break;
    }
    const inv = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of parts) { inv.set(x, o); o += x.length; }
    p.inv = inv;
    p.invRefreshedAt = this.node.peers.now();
    return true;
  }

  /**
   * §2.7 steps 2–4. Providers are computed once per round; each peer keeps a cursor into its own list of
   * missing hashes (in rarest-first order), so a round costs O(missing × neighbours) however many calls it makes.
   */
  async fetchMissing(stats: CrawlStats): Promise<void> {
    const { inventory, peers } = this.node;
    const maxCalls = this.opts.maxFetchCallsPerRound ?? 1000;
    const neighbours = peers.contactable().filter((p) => p.validated && p.inv);
    const providers = new Map<string, Peer[]>();
    for (const h of inventory.missingHashes()) {
      const list = neighbours.filter((p) => inventory.peerHas(p.inv!, h));
      if (list.length) providers.set(h, list);
    }
    const order = [...providers.keys()].sort((a, b) => providers.get(a)!.length - providers.get(b)!.length);
    const perPeer = new Map<Peer, { list: string[]; at: number }>();
    for (const h of order) for (const p of providers.get(h)!) {
      const e = perPeer.get(p);
      if (e) e.list.push(h); else perPeer.set(p, { list: [h], at: 0 });
    }
    const failed = new Set<string>(); // hashes a peer advertised but did not deliver, per "peer|hash"
    let calls = 0;
    for (const head of order) {
      if (inventory.isStored(head)) continue;
      const headPeers = providers.get(head)!.filter((p) => !p.banned)
        .sort((a, b) => peers.health(b.hostport) - peers.health(a.hostport));
      for (const p of headPeers) {
        if (inventory.isStored(head)) break;
        if (p.banned || failed.has(`${p.hostport}|${head}`)) continue;
        // a backing-off (slow/failing) peer is used only when no other provider of the head hash is usable
        if (peers.isBackingOff(p.hostport) && headPeers.some((o) => o !== p && !o.banned && !peers.isBackingOff(o.hostport))) continue;
        if (calls++ >= maxCalls) return;
        const q = perPeer.get(p)!;
        const want: string[] = [];
        for (let i = q.at; i < q.list.length && want.length < 100; i++) {
          const h = q.list[i];
          if (i === q.at && inventory.isStored(h)) { q.at++; continue; }
          if (!inventory.isStored(h) && !failed.has(`${p.hostport}|${h}`)) want.push(h);
        }
        if (!want.includes(head)) want.unshift(head);
        if (want.length > 100) want.length = 100;
        const got = await this.attempt(p.hostport, (c) => c.getZonefiles(want));
        if (!got) continue;
        const expected = new Map<string, Uint8Array>();
        let bad: string | null = null;
        for (const h of want) {
          const b = got.get(h);
          if (!b) { inventory.clearInPeer(p.inv!, h); failed.add(`${p.hostport}|${h}`); continue; }
          if (b.length > MAX_ZONEFILE_BYTES) { bad = `oversized zone file for ${h} (${b.length} bytes)`; break; }
          expected.set(h, b);
        }
        if (!bad) {
          for (const [h, r] of this.node.store.putExpected(expected)) {
            if (r.code === 'E_ZONEFILE_HASH_MISMATCH') { bad = `zone file for ${h} hashes to ${r.hash}`; break; }
            if (r.saved) stats.fetched++; else stats.rejected++;
          }
        }
        if (bad) { stats.rejected++; stats.banned.push(p.hostport); this.ban(p.hostport, bad); }
      }
    }
  }

  /** §2.7 step 5: push uploaded zone files (≤ 5 per call) to neighbours whose inventory lacks them. */
  async pushWork(stats: CrawlStats): Promise<void> {
    const { inventory, peers, store } = this.node;
    if (!this.node.pushQueue.length) return;
    const queue = [...this.node.pushQueue];
    const done = new Set(queue);
    for (const p of peers.contactable().filter((x) => x.validated && x.inv)) {
      const lacking = queue.filter((h) => !inventory.peerHas(p.inv!, h) && inventory.isKnown(h));
      for (let i = 0; i < lacking.length; i += 5) {
        const batch = lacking.slice(i, i + 5);
        const files = batch.map((h) => store.get(h)).filter((b): b is Uint8Array => !!b);
        const saved = await this.attempt(p.hostport, (c) => c.putZonefiles(files));
        if (!saved) { batch.forEach((h) => done.delete(h)); break; }
        batch.forEach((h, j) => {
          if (saved[j] === 1) { stats.pushed++; for (const s of inventory.slotsOf(h)) if ((s >> 3) < p.inv!.length) p.inv![s >> 3] |= 0x80 >> (s & 7); }
          else done.delete(h);
        });
      }
    }
    this.node.pushQueue.splice(0, this.node.pushQueue.length, ...this.node.pushQueue.filter((h) => !done.has(h)));
  }

  /** One full round: neighbours, inventories, fetch, push. */
  async crawlOnce(): Promise<CrawlStats> {
    const stats: CrawlStats = { validated: 0, inventories: 0, fetched: 0, rejected: 0, pushed: 0, banned: [] };
    await this.neighborWork(stats);
    for (const p of this.node.peers.contactable().filter((x) => x.validated)) {
      if (await this.refreshInventory(p)) stats.inventories++;
    }
    await this.fetchMissing(stats);
    await this.pushWork(stats);
    return stats;
  }

  start(intervalMs = 300_000): void {
    this.stopped = false;
    const tick = async (): Promise<void> => {
      if (this.stopped) return;
      this.running = this.crawlOnce().catch((e) => this.node.logger?.warn({ err: String(e) }, 'atlas crawl failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
