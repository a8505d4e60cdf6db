/**
 * @module crawl/routes — the crawler's REST routes on the node API:
 * `GET /v1/search?query=` (Core's shape `{"results": [{fullyQualifiedName, username, profile}]}`),
 * `GET /v1/apps/{domain}/stats`, `GET /v1/names/{name}/karma`, `GET /v1/crawl/status`, `GET /v1/crawl/snapshot?app=` (unsigned, for `crawl publish`),
 * `POST /v1/crawl/run` (runs a pass now; callers share a pass in progress).
 */
import { Hono } from 'hono';
import { statusOf } from '../base/http-status.ts';
import { buildSnapshot } from './build-snapshot.ts';
import type { Crawler } from './crawler.ts';
import type { CrawlStore } from './db.ts';
import { MAX_RESULTS, type SearchIndex } from './search.ts';

/** `crawler` absent: a read-only API process (no `POST /v1/crawl/run`). */
// statuses from the one table (base/http-status.ts); the bodies stay Core's `{"error": …}`
const BAD = statusOf('E_BAD_REQUEST', 400) as 400;
const NOT_FOUND = statusOf('E_NOT_FOUND', 404) as 404;

export function crawlRoutes(d: { db: CrawlStore; index: SearchIndex; crawler?: Crawler | null }): Hono {
  const app = new Hono();
  app.get('/v1/search', async (c) => {
    const q = c.req.query('query') ?? c.req.query('q');
    if (q === undefined || !q.trim()) return c.json({ error: 'missing query parameter ?query=' }, BAD);
    if (q.length > 256) return c.json({ error: 'query longer than 256 characters' }, BAD);
    const lim = c.req.query('limit');
    const limit = lim === undefined ? MAX_RESULTS : Number(lim);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return c.json({ error: 'limit must be 1..100' }, BAD);
    return c.body(await d.index.searchJson(q, limit), 200, { 'content-type': 'application/json' });
  });
  app.get('/v1/apps/:domain/stats', async (c) => {
    const domain = decodeURIComponent(c.req.param('domain')).toLowerCase();
    if (!/^[a-z0-9.\-:[\]]{1,260}$/.test(domain)) return c.json({ error: 'invalid app domain' }, BAD);
    return c.json(await d.db.appStats(domain));
  });
  app.get('/v1/names/:name/karma', async (c) => {
    const name = c.req.param('name').toLowerCase();
    if (!/^[a-z0-9\-_.+]{3,256}$/.test(name) || !name.includes('.')) return c.json({ error: 'Invalid name' }, BAD);
    const st = await d.db.state(name);
    if (!st) return c.json({ error: 'Name not crawled' }, NOT_FOUND);
    return c.json({ ...(await d.db.karma(name)), crawl: { status: st.status, reason: st.reason, checkedAt: new Date(st.checked_at).toISOString() } });
  });
  app.get('/v1/crawl/status', async (c) => c.json({ names: await d.db.counts(), people: await d.index.count(), engine: d.index.engine, state: d.db.engine, pass: Number((await d.db.meta('pass')) ?? 0), readOnly: !d.crawler }));
  app.get('/v1/crawl/snapshot', async (c) => {
    const app = c.req.query('app')?.toLowerCase() ?? null;
    if (app !== null && !/^[a-z0-9.\-:[\]]{1,260}$/.test(app)) return c.json({ error: 'invalid app domain' }, BAD);
    return c.json(await buildSnapshot(d.db, d.index, app));
  });
  app.post('/v1/crawl/run', async (c) => (d.crawler ? c.json(await d.crawler.pass()) : c.json({ error: 'read-only API process: the writer crawls' }, statusOf('E_METHOD_NOT_ALLOWED', 405) as 405)));
  return app;
}
