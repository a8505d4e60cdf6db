/** @module api/serve-node — serves the hono app with @hono/node-server; resolves once listening. */
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lingeringClose } from '../base/http-linger.ts';
import type { Hono } from 'hono';

export async function serveNode(app: Hono, port: number, hostname = '127.0.0.1'): Promise<{ url: string; port: number; server: Server; close: () => Promise<void> }> {
  let server!: ServerType;
  const info = await new Promise<AddressInfo>((ok, fail) => {
    server = serve({ fetch: app.fetch, port, hostname }, (i) => ok(i as AddressInfo));
    server.once('error', fail);
  });
  lingeringClose(server as unknown as Server);
  const host = hostname === '0.0.0.0' ? '127.0.0.1' : hostname;
  return {
    url: `http://${host}:${info.port}`,
    port: info.port,
    server: server as unknown as Server,
    close: () => new Promise<void>((ok) => { (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); server.close(() => ok()); }),
  };
}
