/** Shared loaders for the virtualchain tests: vectors from ../shared, rule sets, JSON files. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { SHARED } from '../helpers/shared.ts';
import { SHARED } from '../helpers/shared.ts';
export const VECTORS = SHARED + 'vectors/';
export const SM_DIR = VECTORS + 'statemachine/';
export const CONSENSUS_DIR = VECTORS + 'consensus/';

export const readJson = (p: string): any => JSON.parse(readFileSync(p, 'utf8'));
export const listJson = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
