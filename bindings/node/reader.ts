/**
 * @module node/reader — a read-only API process over the PostgreSQL database of one writer
 * (`blockstack api serve --db postgres://… --read-only`): no indexer, no chain source, no writes.
 *
 * It holds a replica of the committed state in memory, exactly what a writer holds: the name state (loaded
 * with the same code as a writer's restart) and the zone files + subdomain tables (in an in-memory SQLite, so
 * the routing stores run unchanged). Every refresh reads what the new blocks changed (or, after a rollback
 * below its tip, the whole name state), the new zone files and (when they changed) the subdomain tables in ONE
 * `REPEATABLE READ` transaction, and applies it in one synchronous step: a request always answers from one
 * committed snapshot, never from half a block. Refreshes run on `LISTEN blockstack_changes` (the writer NOTIFYs in the committing
 * transaction) and, as a fallback when notifications are lost, on a slow poll of the tip.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { Gauge } from 'prom-client';
import type { Hono } from 'hono';
import { createApp } from '../api/app.ts';
import { serveNode } from '../api/serve-node.ts';
import { AtlasNode, createAtlasHandler, SubdomainIndexer } from '../routing/index.ts';
import { ZoneFileStore, type SqlDb } from '../routing/store/zonefile-store.ts';
import { Hono as HonoApp } from 'hono';
import { createNameDb, devnetRules, MAINNET, type NameDb, type RuleSet } from '../virtualchain/index.ts';
import { rulesId } from '../virtualchain/networks.ts';
import { applyIncrement, loadState } from '../virtualchain/db/load.ts';
import { columnsOf, ddl, insertRowSql, META, PG_BULK, PG_CHANNEL, pgSql, ROUTING_SQL, ROUTING_TABLES, SQL } from '../virtualchain/db/layout.ts';
import { inSnapshot, readIncrement, readStateRows, redact } from '../virtualchain/db/postgres.ts';
import { slotsFromHistory, type NodeAtlas } from './atlas.ts';
import type { Logger } from './logger.ts';
import { NodeMetrics } from './metrics.ts';
import { DbView } from './view.ts';
import { viewSource } from '../api/dns-source.ts';
import { DnsResponder } from '../dns/responder.ts';
import { startDnsServer, type RunningDns } from '../dns/server.ts';
import { PubsubService } from './services.ts';
import type { NodeContext } from './node.ts';

export interface ReaderOptions {
  url: string;
  port: number;
  host?: string;
  log: Logger;
  /** Fallback poll of the tip when no notification arrived (default 5000 ms). */
  pollMs?: number;
  /** Also serve the names over DNS (UDP+TCP) on this port (0 = any); DoH is always at `/dns-query`. */
  dns?: { port: number; host?: string };
  /** `/pubsub` across processes: the broker every API process of this database shares (nats://, redis://). */
  pubsubBroker?: string | null;
  /** More routes on the API (the crawl service's read-only routes: people search, app stats, karma). */
  mounts?: { path: string; app: Hono }[];
}

interface Change { routing?: boolean; subdomains?: boolean; tip?: number; rollback?: boolean }

/** The rule set a writer stored (`meta.rules` = rulesId): mainnet, or devnet starting at the first block. */
export function rulesFromStored(id: string, firstBlock: number): RuleSet {
  for (const r of [MAINNET, devnetRules(firstBlock)]) if (rulesId(r) === id) return r;
  throw new Error(`database was built with rules "${id}", which this version does not know`);
}

