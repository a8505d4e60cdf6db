/** @module virtualchain/node — the Node-only part of the virtualchain API (SQLite persistence). */
export { openNameDb } from './db/open.ts';
export { SqliteBackend } from './db/sqlite.ts';
export * as layout from './db/layout.ts';
