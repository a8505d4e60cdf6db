/**
 * @module blockstack-wasm — the package's main export (runtime neutral).
 * Stable names: see README §API. Areas add one re-export line each.
 */
export * from './core/index.ts';
export { parseZoneFile, makeZoneFile, zoneFileHash } from './routing/zonefile/index.ts';
