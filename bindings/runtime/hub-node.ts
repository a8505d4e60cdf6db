/** @module runtime/hub-node — the storage hub's Node server and disk driver, for embedders and benches. */
export { startHub, type RunningHub, type StartHubOptions } from '../storage/hub/server.ts';
export { DiskDriver } from '../storage/drivers/disk.ts';
