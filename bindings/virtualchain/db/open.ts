/** @module virtualchain/db/open — `openNameDb(path, rules)`: a name database persisted in SQLite (Node). */
import { createNameDb, type NameDb } from '../name-db.ts';
import type { RuleSet } from '../networks.ts';
import { SqliteBackend } from './sqlite.ts';

/** Opens or creates the SQLite name database at `path` (WAL); resumes at its last committed block. */
export function openNameDb(path: string, rules: RuleSet): NameDb {
  return createNameDb(rules, new SqliteBackend(path));
}
