/**
 * @module routing — zone files, the zone-file store, Atlas replication and subdomains (naming.md §1–3).
 * Node-side barrel (pulls in better-sqlite3 through store/sqlite.ts); the runtime-neutral pieces
 * (parseZoneFile, makeZoneFile, zoneFileHash) are re-exported by the package's main export.
 */
export * from './zonefile/index.ts';
export { ZoneFileStore, type SqlDb, type PutResult } from './store/zonefile-store.ts';
export { openSqlite } from './store/sqlite.ts';
export * from './atlas/index.ts';
export * from './subdomains/index.ts';
export { RoutingError, type RoutingCode } from './errors.ts';
