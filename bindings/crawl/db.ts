/**
 * @module crawl/db — the crawler's own SQLite database: per-name crawl state (zone-file hash, profile URL,
 * ETag, last token `iat` for freshness, failures and next visit), per-file app state (ETag), which users use
 * which app (first day seen, post count) and who follows whom (microblog follows.json). The people-search
 * tables live here too when the engine is SQLite (crawl/search-sqlite).
 */
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS crawl_names (
  name TEXT PRIMARY KEY, address TEXT NOT NULL, zonefile_hash TEXT, profile_url TEXT, etag TEXT, iat INTEGER,
  status TEXT NOT NULL, reason TEXT, fails INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL DEFAULT 0,
  checked_at INTEGER NOT NULL DEFAULT 0, pass INTEGER NOT NULL DEFAULT 0, apps TEXT
);
CREATE TABLE IF NOT EXISTS app_files (name TEXT NOT NULL, url TEXT NOT NULL, etag TEXT, PRIMARY KEY (name, url)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS user_apps (app TEXT NOT NULL, name TEXT NOT NULL, first_day TEXT NOT NULL, posts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (app, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS user_apps_name ON user_apps (name);
CREATE TABLE IF NOT EXISTS follows (follower TEXT NOT NULL, followee TEXT NOT NULL, PRIMARY KEY (follower, followee)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS follows_followee ON follows (followee);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
`;

export interface NameState {
  name: string; address: string; zonefile_hash: string | null; profile_url: string | null; etag: string | null; iat: number | null;
  status: 'indexed' | 'rejected' | 'error' | 'pending'; reason: string | null; fails: number; next_at: number; checked_at: number; pass: number;
  /** JSON of the profile's verified `apps` map (revisited with conditional GETs on a 304 profile) */
  apps: string | null;
}

export interface AppStats { app: string; users: number; posts: number; newUsersPerDay: { day: string; users: number }[] }
export interface Karma { name: string; followers: number; following: number; apps: string[]; posts: number }

export class CrawlDb {
  readonly db: Database.Database;
  private st;
  constructor(path = ':memory:') {
    this.db = new Database(path);
    if (path !== ':memory:') { this.db.pragma('journal_mode = WAL'); this.db.pragma('synchronous = NORMAL'); }
    this.db.exec(SCHEMA);
    const d = this.db;
    this.st = {
      get: d.prepare<[string], NameState>('SELECT * FROM crawl_names WHERE name = ?'),
      put: d.prepare(`INSERT INTO crawl_names (name, address, zonefile_hash, profile_url, etag, iat, status, reason, fails, next_at, checked_at, pass, apps)
        VALUES (@name, @address, @zonefile_hash, @profile_url, @etag, @iat, @status, @reason, @fails, @next_at, @checked_at, @pass, @apps)
        ON CONFLICT (name) DO UPDATE SET address = excluded.address, zonefile_hash = excluded.zonefile_hash, profile_url = excluded.profile_url,
        etag = excluded.etag, iat = excluded.iat, status = excluded.status, reason = excluded.reason, fails = excluded.fails,
        next_at = excluded.next_at, checked_at = excluded.checked_at, pass = excluded.pass, apps = excluded.apps`),
      touch: d.prepare('UPDATE crawl_names SET pass = ? WHERE name = ?'),
      gone: d.prepare<[number], { name: string }>('SELECT name FROM crawl_names WHERE pass < ? LIMIT 1000'),
      drop: d.prepare('DELETE FROM crawl_names WHERE name = ?'),
      fileEtag: d.prepare<[string, string], { etag: string | null }>('SELECT etag FROM app_files WHERE name = ? AND url = ?'),
      putFile: d.prepare('INSERT OR REPLACE INTO app_files (name, url, etag) VALUES (?, ?, ?)'),
      dropFiles: d.prepare('DELETE FROM app_files WHERE name = ?'),
      appsOf: d.prepare<[string], { app: string; first_day: string; posts: number }>('SELECT app, first_day, posts FROM user_apps WHERE name = ?'),
      addApp: d.prepare('INSERT INTO user_apps (app, name, first_day) VALUES (?, ?, ?) ON CONFLICT (app, name) DO UPDATE SET first_day = min(first_day, excluded.first_day)'),
      dropApp: d.prepare('DELETE FROM user_apps WHERE app = ? AND name = ?'),
      setPosts: d.prepare('UPDATE user_apps SET posts = ? WHERE app = ? AND name = ?'),
      dropFollows: d.prepare('DELETE FROM follows WHERE follower = ?'),
      addFollow: d.prepare('INSERT OR IGNORE INTO follows (follower, followee) VALUES (?, ?)'),
      statUsers: d.prepare<[string], { users: number; posts: number | null }>('SELECT count(*) AS users, sum(posts) AS posts FROM user_apps WHERE app = ?'),
      statDays: d.prepare<[string], { day: string; users: number }>('SELECT first_day AS day, count(*) AS users FROM user_apps WHERE app = ? GROUP BY first_day ORDER BY first_day'),
      followers: d.prepare<[string], { n: number }>('SELECT count(*) AS n FROM follows WHERE followee = ?'),
      following: d.prepare<[string], { n: number }>('SELECT count(*) AS n FROM follows WHERE follower = ?'),
      counts: d.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM crawl_names GROUP BY status'),
      getMeta: d.prepare<[string], { v: string }>('SELECT v FROM meta WHERE k = ?'),
      setMeta: d.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)'),
    };
  }

  /**
   * Group commit: writes between hold() and release() share one open transaction, committed every
   * `groupOps` releases or `groupMs` later (better-sqlite3 nests its own transactions as savepoints), so a
   * crawl does not pay one WAL commit per statement. commit() forces it (end of a pass, close).
   */
  private held = 0;
  private commitTimer: ReturnType<typeof setTimeout> | null = null;
  groupOps = 500;
  groupMs = 200;
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

  state(name: string): NameState | null { return this.st.get.get(name) ?? null; }
  putState(s: NameState): void { this.st.put.run(s); }
  touch(name: string, pass: number): void { this.st.touch.run(pass, name); }
  /** Names not seen in pass `pass` (gone from the chain), in batches. */
  gone(pass: number): string[] { return this.st.gone.all(pass).map((r) => r.name); }
  forget(name: string): void {
    this.db.transaction(() => {
      this.st.drop.run(name); this.st.dropFiles.run(name); this.st.dropFollows.run(name);
      for (const a of this.st.appsOf.all(name)) this.st.dropApp.run(a.app, name);
    })();
  }
  /** Drops what a user's profile claimed (apps, follows, file ETags) — on rejection or replacement. */
  clearUser(name: string): void {
    this.db.transaction(() => {
      this.st.dropFiles.run(name); this.st.dropFollows.run(name);
      for (const a of this.st.appsOf.all(name)) this.st.dropApp.run(a.app, name);
    })();
  }

  fileEtag(name: string, url: string): string | null { return this.st.fileEtag.get(name, url)?.etag ?? null; }
  setFileEtag(name: string, url: string, etag: string | null): void { this.st.putFile.run(name, url, etag); }

  /** The user's apps now (`apps`: app domain → first day seen); apps no longer listed are dropped. */
  setApps(name: string, apps: Map<string, string>): void {
    this.db.transaction(() => {
      for (const a of this.st.appsOf.all(name)) if (!apps.has(a.app)) this.st.dropApp.run(a.app, name);
      for (const [app, day] of apps) this.st.addApp.run(app, name, day);
    })();
  }
  setPosts(name: string, app: string, posts: number): void { this.st.setPosts.run(posts, app, name); }
  setFollows(name: string, follows: string[]): void {
    this.db.transaction(() => { this.st.dropFollows.run(name); for (const f of follows) if (f !== name) this.st.addFollow.run(name, f); })();
  }

  appStats(app: string): AppStats {
    const u = this.st.statUsers.get(app)!;
    return { app, users: u.users, posts: u.posts ?? 0, newUsersPerDay: this.st.statDays.all(app) };
  }
  karma(name: string): Karma {
    const apps = this.st.appsOf.all(name);
    return { name, followers: this.st.followers.get(name)!.n, following: this.st.following.get(name)!.n, apps: apps.map((a) => a.app), posts: apps.reduce((s, a) => s + a.posts, 0) };
  }
  counts(): Record<string, number> { return Object.fromEntries(this.st.counts.all().map((r) => [r.status, r.n])); }
  meta(k: string): string | null { return this.st.getMeta.get(k)?.v ?? null; }
  setMeta(k: string, v: string): void { this.st.setMeta.run(k, v); }
  close(): void { this.commit(); this.db.close(); }
}
