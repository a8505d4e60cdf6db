/**
 * @module virtualchain/db/open — opening a persisted name database (Node): `openNameDb(path, rules)` on
 * SQLite (synchronous interface, commits on a writer thread), `openPgNameDb(url, rules, opts)` on PostgreSQL, `openNameDbAt(location, rules)` for
 * either (a `postgres://` URL or a file path).
 */
import { createNameDb, type NameDb } from '../name-db.ts';
import type { RuleSet } from '../networks.ts';
import { isPostgresUrl, PgBackend, type PgOpenOptions } from './postgres.ts';
import { SqliteBackend, type SqliteOptions } from './sqlite.ts';

/**
 * Opens or creates the SQLite name database at `path` (WAL); resumes at its last committed block.
 * `groupBlocks`: group commit for catch-up (see SqliteBackend; call `flushNameDb` when caught up);
 * `writer`: the commits run on a writer thread ('thread', the default; reads, `flushNameDb` and close wait for
 * them) or on the caller's ('inline').
 */
export function openNameDb(path: string, rules: RuleSet, opts: SqliteOptions = {}): NameDb {
  return createNameDb(rules, new SqliteBackend(path, opts));
}

/** Opens the name database in PostgreSQL (creating its tables); a writer holds the advisory lock until closed. */
export async function openPgNameDb(url: string, rules: RuleSet, opts: PgOpenOptions = {}): Promise<NameDb> {
  const b = await PgBackend.open(url, opts);
  try { return createNameDb(rules, b); } catch (e) { await b.close(); throw e; }
}

/** `postgres://…` → PostgreSQL, anything else (optionally `sqlite:`-prefixed) → a SQLite file. */
export async function openNameDbAt(location: string, rules: RuleSet, opts: PgOpenOptions = {}): Promise<NameDb> {
  if (isPostgresUrl(location)) return openPgNameDb(location, rules, opts);
  return openNameDb(location.replace(/^sqlite:/, ''), rules);
}
