/**
 * @module blockstack-wasm — the package's main export (runtime neutral).
 * Stable names: see README §API. Areas add one re-export line each.
 */
export * from './core/index.ts';
export { parseZoneFile, makeZoneFile, zoneFileHash } from './routing/zonefile/index.ts';
export { verify, verifyBatch, compressPublicKey, decompressPublicKey, isValidPublicKey, type VerifyOptions, type VerifyItem, type SignatureFormat } from './core/secp256k1.ts';
export * from './auth/index.ts';
export * from './wallet/index.ts';
export * from './authenticator/index.ts';
export * as virtualchain from './virtualchain/index.ts';
export { resolve, ResolverError } from './resolver/index.ts';
export * as storage from './storage/index.ts';
export { StorageClient, StorageError, JsonFileSeenStore, MemorySeenStore, WebStorageSeenStore, connectToGaiaHub } from './storage/index.ts';
