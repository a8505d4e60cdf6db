/**
 * @module routing/store/sqlite — opens a better-sqlite3 database for the routing stores (Node).
 * The node may instead pass its own shared handle to the store constructors.
 */
import Database from 'better-sqlite3';
import type { SqlDb } from './zonefile-store.ts';

export function openSqlite(path = ':memory:'): SqlDb & { close(): void } {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  return db as unknown as SqlDb & { close(): void };
}
