/**
 * @module storage/hub/server — `startHub({ port, storageDir, ... })`: the hub on loopback with the disk
 * driver by default (or any driver), returning `{ url, readUrlPrefix, close }`. Used by `npm start`, the
 * CLI (`blockstack hub start`), tests and benchmarks.
 */
import { getRequestListener } from '@hono/node-server';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lingeringClose } from '../../base/http-linger.ts';
import { DiskDriver } from '../drivers/disk.ts';
import type { Driver } from '../drivers/driver.ts';
import { createHubApp, EMPTY_MARK } from './app.ts';
import type { HubConfig } from './config.ts';
import { HubServer } from './hub-server.ts';
import { fastRead } from './read-fast.ts';

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

/** The node adapter always adds a Content-Type; drop it (and the marker) for marked empty answers. */
function stripMarkedContentType(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const h = args[args.length - 1] as Record<string, unknown> | undefined;
    if (h && typeof h === 'object' && !Array.isArray(h) && EMPTY_MARK in h) {
      delete h[EMPTY_MARK];
      delete h['content-type'];
    }
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}

export async function startHub(opts: StartHubOptions = {}): Promise<RunningHub> {
  const { port = 0, host = '127.0.0.1', storageDir, driver: given, ...config } = opts;
  if (!given && !storageDir) throw new TypeError('startHub needs storageDir (disk driver) or a driver');
  const driver: Driver = given ?? new DiskDriver({ storageRootDirectory: storageDir! });
  // temp files of writes a crash or kill interrupted
  if (driver instanceof DiskDriver) await driver.cleanTemp();
  const hub = new HubServer({ ...config, driver });
  const app = createHubApp(hub);
  const listener = getRequestListener(app.fetch);
  const disk = driver instanceof DiskDriver ? driver : null;
  const server: Server = createServer((req, res) => {
    if (disk && fastRead(disk, hub.config, req, res)) return;
    stripMarkedContentType(res);
    void listener(req, res);
  });
  server.keepAliveTimeout = 65_000;
  lingeringClose(server);
  await new Promise<void>((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveServer());
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  if (!config.readURL) hub.readUrlPrefix = `${url}/read/`;
  return {
    url,
    readUrlPrefix: hub.readUrlPrefix,
    hub,
    close: () => new Promise<void>((res) => {
      server.closeAllConnections();
      server.close(() => res());
    }).then(() => driver.close?.()),
  };
}
