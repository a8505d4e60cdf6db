/**
 * @module crawl/db — the crawler's own state behind one interface (`CrawlStore`), on SQLite (`CrawlDb`, this
 * file: synchronous, the default) or on PostgreSQL (`PgCrawlStore`, crawl/db-pg: when the node runs on
 * PostgreSQL). Tables and statements: crawl/layout. The people-search tables live in the same SQLite database
 * when the engine is SQLite (crawl/search-sqlite). Callers `await` every call, so either store fits.
 */
import Database from 'better-sqlite3';
import type { Engine } from '../virtualchain/db/layout.ts';
import { CRAWL_SQL, crawlDdl, STATE_COLS } from './layout.ts';

export interface NameState {
  name: string; address: string; zonefile_hash: string | null; profile_url: string | null; etag: string | null; iat: number | null;
  status: 'indexed' | 'rejected' | 'error' | 'pending'; reason: string | null; fails: number; next_at: number; checked_at: number; pass: number;
  /** JSON of the profile's verified `apps` map (revisited with conditional GETs on a 304 profile) */
  apps: string | null;
}

export interface AppStats { app: string; users: number; posts: number; newUsersPerDay: { day: string; users: number }[] }
export interface Karma { name: string; followers: number; following: number; apps: string[]; posts: number }

type A<T> = T | Promise<T>;

/** What the crawler, the routes and the snapshot builder need of the crawl state (either engine). */
export interface CrawlStore {
  readonly engine: Engine;
  /** Group commit (see CrawlDb): writes between hold() and release() may share a transaction / batch. */
  hold(): void;
  release(): void;
  /** Makes every write so far durable (end of a pass, close). */
  commit(): A<void>;
  state(name: string): A<NameState | null>;
  putState(s: NameState): A<void>;
  touch(name: string, pass: number): A<void>;
  /** Names not seen in pass `pass` (gone from the chain), in batches. */
  gone(pass: number): A<string[]>;
  forget(name: string): A<void>;
  /** Drops what a user's profile claimed (apps, follows, file ETags) — on rejection or replacement. */
  clearUser(name: string): A<void>;
  fileEtag(name: string, url: string): A<string | null>;
  setFileEtag(name: string, url: string, etag: string | null): A<void>;
  /** The user's apps now (`apps`: app domain → first day seen); apps no longer listed are dropped. */
  setApps(name: string, apps: Map<string, string>): A<void>;
  setPosts(name: string, app: string, posts: number): A<void>;
  setFollows(name: string, follows: string[]): A<void>;
  appStats(app: string): A<AppStats>;
  karma(name: string): A<Karma>;
  counts(): A<Record<string, number>>;
  meta(k: string): A<string | null>;
  setMeta(k: string, v: string): A<void>;
  close(): A<void>;
}

const stateParams = (s: NameState): unknown[] => STATE_COLS.map((c) => s[c as keyof NameState]);

