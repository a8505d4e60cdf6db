/**
 * @module crawl/layout — the only file that names the crawler's own tables and columns (as
 * virtualchain/db/layout does for the name store): declared once with abstract column types, rendered per
 * engine by `crawlDdl('sqlite' | 'postgres')`; statements written once with `?` placeholders and `ON CONFLICT`
 * upserts valid on both engines (`pgSql` renumbers to `$n`); the PostgreSQL multi-row forms (`unnest`) in
 * `CRAWL_PG_BULK`. Tables are prefixed `crawl_` so they can share a database with the name store.
 *
 * - `crawl_names`: per-name crawl state (zone-file hash, profile URL, ETag, last token `iat` for freshness,
 *   failures and next visit, last pass that saw the name, the verified `apps` map as JSON);
 * - `crawl_files`: per app file its ETag (conditional GETs);
 * - `crawl_user_apps`: which user uses which app (first day seen, post count) — app stats;
 * - `crawl_follows`: who follows whom (microblog follows.json) — karma;
 * - `crawl_meta`: the pass counter.
 */
import { pgSql, type Engine } from '../virtualchain/db/layout.ts';

type ColType = 'text' | 'int' | 'bigint';
interface TableSpec { name: string; cols: [string, ColType, 'null'?][]; pk: string[]; indexes?: [string, string[]][] }

export const CRAWL_TABLES: TableSpec[] = [
  {
    name: 'crawl_names', pk: ['name'],
    cols: [['name', 'text'], ['address', 'text'], ['zonefile_hash', 'text', 'null'], ['profile_url', 'text', 'null'], ['etag', 'text', 'null'],
      ['iat', 'bigint', 'null'], ['status', 'text'], ['reason', 'text', 'null'], ['fails', 'int'], ['next_at', 'bigint'], ['checked_at', 'bigint'],
      ['pass', 'int'], ['apps', 'text', 'null']],
    indexes: [['crawl_names_pass', ['pass']]],
  },
  { name: 'crawl_files', pk: ['name', 'url'], cols: [['name', 'text'], ['url', 'text'], ['etag', 'text', 'null']] },
  { name: 'crawl_user_apps', pk: ['app', 'name'], cols: [['app', 'text'], ['name', 'text'], ['first_day', 'text'], ['posts', 'int']], indexes: [['crawl_user_apps_name', ['name']]] },
  { name: 'crawl_follows', pk: ['follower', 'followee'], cols: [['follower', 'text'], ['followee', 'text']], indexes: [['crawl_follows_followee', ['followee']]] },
  { name: 'crawl_meta', pk: ['k'], cols: [['k', 'text'], ['v', 'text']] },
];

const TYPES: Record<Engine, Record<ColType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER' },
  postgres: { text: 'TEXT', int: 'INTEGER', bigint: 'BIGINT' },
};

export function crawlDdl(engine: Engine): string[] {
  const out: string[] = [];
  for (const t of CRAWL_TABLES) {
    const cols = t.cols.map(([c, ty, n]) => `${c} ${TYPES[engine][ty]}${n === 'null' ? '' : ' NOT NULL'}`);
    cols.push(`PRIMARY KEY (${t.pk.join(', ')})`);
    out.push(`CREATE TABLE IF NOT EXISTS ${t.name} (${cols.join(', ')})${engine === 'sqlite' ? ' WITHOUT ROWID' : ''}`);
    for (const [ix, on] of t.indexes ?? []) out.push(`CREATE INDEX IF NOT EXISTS ${ix} ON ${t.name} (${on.join(', ')})`);
  }
  return out;
}

/** `crawl_names` columns in statement order (`putState` binds them in this order). */
export const STATE_COLS = CRAWL_TABLES[0].cols.map((c) => c[0]);

export const CRAWL_SQL = {
  getState: 'SELECT * FROM crawl_names WHERE name = ?',
  putState: `INSERT INTO crawl_names (${STATE_COLS.join(', ')}) VALUES (${STATE_COLS.map(() => '?').join(', ')})
    ON CONFLICT (name) DO UPDATE SET ${STATE_COLS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  touch: 'UPDATE crawl_names SET pass = ? WHERE name = ?',
  gone: 'SELECT name FROM crawl_names WHERE pass < ? LIMIT 1000',
  dropState: 'DELETE FROM crawl_names WHERE name = ?',
  fileEtag: 'SELECT etag FROM crawl_files WHERE name = ? AND url = ?',
  putFile: 'INSERT INTO crawl_files (name, url, etag) VALUES (?, ?, ?) ON CONFLICT (name, url) DO UPDATE SET etag = excluded.etag',
  dropFiles: 'DELETE FROM crawl_files WHERE name = ?',
  appsOf: 'SELECT app, first_day, posts FROM crawl_user_apps WHERE name = ?',
  addApp: `INSERT INTO crawl_user_apps (app, name, first_day, posts) VALUES (?, ?, ?, 0) ON CONFLICT (app, name) DO UPDATE SET
    first_day = CASE WHEN excluded.first_day < crawl_user_apps.first_day THEN excluded.first_day ELSE crawl_user_apps.first_day END`,
  dropApp: 'DELETE FROM crawl_user_apps WHERE app = ? AND name = ?',
  dropApps: 'DELETE FROM crawl_user_apps WHERE name = ?',
  setPosts: 'UPDATE crawl_user_apps SET posts = ? WHERE app = ? AND name = ?',
  dropFollows: 'DELETE FROM crawl_follows WHERE follower = ?',
  addFollow: 'INSERT INTO crawl_follows (follower, followee) VALUES (?, ?) ON CONFLICT DO NOTHING',
  statUsers: 'SELECT count(*) AS users, sum(posts) AS posts FROM crawl_user_apps WHERE app = ?',
  statDays: 'SELECT first_day AS day, count(*) AS users FROM crawl_user_apps WHERE app = ? GROUP BY first_day ORDER BY first_day',
  followers: 'SELECT count(*) AS n FROM crawl_follows WHERE followee = ?',
  following: 'SELECT count(*) AS n FROM crawl_follows WHERE follower = ?',
  counts: 'SELECT status, count(*) AS n FROM crawl_names GROUP BY status',
  getMeta: 'SELECT v FROM crawl_meta WHERE k = ?',
  setMeta: 'INSERT INTO crawl_meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v',
} as const;

/** The same statements for PostgreSQL (`$n` placeholders). */
export const CRAWL_PG: Record<keyof typeof CRAWL_SQL, string> = Object.fromEntries(Object.entries(CRAWL_SQL).map(([k, v]) => [k, pgSql(v)])) as Record<keyof typeof CRAWL_SQL, string>;

/** PostgreSQL multi-row forms: one statement per batch of names. */
export const CRAWL_PG_BULK = {
  putStates: `INSERT INTO crawl_names (${STATE_COLS.join(', ')})
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::int[], $10::bigint[], $11::bigint[], $12::int[], $13::text[])
    ON CONFLICT (name) DO UPDATE SET ${STATE_COLS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  touch: 'UPDATE crawl_names SET pass = $1 WHERE name = ANY($2::text[])',
  addFollows: 'INSERT INTO crawl_follows (follower, followee) SELECT $1, f FROM unnest($2::text[]) AS f ON CONFLICT DO NOTHING',
} as const;
