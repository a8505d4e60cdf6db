/** @module core — the TypeScript API over core.wasm. Areas add their re-exports here. */
export { core, ready, ABI_VERSION } from './wasm.ts';
export { CoreError } from './errors.ts';
export { sha256, sha256d, ripemd160, hash160, hash128, hashBatch, splitDigests, digestSize, type HashAlgo } from './hash.ts';
export { parseBlock, merkleRoot, ParsedBlock, BlockTx, BLOCK_FLAGS } from './block.ts';
export { parseTx, type ParsedTx } from './tx.ts';
export { scanBlock, type ScanResult, type ScannedTx, type ScanInput, type ScanOutput } from './scan.ts';
export { sieveArena, type SieveResult } from './sieve.ts';
export { sha256Route, NATIVE_MIN_BYTES } from './platform.ts';
