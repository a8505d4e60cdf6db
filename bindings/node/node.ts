/**
 * @module node/node — the only place that wires everything: chain source (embedded devnet, bitcoind
 * RPC or blk files) → indexer → name DB (SQLite) + zone-file store → REST API (hono on Node) with
 * Prometheus /metrics. Services of other areas (Atlas, storage hub) plug in through `services`:
 * each gets the node context at start and may mount routes and report URLs.
 */
import { writeFileSync, rmSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Hono } from 'hono';
import { createApp } from '../api/app.ts';
import { serveNode } from '../api/serve-node.ts';
import { BlkFileSource } from '../chain/blkfiles.ts';
import { Devnet } from '../chain/devnet/devnet.ts';
import { DEVNET } from '../chain/devnet/params.ts';
import { DevnetSource } from '../chain/devnet/source.ts';
import { RpcSource } from '../chain/rpc.ts';
import { MAINNET_VERSIONS } from '../chain/script.ts';
import type { ChainSource } from '../chain/source.ts';
import { openSqlite } from '../routing/store/sqlite.ts';
import { ZoneFileStore } from '../routing/store/zonefile-store.ts';
import { checkNetwork, closeNameDbAsync, devnetRules, MAINNET, type NameDb } from '../virtualchain/index.ts';
import { isPostgresUrl, openNameDb, openPgNameDb } from '../virtualchain/stores.ts';
import { PgRoutingMirror } from './pg-mirror.ts';
import { runInfoPath, type NodeConfig, type RunInfo } from './config.ts';
import { NodeAtlas } from './atlas.ts';
import { PeerConsensusCheck } from './peer-consensus.ts';
import { Indexer, type BlockEvent } from './indexer.ts';
import { createLogger, type Logger } from './logger.ts';
import { NodeMetrics } from './metrics.ts';
import { listenAs } from './ports.ts';
import { DbView } from './view.ts';

export interface NodeContext { cfg: NodeConfig; log: Logger; db: NameDb; view: DbView; zonefiles: ZoneFileStore; metrics: NodeMetrics; apiUrl: string | null }
export interface NodeService {
  name: string;
  /** Before the API listens (start own servers, prepare routes). */
  init?(ctx: NodeContext): Promise<void>;
  /** Routes to mount on the API server (before it listens). */
  mounts?(ctx: NodeContext): { path: string; app: Hono }[];
  /** Body caps (bytes by path prefix) for its mounted routes when they take more than the API's default. */
  bodyLimits?(): { prefix: string; bytes: number }[];
  /** The API's HTTP server, once listening (e.g. to take WebSocket upgrades). */
  attach?(server: Server, ctx: NodeContext): void;
  start?(ctx: NodeContext): Promise<Record<string, string> | void>;
  stop?(): Promise<void>;
}

export interface StartOptions {
  services?: NodeService[]; progress?: boolean; logToStderr?: 'warn' | 'info' | 'silent';
  /** The store failed a commit (memory is ahead of it): the indexer has stopped; the process should exit and be restarted. */
  onFatal?: (e: Error) => void;
}

export class BlockstackNode {
  devnet: Devnet | null = null;
  source!: ChainSource;
  db!: NameDb;
  zonefiles!: ZoneFileStore;
  view!: DbView;
  indexer!: Indexer;
  /** Atlas peer + subdomain indexer (null when `atlas.enabled` is false). */
  atlas: NodeAtlas | null = null;
  metrics = new NodeMetrics();
  log!: Logger;
  apiUrl = '';
  rpcUrl: string | null = null;
  urls: Record<string, string> = {};
  private closeApi: (() => Promise<void>) | null = null;
  private zfDb: { close(): void } | null = null;
  /** PostgreSQL: pushes zone files and subdomains to the shared database (null on SQLite). */
  mirror: PgRoutingMirror | null = null;
  private loop: Promise<void> | null = null;
  private knownHashes = new Set<string>();
  private stopping = false;
  private peerTimer: NodeJS.Timeout | null = null;
  private peerCheckTimer: NodeJS.Timeout | null = null;
  /** Compares our consensus hash with each Atlas peer's getinfo (warning + metric on disagreement). */
  peerCheck: PeerConsensusCheck | null = null;

