/** @module storage/client — the runtime-neutral storage client (Node, Deno, browsers). */
export { StorageClient, type StorageClientOptions, type PutFileOptions, type PutFileResult, type GetFileOptions, type ReplicaOutcome } from './storage-client.ts';
export { connectToGaiaHub, makeAuthToken, type GaiaHubConfig } from './hub-connection.ts';
export { encryptContent, decryptContent, openSignedEnvelope, makeSigFile, checkSigFile } from './envelope.ts';
export { makeManifest, verifyManifest, manifestPath, versionPath, MANIFEST_SUFFIX, VERSIONS_PREFIX, type Manifest } from './manifest.ts';
export { MemorySeenStore, JsonFileSeenStore, WebStorageSeenStore, type SeenStore, type SeenEntry } from './seen-store.ts';
export { HubReplica } from './replica.ts';
export { storageConfigFor, storageConfigFromProfile, type StorageConfig, type StorageConfigOptions } from './storage-config.ts';
