/** @module core — the TypeScript API over core.wasm. Areas add their re-exports here. */
export { core, ready, ABI_VERSION } from './wasm.ts';
export { CoreError } from './errors.ts';
