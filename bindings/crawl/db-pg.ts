/**
 * @module crawl/db-pg — the crawler's state on PostgreSQL (when the node runs on PostgreSQL): the tables and
 * statements of crawl/layout, the same `CrawlStore` as the SQLite `CrawlDb`. Per-name states and "seen in this
 * pass" marks are written behind in batches (one multi-row `unnest` statement per ≤ `batch` names; a read of a
 * name still in the batch answers from it), so a pass is not one round trip per name and statement; the
 * multi-statement changes of one user (apps, follows, forget) run in one transaction each. A read-only store
 * (`readOnly`: the `api serve --read-only` processes) answers stats and karma and refuses every write.
 */
import type pg from 'pg';
import type { AppStats, CrawlStore, Karma, NameState } from './db.ts';
import { runDdlLocked } from '../virtualchain/db/postgres.ts';
import { CRAWL_PG, CRAWL_PG_BULK, crawlDdl, STATE_COLS } from './layout.ts';

const NUM = new Set(['iat', 'next_at', 'checked_at', 'fails', 'pass']);
function stateOf(r: Record<string, unknown>): NameState {
  const s = { ...r } as Record<string, unknown>;
  for (const k of NUM) if (s[k] !== null && s[k] !== undefined) s[k] = Number(s[k]);
  return s as unknown as NameState;
}

/** Runs `CREATE … IF NOT EXISTS` DDL under the name database's schema lock, so processes creating the same tables at once take turns. */
export async function createIdempotent(pool: pg.Pool, sql: string): Promise<void> {
  const c = await pool.connect();
  try { await runDdlLocked(c, [sql]); } finally { c.release(); }
}

export class PgCrawlStore implements CrawlStore {
  readonly engine = 'postgres' as const;
  private ready: Promise<void>;
  private states = new Map<string, NameState>();
  private touched = new Map<number, string[]>();
  private touchedN = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** Names per multi-row write. */
  batch = 500;

  constructor(readonly pool: pg.Pool, readonly opts: { readOnly?: boolean } = {}) {
    this.ready = createIdempotent(pool, crawlDdl('postgres').join(';\n'));
    this.ready.catch(() => {});
  }

