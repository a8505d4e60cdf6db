/**
 * The one loader for the read-only specs, vectors and data in ../shared (from the repository root) and for the
 * repository's own fixtures (test/fixtures/<area>/): every test reads them through these helpers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path (with trailing slash) of ../shared. */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
/** Absolute path of a file under ../shared, e.g. `sharedPath('data/block413567.raw')`. */
export const sharedPath = (rel: string): string => SHARED + rel;
/** URL of a file under ../shared. */
export const sharedUrl = (rel: string): URL => new URL(`../../../shared/${rel}`, import.meta.url);
/** A JSON file under ../shared, e.g. `sharedJson('vectors/zonefiles/subdomains.json')`. */
export const sharedJson = (rel: string): any => JSON.parse(readFileSync(sharedPath(rel), 'utf8'));
/** The raw bytes of a file under ../shared. */
export const sharedBytes = (rel: string): Uint8Array => new Uint8Array(readFileSync(sharedPath(rel)));

/** A fixture file test/fixtures/<area>/<name>.json: `{ valid: [...], invalid: [{ ..., code }] }` (bitcoinjs-lib style). */
export interface Fixtures<V = any, I = any> { valid: V[]; invalid: (I & { code: string; description?: string })[] }
export const fixtures = <V = any, I = any>(area: string, name: string): Fixtures<V, I> =>
  JSON.parse(readFileSync(new URL(`../fixtures/${area}/${name}.json`, import.meta.url), 'utf8'));
