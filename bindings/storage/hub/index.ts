/** @module storage/hub — the Gaia-compatible hub: app, operations, auth tokens, drivers, startHub. */
export { startHub, type StartHubOptions, type RunningHub } from './server.ts';
export { createHubApp } from './app.ts';
export { HubServer } from './hub-server.ts';
export { HUB_DEFAULTS, configFromEnv, type HubConfig } from './config.ts';
export { validateAuthorization, parseAuthHeader, challengeTexts, type AuthResult, type ParsedScopes } from './auth-token.ts';
export { DiskDriver } from '../drivers/disk.ts';
export { MemoryDriver } from '../drivers/memory.ts';
export { S3Driver, type S3DriverOptions } from '../drivers/s3.ts';
export type { Driver } from '../drivers/driver.ts';
