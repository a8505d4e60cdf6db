// The bench-only peers (bench/peers/package.json), resolved from bench/peers/node_modules: files in this folder
// find them there first, so bench/*.bench.mjs import them from here. `npm run bench` installs them when missing;
// to run one bench file alone: `npm install --prefix bench/peers` once.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** benchmark.js (CommonJS). */
export const Benchmark = require('benchmark');
/** tiny-secp256k1 (WASM). */
export * as tiny from 'tiny-secp256k1';
/** elliptic's secp256k1 curve. */
export const elliptic = new (require('elliptic').ec)('secp256k1');
/** The native libsecp256k1 addon (npm `secp256k1`), or null when its build failed (its rows are skipped). */
export const nativeSecp256k1 = (() => { try { return require('secp256k1'); } catch { return null; } })();