  private writable(): void { if (this.opts.readOnly) throw new Error('E_CRAWL_READ_ONLY: this crawl store is read-only'); }
  private async rows<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(sql, params)).rows;
  }
  private async tx(fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
    this.writable();
    await this.ready;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await fn(c);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally { c.release(); }
  }

  hold(): void {}
  release(): void {}

  /** Writes the batched states and pass marks (serialized: one flush at a time, in order). */
  commit(): Promise<void> {
    const states = [...this.states.values()];
    const touched = [...this.touched];
    this.states = new Map();
    this.touched = new Map();
    this.touchedN = 0;
    if (!states.length && !touched.length) return this.flushing;
    const run = async () => {
      await this.ready;
      if (states.length) await this.pool.query(CRAWL_PG_BULK.putStates, STATE_COLS.map((c) => states.map((s) => s[c as keyof NameState])));
      for (const [pass, names] of touched) await this.pool.query(CRAWL_PG_BULK.touch, [pass, names]);
    };
    this.flushing = this.flushing.then(run, run);
    return this.flushing;
  }

  async state(name: string): Promise<NameState | null> {
    const p = this.states.get(name);
    if (p) return { ...p };
    const r = await this.rows(CRAWL_PG.getState, [name]);
    return r[0] ? stateOf(r[0]) : null;
  }
  async putState(s: NameState): Promise<void> {
    this.writable();
    this.states.set(s.name, { ...s });
    if (this.states.size >= this.batch) await this.commit();
  }
  async touch(name: string, pass: number): Promise<void> {
    this.writable();
    const p = this.states.get(name);
    if (p) { p.pass = pass; return; }
    let l = this.touched.get(pass);
    if (!l) this.touched.set(pass, (l = []));
    l.push(name);
    if (++this.touchedN >= this.batch * 4) await this.commit();
  }
  async gone(pass: number): Promise<string[]> {
    await this.commit();
    return (await this.rows<{ name: string }>(CRAWL_PG.gone, [pass])).map((r) => r.name);
  }
  async forget(name: string): Promise<void> {
    this.states.delete(name);
    await this.tx(async (c) => { await c.query(CRAWL_PG.dropState, [name]); await this.clearIn(c, name); });
  }
  async clearUser(name: string): Promise<void> { await this.tx((c) => this.clearIn(c, name)); }
  private async clearIn(c: pg.PoolClient, name: string): Promise<void> {
    await c.query(CRAWL_PG.dropFiles, [name]); await c.query(CRAWL_PG.dropFollows, [name]); await c.query(CRAWL_PG.dropApps, [name]);
  }

  async fileEtag(name: string, url: string): Promise<string | null> { return (await this.rows<{ etag: string | null }>(CRAWL_PG.fileEtag, [name, url]))[0]?.etag ?? null; }
  async setFileEtag(name: string, url: string, etag: string | null): Promise<void> { this.writable(); await this.rows(CRAWL_PG.putFile, [name, url, etag]); }

  async setApps(name: string, apps: Map<string, string>): Promise<void> {
    this.writable();
    const had = await this.rows<{ app: string }>(CRAWL_PG.appsOf, [name]);
    if (!had.length && !apps.size) return;
    await this.tx(async (c) => {
      for (const a of had) if (!apps.has(a.app)) await c.query(CRAWL_PG.dropApp, [a.app, name]);
      for (const [app, day] of apps) await c.query(CRAWL_PG.addApp, [app, name, day]);
    });
  }
  async setPosts(name: string, app: string, posts: number): Promise<void> { this.writable(); await this.rows(CRAWL_PG.setPosts, [posts, app, name]); }
  async setFollows(name: string, follows: string[]): Promise<void> {
    await this.tx(async (c) => {
      await c.query(CRAWL_PG.dropFollows, [name]);
      const list = follows.filter((f) => f !== name);
      if (list.length) await c.query(CRAWL_PG_BULK.addFollows, [name, list]);
    });
  }

  async appStats(app: string): Promise<AppStats> {
    const u = (await this.rows<{ users: string; posts: string | null }>(CRAWL_PG.statUsers, [app]))[0];
    const days = await this.rows<{ day: string; users: string }>(CRAWL_PG.statDays, [app]);
    return { app, users: Number(u.users), posts: Number(u.posts ?? 0), newUsersPerDay: days.map((d) => ({ day: d.day, users: Number(d.users) })) };
  }
  async karma(name: string): Promise<Karma> {
    const [apps, fr, fg] = await Promise.all([
      this.rows<{ app: string; posts: number }>(CRAWL_PG.appsOf, [name]),
      this.rows<{ n: string }>(CRAWL_PG.followers, [name]),
      this.rows<{ n: string }>(CRAWL_PG.following, [name]),
    ]);
    return { name, followers: Number(fr[0].n), following: Number(fg[0].n), apps: apps.map((a) => a.app), posts: apps.reduce((s, a) => s + Number(a.posts), 0) };
  }
  async counts(): Promise<Record<string, number>> {
    return Object.fromEntries((await this.rows<{ status: string; n: string }>(CRAWL_PG.counts, [])).map((r) => [r.status, Number(r.n)]));
  }
  async meta(k: string): Promise<string | null> { return (await this.rows<{ v: string }>(CRAWL_PG.getMeta, [k]))[0]?.v ?? null; }
  async setMeta(k: string, v: string): Promise<void> { this.writable(); await this.rows(CRAWL_PG.setMeta, [k, v]); }
  async close(): Promise<void> { if (!this.opts.readOnly) await this.commit(); }
}