export class ReadOnlyNode {
  db!: NameDb;
  view!: DbView;
  readonly metrics = new NodeMetrics();
  url = '';
  /** The DNS gateway (when `dns` was given). */
  dns: RunningDns | null = null;
  /** The WebSocket `/pubsub` (relayed through `pubsubBroker` when given). */
  readonly pubsub: PubsubService;
  private atlas!: AtlasNode;
  private readonly mem: Database.Database;
  private client!: pg.Client;
  private listener!: pg.Client;
  private closeApi: (() => Promise<void>) | null = null;
  private refreshing: Promise<void> | null = null;
  private pending: Change | null = null;
  private timer: NodeJS.Timeout | null = null;
  private zfMark = { at: 0 };
  private heldZonefiles = new Set<string>();
  private firstRefresh = true;
  private stopped = false;
  /** The first snapshot is in: notifications may start refreshes (before, they only queue). */
  private loaded = false;
  /** Number of snapshots swapped in (tests, metrics). */
  refreshes = 0;
  /** Of which whole-state reads (first load, rollbacks below the replica's tip). */
  fullRefreshes = 0;
  /** Last `subdomain_changes` id applied (-1: the subdomain tables were never loaded). */
  private subMark = -1;
  /** Subdomain rows read (whole tables on a reload, changed rows otherwise) and whole-table reloads. */
  subRows = 0;
  subReloads = 0;
  /** Atlas inventory rebuilds from the whole history (first load, after a rollback); otherwise it is updated in place. */
  atlasRebuilds = 0;
  private forceFull = false;
  /** Number of reconnections after a lost PostgreSQL connection. */
  reconnects = 0;
  private reconnecting = false;

  private constructor(readonly opts: ReaderOptions) {
    this.mem = new Database(':memory:');
    for (const q of ddl('sqlite', ROUTING_TABLES)) this.mem.exec(q);
    this.pubsub = new PubsubService({ broker: opts.pubsubBroker });
    const self = this;
    new Gauge({ name: 'blockstack_reader_refreshes', help: 'Snapshots swapped in by this read-only process: all, full (whole-state reads), atlas_rebuilds (inventory rebuilt from history)',
      labelNames: ['kind'], registers: [this.metrics.registry],
      collect() {
        this.set({ kind: 'all' }, self.refreshes); this.set({ kind: 'full' }, self.fullRefreshes); this.set({ kind: 'atlas_rebuilds' }, self.atlasRebuilds);
        this.set({ kind: 'subdomain_reloads' }, self.subReloads); this.set({ kind: 'subdomain_rows' }, self.subRows);
      } });
  }

  static async start(o: ReaderOptions): Promise<ReadOnlyNode> {
    const n = new ReadOnlyNode(o);
    try { await n.boot(); } catch (e) { await n.stop(); throw e; }
    return n;
  }