  constructor(readonly cfg: NodeConfig) {}

  static async start(cfg: NodeConfig, opts: StartOptions = {}): Promise<BlockstackNode> {
    const n = new BlockstackNode(cfg);
    try { await n.boot(opts); } catch (e) { await n.stop(); throw e; }
    return n;
  }

  private async openSource(): Promise<ChainSource> {
    const c = this.cfg;
    if (c.chain.source === 'devnet') {
      this.devnet = new Devnet({ dir: join(c.home, 'devnet'), rpcPort: c.devnet.rpcPort, rpcUser: c.devnet.rpcUser, rpcPassword: c.devnet.rpcPassword, mining: c.devnet.mining, obfuscate: c.devnet.obfuscate });
      const cut = this.devnet.chain.repaired;
      if (cut) this.log.warn(cut, 'devnet: torn last block record (power loss?) cut back to the last whole record');
      const dn = this.devnet;
      this.rpcUrl = await listenAs('rpc', '127.0.0.1', c.devnet.rpcPort, () => dn.start());
      this.devnet.ensureMatureFunds();
      return new DevnetSource(this.devnet.chain);
    }
    if (c.chain.source === 'rpc') {
      // base58 versions follow the network (mainnet 0x00/0x05, test and regtest 0x6f/0xc4)
      const network = c.chain.network ?? await new RpcSource({ ...c.chain.rpc }).detectNetwork();
      this.rpcUrl = c.chain.rpc.url;
      return new RpcSource({ ...c.chain.rpc, network, addressVersions: network === 'main' ? MAINNET_VERSIONS : DEVNET.versions });
    }
    const network = c.chain.network ?? 'main';
    return new BlkFileSource(c.chain.blocksDir, network, { addressVersions: network === 'main' ? MAINNET_VERSIONS : DEVNET.versions });
  }