export class CrawlDb implements CrawlStore {
  readonly engine = 'sqlite' as const;
  readonly db: Database.Database;
  private stmts;
  private tx;
  constructor(path = ':memory:') {
    this.db = new Database(path);
    if (path !== ':memory:') { this.db.pragma('journal_mode = WAL'); this.db.pragma('synchronous = NORMAL'); }
    for (const q of crawlDdl('sqlite')) this.db.exec(q);
    const d = this.db;
    const p = <R = unknown>(k: keyof typeof CRAWL_SQL) => d.prepare<unknown[], R>(CRAWL_SQL[k]);
    this.stmts = {
      get: p<NameState>('getState'), put: p('putState'), touch: p('touch'), gone: p<{ name: string }>('gone'), drop: p('dropState'),
      fileEtag: p<{ etag: string | null }>('fileEtag'), putFile: p('putFile'), dropFiles: p('dropFiles'),
      appsOf: p<{ app: string; first_day: string; posts: number }>('appsOf'), addApp: p('addApp'), dropApp: p('dropApp'), dropApps: p('dropApps'), setPosts: p('setPosts'),
      dropFollows: p('dropFollows'), addFollow: p('addFollow'),
      statUsers: p<{ users: number; posts: number | null }>('statUsers'), statDays: p<{ day: string; users: number }>('statDays'),
      followers: p<{ n: number }>('followers'), following: p<{ n: number }>('following'), counts: p<{ status: string; n: number }>('counts'),
      getMeta: p<{ v: string }>('getMeta'), setMeta: p('setMeta'),
    };
    // transaction wrappers made once (better-sqlite3 builds several closures per db.transaction() call)
    const st = this.stmts;
    const clearUserNow = (name: string): void => { st.dropFiles.run(name); st.dropFollows.run(name); st.dropApps.run(name); };
    this.tx = {
      forget: d.transaction((name: string) => { st.drop.run(name); clearUserNow(name); }),
      clearUser: d.transaction(clearUserNow),
      setApps: d.transaction((name: string, apps: Map<string, string>, had: { app: string }[]) => {
        for (const a of had) if (!apps.has(a.app)) st.dropApp.run(a.app, name);
        for (const [app, day] of apps) st.addApp.run(app, name, day);
      }),
      setFollows: d.transaction((name: string, follows: string[]) => { st.dropFollows.run(name); for (const f of follows) if (f !== name) st.addFollow.run(name, f); }),
    };
  }

  /**
   * Group commit: writes between hold() and release() share one open transaction, committed every
   * `groupOps` releases or `groupMs` later (better-sqlite3 nests its own transactions as savepoints), so a
   * crawl does not pay one WAL commit per statement. commit() forces it (end of a pass, close).
   */
  private held = 0;
  private commitTimer: ReturnType<typeof setTimeout> | null = null;
  groupOps = 2000;
  groupMs = 1000;
  hold(): void { if (!this.db.inTransaction) this.db.exec('BEGIN'); }
  release(): void {
    if (++this.held >= this.groupOps) this.commit();
    else this.commitTimer ??= setTimeout(() => this.commit(), this.groupMs);
  }
  commit(): void {
    if (this.commitTimer) { clearTimeout(this.commitTimer); this.commitTimer = null; }
    this.held = 0;
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  state(name: string): NameState | null { return this.stmts.get.get(name) ?? null; }
  putState(s: NameState): void { this.stmts.put.run(...stateParams(s)); }
  touch(name: string, pass: number): void { this.stmts.touch.run(pass, name); }
  gone(pass: number): string[] { return this.stmts.gone.all(pass).map((r) => r.name); }
  forget(name: string): void { this.tx.forget(name); }
  clearUser(name: string): void { this.tx.clearUser(name); }

  fileEtag(name: string, url: string): string | null { return this.stmts.fileEtag.get(name, url)?.etag ?? null; }
  setFileEtag(name: string, url: string, etag: string | null): void { this.stmts.putFile.run(name, url, etag); }

  setApps(name: string, apps: Map<string, string>): void {
    const had = this.stmts.appsOf.all(name);
    if (!had.length && !apps.size) return;
    this.tx.setApps(name, apps, had);
  }
  setPosts(name: string, app: string, posts: number): void { this.stmts.setPosts.run(posts, app, name); }
  setFollows(name: string, follows: string[]): void {
    this.tx.setFollows(name, follows);
  }

  appStats(app: string): AppStats {
    const u = this.stmts.statUsers.get(app)!;
    return { app, users: u.users, posts: u.posts ?? 0, newUsersPerDay: this.stmts.statDays.all(app) };
  }
  karma(name: string): Karma {
    const apps = this.stmts.appsOf.all(name);
    return { name, followers: this.stmts.followers.get(name)!.n, following: this.stmts.following.get(name)!.n, apps: apps.map((a) => a.app), posts: apps.reduce((s, a) => s + a.posts, 0) };
  }
  counts(): Record<string, number> { return Object.fromEntries(this.stmts.counts.all().map((r) => [r.status, r.n])); }
  meta(k: string): string | null { return this.stmts.getMeta.get(k)?.v ?? null; }
  setMeta(k: string, v: string): void { this.stmts.setMeta.run(k, v); }
  close(): void { this.commit(); this.db.close(); }
}
