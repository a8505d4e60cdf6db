/**
 * @module crawl/service — the crawler as a node service: its database in `$BLOCKSTACK_HOME/crawl.sqlite`,
 * people search on SQLite FTS5 (PostgreSQL full-text when the node's `db` is a postgres:// URL), metrics on the node's registry, the guard allowing loopback only on the
 * devnet, a pass every `intervalMs` (and on demand: `POST /v1/crawl/run`), routes on the node API.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { statusOf } from '../base/http-status.ts';
import pg from 'pg';
import { PgSearch } from './search-pg.ts';
import { searchPageHtml } from './page/html.ts';
import type { NodeContext, NodeService } from '../node/node.ts';
import type { DbView } from '../node/view.ts';
import { Crawler, type CrawlerOptions } from './crawler.ts';
import { CrawlDb, type CrawlStore } from './db.ts';
import { PgCrawlStore } from './db-pg.ts';
import { Fetcher } from './fetcher.ts';
import { UrlGuard } from './guard.ts';
import { CrawlMetrics } from './metrics.ts';
import { crawlRoutes } from './routes.ts';
import type { SearchIndex } from './search.ts';
import { SqliteSearch } from './search-sqlite.ts';
import { nodeSource } from './source.ts';

export interface CrawlServiceOptions extends Partial<Pick<CrawlerOptions, 'concurrency' | 'revisitMs' | 'appFiles' | 'verifyThreads'>> {
  /** ms between passes (default 5 s on the devnet, 60 s otherwise); 0 = only on demand */
  intervalMs?: number;
  /** database path (default $BLOCKSTACK_HOME/crawl.sqlite) */
  path?: string;
  allowLoopback?: boolean;
}

export class CrawlService implements NodeService {
  readonly name = 'crawl';
  db!: CrawlStore;
  index!: SearchIndex;
  crawler!: Crawler;
  fetcher!: Fetcher;
  private timer: NodeJS.Timeout | null = null;
  constructor(readonly opts: CrawlServiceOptions = {}) {}

  async init(ctx: NodeContext): Promise<void> {
    const devnet = ctx.cfg.chain.source === 'devnet';
    // the crawl state and the people search follow the node's store: PostgreSQL (crawl_* tables, full-text
    // search) when the node runs on PostgreSQL, where read-only API processes serve them too; SQLite otherwise
    const pgUrl = typeof ctx.cfg.db === 'string' && /^postgres(ql)?:\/\//i.test(ctx.cfg.db) ? ctx.cfg.db : null;
    if (pgUrl) {
      const pool = new pg.Pool({ connectionString: pgUrl, max: 4, application_name: 'blockstack-crawl' });
      pool.on('error', (e) => ctx.log.warn({ err: e }, 'crawl: PostgreSQL pool error'));
      this.db = new PgCrawlStore(pool);
      this.index = new PgSearch(pool);
    } else {
      const db = new CrawlDb(this.opts.path ?? join(ctx.cfg.home, 'crawl.sqlite'));
      this.db = db;
      this.index = new SqliteSearch(db.db);
    }
    const metrics = new CrawlMetrics(ctx.metrics.registry);
    this.fetcher = new Fetcher({
      guard: new UrlGuard({ allowLoopback: this.opts.allowLoopback ?? devnet }), perHost: 8, timeoutMs: 10_000,
      onRefused: (reason) => metrics.refused.inc({ reason }), onFailed: (reason) => metrics.failed.inc({ reason }),
    });
    const subs = (ctx.view as DbView).deps.atlas?.subs ?? null;
    this.crawler = new Crawler({ db: this.db, index: this.index, source: nodeSource(ctx.db, ctx.zonefiles, subs), fetcher: this.fetcher, metrics,
      concurrency: this.opts.concurrency, revisitMs: this.opts.revisitMs ?? (devnet ? 30_000 : undefined), appFiles: this.opts.appFiles,
      // signatures on a worker thread: the crawler's own thread is what bounds a pass (crawl bench: 1,558 → 2,469 profiles/s)
      verifyThreads: this.opts.verifyThreads ?? 1, log: ctx.log });
  }

  mounts() { return [{ path: '/', app: crawlRoutes({ db: this.db, index: this.index, crawler: this.crawler }) }, { path: '/', app: pageRoutes() }]; }

  async start(ctx: NodeContext): Promise<Record<string, string>> {
    const every = this.opts.intervalMs ?? (ctx.cfg.chain.source === 'devnet' ? 5_000 : 60_000);
    if (every > 0) {
      const tick = () => { this.crawler.pass().catch((e) => ctx.log.warn({ err: e }, 'crawl pass failed')).finally(() => { if (this.timer) this.timer = setTimeout(tick, every).unref(); }); };
      this.timer = setTimeout(tick, 0).unref();
    }
    return { search: `${ctx.apiUrl}/v1/search?query=` };
  }

  async stop(): Promise<void> {
    const t = this.timer; this.timer = null; if (t) clearTimeout(t);
    await this.crawler?.idle();
    await this.crawler?.close();
    this.fetcher?.close();
    await this.db?.close();
    await this.index?.close?.();
  }
}

/**
 * The crawl routes of a read-only API process (`blockstack api serve --db postgres://… --read-only`): people
 * search, app stats, karma, crawl status and the snapshot, answered from the PostgreSQL tables the writer's
 * crawler fills (no crawler here: `POST /v1/crawl/run` answers 405).
 */
export function readOnlyCrawl(url: string, log?: { warn(o: object, m: string): void }): { mounts: { path: string; app: Hono }[]; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'blockstack-reader-crawl' });
  pool.on('error', (e) => log?.warn({ err: e }, 'crawl: PostgreSQL pool error'));
  const db = new PgCrawlStore(pool, { readOnly: true });
  const index = new PgSearch(pool);
  return { mounts: [{ path: '/', app: crawlRoutes({ db, index }) }], close: () => pool.end() };
}

/** The published-snapshot search page: `/crawl/search/?bucket=URL&key=APP_PUBLIC_KEY` (script from dist/). */
function pageRoutes(): Hono {
  const app = new Hono();
  // bindings/crawl/service.ts (sources) or dist/cli.js (bundle): dist/crawl-page.js is ../../dist or ./ from here
  const candidates = ['../../dist/crawl-page.js', './crawl-page.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  app.get('/crawl/search', (c) => c.redirect('/crawl/search/' + (new URL(c.req.url).search)));
  app.get('/crawl/search/', (c) => c.html(searchPageHtml('./page.js')));
  app.get('/crawl/search/page.js', (c) => {
    const p = candidates.find((x) => existsSync(x));
    if (!p) return c.json({ error: 'dist/crawl-page.js is not built (node scripts/build.mjs)' }, statusOf('E_NOT_FOUND', 404) as 404);
    return c.body(readFileSync(p, 'utf8'), 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });
  return app;
}