  private async connect(name: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: this.opts.url, application_name: name });
    c.on('error', (e) => { this.opts.log.error({ err: e }, `${name}: PostgreSQL connection error`); void this.reconnect(); });
    c.on('end', () => void this.reconnect());
    try { await c.connect(); } catch (e) { throw new Error(`cannot connect to PostgreSQL at ${redact(this.opts.url)}: ${(e as Error).message}`); }
    return c;
  }

  private async connectBoth(): Promise<void> {
    this.client = await this.connect('blockstack-reader');
    this.listener = await this.connect('blockstack-reader-listen');
    this.listener.on('notification', (m) => { if (m.channel === PG_CHANNEL) this.schedule(JSON.parse(m.payload ?? '{}') as Change); });
    await this.listener.query(`LISTEN ${PG_CHANNEL}`);
  }

  /**
   * A lost connection (server restart, failover, terminated session): keep serving the last snapshot, reconnect
   * with back-off (0.25 s → 5 s), LISTEN again and take a fresh snapshot (notifications may have been missed).
   */
  private async reconnect(): Promise<void> {
    if (this.stopped || this.reconnecting || !this.client) return;
    this.reconnecting = true;
    this.opts.log.warn('PostgreSQL connection lost: reconnecting (serving the last snapshot meanwhile)');
    for (let delay = 250; !this.stopped; delay = Math.min(delay * 2, 5000)) {
      const old = [this.client, this.listener];
      try {
        for (const c of old) { c.removeAllListeners('end'); c.removeAllListeners('error'); c.on('error', () => {}); void c.end().catch(() => {}); }
        await this.connectBoth();
        this.reconnecting = false;
        this.reconnects++;
        this.schedule({ subdomains: true });
        return;
      } catch (e) {
        this.opts.log.warn({ err: e }, 'PostgreSQL reconnect failed');
        await new Promise((ok) => setTimeout(ok, delay));
      }
    }
    this.reconnecting = false;
  }

  private async boot(): Promise<void> {
    await this.connectBoth();
    // wait for a writer to have committed a first block (the rules are stored with it)
    for (let i = 0; ; i++) {
      const r = await this.client.query(PG_BULK.hasMeta);
      if (r.rows[0].t && (await this.client.query(pgSql(SQL.getMeta), [META.rules])).rowCount) break;
      if (i === 0) this.opts.log.warn('PostgreSQL database has no indexed block yet: waiting for the writer');
      await new Promise((ok) => setTimeout(ok, 500));
      if (this.stopped) throw new Error('stopped');
    }
    // the first snapshot counts as a running refresh: notifications meanwhile queue behind it
    this.refreshing = this.refresh({ subdomains: true });
    try { await this.refreshing; } finally { this.refreshing = null; }
    this.loaded = true;
    const self = this;
    this.view = new DbView({
      get db() { return self.db; }, zonefiles: this.zonefileStore(),
      atlas: { subs: new SubdomainIndexer(this.mem as unknown as SqlDb, this.opts.log), upload: () => false } as unknown as NodeAtlas,
      lastSeen: () => this.db.state.lastBlock, indexing: () => false, testnet: this.db.rules.name !== 'mainnet',
    });
    const atlasApp = new HonoApp();
    const atlasFn = (c: any) => createAtlasHandler(this.atlas)(c.req.raw, c.env?.incoming?.socket?.remoteAddress ?? '127.0.0.1');
    atlasApp.post('/RPC2', atlasFn);
    atlasApp.post('/atlas/:method', atlasFn);
    await this.pubsub.init();
    const mounts: { path: string; app: Hono }[] = [{ path: '/metrics', app: this.metrics.app() }, { path: '/', app: atlasApp }, ...this.pubsub.mounts(), ...(this.opts.mounts ?? [])];
    const app = createApp(this.view, { mounts, onRequest: (m, route, status, s) => this.metrics.api.observe({ method: m, route, status: String(status) }, s) });
    const srv = await serveNode(app, this.opts.port, this.opts.host ?? '127.0.0.1');
    this.closeApi = srv.close;
    this.url = srv.url;
    // publishes are verified against this reader's own name API (key discovery), then relayed
    const ctx = { log: this.opts.log, metrics: this.metrics, apiUrl: srv.url } as unknown as NodeContext;
    this.pubsub.attach(srv.server, ctx);
    await this.pubsub.start(ctx);
    if (this.opts.dns) {
      const responder = new DnsResponder(viewSource(this.view), { nsName: 'localhost', cacheMs: 1000 });
      this.dns = await startDnsServer(responder, { port: this.opts.dns.port, host: this.opts.dns.host ?? this.opts.host ?? '127.0.0.1', rateLimit: 200, log: this.opts.log.child({ c: 'dns' }) });
    }
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs ?? 5000);
    if (this.pending) this.schedule({});
    this.timer.unref();
    this.opts.log.info({ url: this.url, tip: this.db.state.lastBlock }, 'read-only API serving');
  }

  private zonefileStore(): ZoneFileStore {
    // a replica: nothing is stored through it (uploads and put_zonefiles answer "not announced")
    return new ZoneFileStore({ db: this.mem as unknown as SqlDb, isKnownHash: () => false });
  }

  /** Coalesces notifications: one refresh at a time, one more if anything arrived meanwhile. */
  private schedule(ch: Change): void {
    this.pending = { ...this.pending, ...ch, subdomains: !!(this.pending?.subdomains || ch.subdomains) };
    if (this.refreshing || this.stopped || !this.loaded) return; // before the first snapshot: boot runs the queue
    const next = this.pending;
    this.pending = null;
    this.refreshing = this.refresh(next).catch((e) => this.opts.log.error({ err: e }, 'refresh from PostgreSQL failed')).finally(() => {
      this.refreshing = null;
      if (this.pending) this.schedule({});
    });
  }

  /** Fallback: refresh when the tip moved without a notification (lost LISTEN connection). */
  private async poll(): Promise<void> {
    if (this.refreshing || this.stopped) return;
    try {
      const r = await this.client.query(PG_BULK.tipRow);
      const row = r.rows[0];
      if (!row || row.height !== this.db.state.lastBlock || row.consensus_hash !== this.db.state.consensus.get(row.height)) this.schedule({ subdomains: true });
    } catch (e) { this.opts.log.warn({ err: e }, 'PostgreSQL poll failed'); }
  }

  /**
   * Reads one snapshot and swaps it in. Forward (the replica's tip block is still the database's): only what
   * the new blocks changed (keys from their undo journals, history and consensus rows above the tip), applied
   * in place in one synchronous step. Otherwise (first load, a rollback below the tip, a failed increment):
   * the whole state, built beside the old one and swapped.
   */
  async refresh(ch: Change = { subdomains: true }): Promise<void> {
    const since = Math.max(0, this.zfMark.at - 60_000); // overlap: stored_at is the writer's clock
    const cur = this.forceFull ? undefined : this.db;
    const r = await inSnapshot(this.client, async (c) => {
      const inc = cur ? await readIncrement(c, cur.state.lastBlock, cur.state.consensus.get(cur.state.lastBlock)) : null;
      const full = inc ? null : await readStateRows(c);
      const zf = (await c.query(PG_BULK.zonefilesSince, [since, ''])).rows as { hash: string; data: Buffer; stored_at: string }[];
      const subs = await readSubdomainChanges(c, this.subMark);
      const first = full ? (await c.query(PG_BULK.firstBlock)).rows[0]?.h as number | null : null;
      return { inc, full, zf, subs, first };
    });
    let db = cur!;
    const oldTip = cur?.state.lastBlock ?? -1;
    if (r.full) {
      const rules = rulesFromStored(r.full.meta.get(META.rules) ?? '', r.first ?? 0);
      db = createNameDb(rules);
      loadState(db.state, r.full.rows);
    }
    // --- synchronous from here: requests see the old state or the new one, nothing between ---
    if (r.inc && r.inc.tip !== db.state.lastBlock) {
      try { applyIncrement(db.state, r.inc); } catch (e) {
        this.forceFull = true; // the in-place update failed half way: serve nothing stale-and-broken for long
        this.opts.log.error({ err: e }, 'incremental refresh failed: re-reading the whole state');
        this.schedule({ subdomains: true });
        return;
      }
    }
    this.forceFull = false;
    const put = this.mem.prepare(ROUTING_SQL.zfPut);
    const newZf: string[] = [];
    this.mem.transaction(() => {
      for (const z of r.zf) {
        if (!this.heldZonefiles.has(z.hash)) { put.run(z.hash, z.data, Number(z.stored_at)); this.heldZonefiles.add(z.hash); newZf.push(z.hash); }
        this.zfMark.at = Math.max(this.zfMark.at, Number(z.stored_at));
      }
      if (r.subs) {
        if (r.subs.full) for (const q of PG_BULK.clearSubdomains) this.mem.exec(q);
        else {
          const dr = this.mem.prepare(ROUTING_SQL.subRecordDel);
          const dd = this.mem.prepare(ROUTING_SQL.subDomainDel);
          for (const [a, b] of r.subs.recKeys) dr.run(a, b);
          for (const d of r.subs.domKeys) dd.run(d);
        }
        for (const [t, rows] of [['subdomain_records', r.subs.records], ['subdomain_domains', r.subs.domains]] as const) {
          const ins = this.mem.prepare(insertRowSql(t));
          const cols = columnsOf(t);
          for (const row of rows) ins.run(...cols.map((k) => row[k]));
        }
        this.subMark = r.subs.mark;
        this.subRows += r.subs.records.length + r.subs.domains.length;
        if (r.subs.full) this.subReloads++;
      }
    })();
    this.db = db;
    if (r.full || !this.atlas) {
      // first load or a rollback below the replica's tip: the inventory is rebuilt from the whole history
      const rules = db.rules;
      const atlas = new AtlasNode({ store: this.zonefileStore(), testnet: rules.name !== 'mainnet', chain: { lastBlock: () => db.state.lastBlock, consensus: () => db.state.consensus.get(db.state.lastBlock) ?? null, firstBlock: rules.firstBlock } });
      atlas.addSlots(slotsFromHistory(db));
      this.atlas = atlas;
      this.atlasRebuilds++;
    } else {
      // forward: the new blocks' slots append (chain order), new zone files set their slots' bits
      if (r.inc?.history.length) this.atlas.addSlots(slotsFromHistory(db, { height: oldTip, names: r.inc.history.map((h) => h.name) }));
      for (const h of newZf) this.atlas.inventory.markStored(h);
    }
    this.view?.invalidate();
    this.firstRefresh = false;
    this.refreshes++;
    if (r.full) this.fullRefreshes++;
    this.metrics.height.set(db.state.lastBlock);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => {});
    await this.pubsub.stop().catch(() => {});
    await this.closeApi?.();
    await this.dns?.close();
    for (const c of [this.listener, this.client]) { c?.removeAllListeners('end'); await c?.end().catch(() => {}); }
    this.mem.close();
  }
}

