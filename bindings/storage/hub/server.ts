/**
 * @module storage/hub/server — `startHub({ port, storageDir, ... })`: the hub on loopback with the disk
 * driver by default (or any driver), returning `{ url, readUrlPrefix, close }`. Used by `npm start`, the
 * CLI (`blockstack hub start`), tests and benchmarks.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { DiskDriver } from '../drivers/disk.ts';
import type { Driver } from '../drivers/driver.ts';
import { createHubApp } from './app.ts';
import type { HubConfig } from './config.ts';
import { HubServer } from './hub-server.ts';

export interface StartHubOptions extends Partial<Omit<HubConfig, 'driver'>> {
  port?: number;
  host?: string;
  storageDir?: string;
  driver?: Driver;
}

export interface RunningHub {
  url: string;
  readUrlPrefix: string;
  hub: HubServer;
  close(): Promise<void>;
}

export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const { port = 0, host = '127.0.0.1', storageDir, driver: given, ...config } = opts;
  if (!given && !storageDir) throw new TypeError('startHub needs storageDir (disk driver) or a driver');
  const driver = given ?? new DiskDriver({ storageRootDirectory: storageDir! });
  const hub = new HubServer({ ...config, driver });
  const app = createHubApp(hub);
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolveServer(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  if (!config.readURL) hub.readUrlPrefix = `${url}/read/`;
  return {
    url,
    readUrlPrefix: hub.readUrlPrefix,
    hub,
    close: () => new Promise<void>((res) => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close(() => res());
    }).then(() => driver.close?.()),
  };
}