  private async boot(opts: StartOptions): Promise<void> {
    const c = this.cfg;
    mkdirSync(c.home, { recursive: true });
    this.log = createLogger(c.home, c.logLevel, opts.logToStderr ?? 'warn');
    this.source = await this.openSource();
    const rules = this.source.network === 'main' ? MAINNET : devnetRules(c.chain.firstBlock ?? DEVNET.firstBlock);
    if (c.db && isPostgresUrl(c.db)) {
      // PostgreSQL: this process is the one writer (advisory lock); --standby waits for the lock
      this.db = await openPgNameDb(c.db, rules, { standby: c.dbStandby, onWaiting: () => this.log.warn('another indexer holds the PostgreSQL writer lock: standing by') });
      this.log.info({ tip: this.db.state.lastBlock }, 'PostgreSQL writer lock taken');
    } else {
      // SQLite: group commit while catching up (64 blocks a transaction); the indexer flushes once caught up
      this.db = openNameDb(c.db ? c.db.replace(/^sqlite:/, '') : join(c.home, `names-${rules.name}.sqlite`), rules, { groupBlocks: 64 });
    }
    checkNetwork(this.db, this.source.network); // a database indexed from another chain: clear error, stop() closes it
    for (const h of this.db.state.history.values()) for (const e of h) if (e.record.valueHash) this.knownHashes.add(e.record.valueHash);
    const zf = openSqlite(join(c.home, 'zonefiles.sqlite'));
    this.zfDb = zf;
    this.zonefiles = new ZoneFileStore({ db: zf, isKnownHash: (h) => this.knownHashes.has(h) });
    if (c.db && isPostgresUrl(c.db)) {
      this.mirror = new PgRoutingMirror(c.db, zf, this.log);
      await this.mirror.start();
      const prev = this.zonefiles.onStored;
      this.zonefiles.onStored = (h, b) => { prev?.(h, b); this.mirror?.poke(); };
    }
    this.indexer = new Indexer(this.source, this.db, { pollMs: c.chain.source === 'devnet' ? 250 : 5000, workers: c.chain.workers, bulkOptions: {
      verifyBlocks: c.chain.verifyBlocks,
      onPath: (path, why) => (why && !why.startsWith('disabled') ? this.log.warn({ path, why }, 'blk files: sender resolution falls back to two passes (no usable rev files)') : this.log.info({ path }, 'blk files: sender resolution from Core\'s undo files (one pass)')),
    } });
    if (c.atlas?.enabled !== false) {
      this.atlas = new NodeAtlas({ db: this.db, sql: zf, store: this.zonefiles, log: this.log, mainnet: this.source.network === 'main',
        peers: c.atlas?.peers ?? [], port: c.atlas?.port ?? null, host: c.atlas?.host ?? '127.0.0.1', crawlMs: c.atlas?.crawlMs ?? 5000 });
    }
    this.view = new DbView({ db: this.db, zonefiles: this.zonefiles, atlas: this.atlas, lastSeen: () => this.indexer.lastSeen, indexing: () => this.indexer.height < this.indexer.lastSeen, testnet: this.source.network !== 'main' });
    this.wireEvents(opts.onFatal);
    if (this.devnet) { this.devnet.chain.on('block', () => this.indexer.poke()); this.devnet.chain.on('reorg', () => this.indexer.poke()); }

    await this.initialSync(opts.progress ?? false);

    const ctx = (): NodeContext => ({ cfg: c, log: this.log, db: this.db, view: this.view, zonefiles: this.zonefiles, metrics: this.metrics, apiUrl: this.apiUrl || null });
    for (const s of opts.services ?? []) await s.init?.(ctx());
    this.services = opts.services ?? [];
    const mounts = [{ path: '/metrics', app: this.metrics.app() }, ...(this.atlas ? [{ path: '/', app: this.atlas.routes() }] : []), ...(opts.services ?? []).flatMap((s) => s.mounts?.(ctx()) ?? [])];
    const bodyLimits = [...(this.atlas?.bodyLimits() ?? []), ...(opts.services ?? []).flatMap((s) => s.bodyLimits?.() ?? [])];
    const onServerError = (err: Error, path: string) => this.log.error({ err, path }, 'api: server error (5xx)');
    const app = createApp(this.view, { mounts, bodyLimits, onServerError, onRequest: (m, route, status, s) => this.metrics.api.observe({ method: m, route, status: String(status) }, s) });
    const srv = await listenAs('api', c.api.host, c.api.port, () => serveNode(app, c.api.port, c.api.host));
    this.closeApi = srv.close;
    this.apiUrl = srv.url;
    for (const s of opts.services ?? []) s.attach?.(srv.server, ctx());
    this.urls = { api: srv.url, metrics: `${srv.url}/metrics`, ...(this.rpcUrl ? { bitcoinRpc: this.rpcUrl } : {}) };
    if (this.atlas) {
      const atlas = this.atlas;
      Object.assign(this.urls, await listenAs('atlas', c.atlas?.host ?? '127.0.0.1', c.atlas?.port, () => atlas.start(new URL(srv.url).host)));
      const peers = this.atlas.atlas.peers;
      this.peerTimer = setInterval(() => this.metrics.peers.set(peers.all().filter((p) => !p.banned).length), 1000);
      this.peerTimer.unref();
      this.peerCheck = new PeerConsensusCheck({
        peers: () => peers.all().filter((p) => !p.banned).map((p) => p.hostport), registry: this.metrics.registry, log: this.log,
        consensusAt: (h) => (h <= this.db.state.lastBlock ? this.db.state.consensus.get(h) : undefined),
      });
      const check = this.peerCheck;
      this.peerCheckTimer = setInterval(() => { void check.checkOnce().catch((e) => this.log.warn({ err: e }, 'peer consensus check failed')); }, c.atlas?.crawlMs ?? 5000);
      this.peerCheckTimer.unref();
    }
    for (const s of opts.services ?? []) Object.assign(this.urls, (await s.start?.(ctx())) ?? {});
    const run: RunInfo = { pid: process.pid, apiUrl: srv.url, rpcUrl: this.rpcUrl, rpcUser: this.devnet ? c.devnet.rpcUser : c.chain.rpc.user, rpcPassword: this.devnet ? c.devnet.rpcPassword : c.chain.rpc.password, startedAt: new Date().toISOString() };
    writeFileSync(runInfoPath(c.home), JSON.stringify(run, null, 2) + '\n');
    this.loop = this.indexer.run();
    this.log.info({ urls: this.urls, height: this.indexer.height }, 'node started');
  }
  private services: NodeService[] = [];

