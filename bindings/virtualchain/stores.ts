/** @module virtualchain/stores — the Node-only part of the virtualchain API (SQLite and PostgreSQL stores). */
export { openNameDb, openPgNameDb, openNameDbAt } from './db/open.ts';
export { SqliteBackend } from './db/sqlite.ts';
export { PgBackend, isPostgresUrl, type PgOpenOptions } from './db/postgres.ts';
export * as layout from './db/layout.ts';