interface SubdomainDelta { full: boolean; mark: number; records: Record<string, unknown>[]; domains: Record<string, unknown>[]; recKeys: [number, number][]; domKeys: string[] }

/**
 * Inside the caller's snapshot: the subdomain rows changed since log id `mark` (the keys the writer's mirror
 * logged, with their current rows; a key without a row was deleted), or the whole tables on first load,
 * after a '*' entry (a full push: writer restart, db copy) or when entries above the mark were pruned. Null
 * when nothing changed.
 */
export async function readSubdomainChanges(c: pg.ClientBase, mark: number): Promise<SubdomainDelta | null> {
  const whole = async (m: number): Promise<SubdomainDelta> => ({
    full: true, mark: m, recKeys: [], domKeys: [],
    records: (await c.query(PG_BULK.allRows('subdomain_records'))).rows, domains: (await c.query(PG_BULK.allRows('subdomain_domains'))).rows,
  });
  if (mark < 0) return whole(Number((await c.query(PG_BULK.subLogMax)).rows[0].id));
  const log = (await c.query(PG_BULK.subLogSince, [mark])).rows as { id: string; tbl: string; k: string }[];
  if (!log.length) return null;
  const last = Number(log[log.length - 1].id);
  // a '*' entry, or a hole right above the mark (the writer pruned entries this reader had not applied; a
  // rolled-back push or a PostgreSQL crash can also skip ids, which costs one needless reload)
  if (Number(log[0].id) > mark + 1 || log.some((x) => x.tbl === '*')) return whole(last);
  const rec = new Map<string, [number, number]>();
  const dom = new Set<string>();
  for (const x of log) {
    if (x.tbl === 'records') { const [a, b] = x.k.split('/').map(Number); rec.set(x.k, [a, b]); } else dom.add(x.k);
  }
  const recKeys = [...rec.values()];
  const domKeys = [...dom];
  return {
    full: false, mark: last, recKeys, domKeys,
    records: recKeys.length ? (await c.query(PG_BULK.subRecordsIn, [recKeys.map((k) => k[0]), recKeys.map((k) => k[1])])).rows : [],
    domains: domKeys.length ? (await c.query(PG_BULK.subDomainsIn, [domKeys])).rows : [],
  };
}