  private wireEvents(onFatal?: (e: Error) => void): void {
    this.indexer.on('block', (e: BlockEvent) => {
      for (const h of e.valueHashes) this.knownHashes.add(h);
      this.atlas?.onBlock(e);
      this.mirror?.poke();
      this.view.invalidate();
      this.metrics.height.set(e.height);
      this.metrics.ops.inc({ verdict: 'accepted' }, e.accepted);
      this.metrics.ops.inc({ verdict: 'rejected' }, e.candidates - e.accepted);
      this.metrics.blockSeconds.observe(e.ms / 1000);
      this.log.debug(e, 'block');
    });
    this.indexer.on('reorg', (r: { from: number; to: number }) => { this.atlas?.onReorg(r); this.mirror?.poke(); this.view.invalidate(); this.metrics.reorgs.inc(); this.log.warn(r, 'chain reorganisation: rolled back'); });
    this.indexer.on('error', (e: Error) => {
      if ((e as { code?: string }).code !== 'E_VC_STORE_FAILED') { this.log.error({ err: e }, 'sync error'); return; }
      this.log.fatal({ err: e }, 'name store commit failed: indexer stopped (restart the process; it resumes at the last committed block)');
      this.indexer.stop();
      onFatal?.(e);
    });
  }

  /** Syncs to the source's confirmed tip before serving, with a progress bar + ETA when asked. */
  private async initialSync(progress: boolean): Promise<void> {
    const target = await this.source.confirmedHeight();
    const start = this.indexer.height;
    let bar: SingleBar | null = null;
    if (progress && target - start > 20) {
      bar = new SingleBar({ format: 'sync {bar} {percentage}% | block {value}/{total} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
      bar.start(target, Math.max(start, 0));
    }
    const onProgress = (p: { height: number }) => bar?.update(p.height);
    this.indexer.on('progress', onProgress);
    try { await this.indexer.syncOnce(); } finally { this.indexer.off('progress', onProgress); bar?.stop(); }
    this.metrics.tip.set(this.indexer.lastSeen);
  }

  /** Waits until the indexer has processed `height`. */
  async waitForHeight(height: number, timeoutMs = 60_000): Promise<void> {
    const t0 = Date.now();
    while (this.indexer.height < height) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`node did not reach block ${height}`);
      this.indexer.poke();
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.indexer?.stop();
    await this.loop?.catch(() => {});
    for (const s of this.services) await s.stop?.().catch(() => {});
    if (this.peerTimer) clearInterval(this.peerTimer);
    if (this.peerCheckTimer) clearInterval(this.peerCheckTimer);
    await this.atlas?.stop().catch(() => {});
    await this.closeApi?.();
    await this.devnet?.stop();
    await this.source?.close();
    await this.mirror?.stop();
    if (this.db) await closeNameDbAsync(this.db).catch((e) => this.log?.error({ err: e }, 'closing the name database'));
    this.zfDb?.close();
    rmSync(runInfoPath(this.cfg.home), { force: true });
    // the log file may still be opening (a start that failed at once): nothing to flush then
    try { this.log?.flush?.(); } catch { /* not open yet */ }
  }
}
