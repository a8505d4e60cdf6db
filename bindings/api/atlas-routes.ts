/**
 * @module api/atlas-routes — an Atlas node's XML-RPC on the REST API (Core's `POST /RPC2`, and the JSON bulk
 * path `POST /atlas/<method>`), for any server of the hono app: the peer address comes from
 * @hono/node-server's `env.incoming` or from `serveDeno`'s `env.remoteAddr`.
 */
import { Hono, type Context } from 'hono';
import { createAtlasHandler, type AtlasNode } from '../routing/index.ts';

export const RPC_PATH = '/RPC2';

export function peerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; remoteAddr?: { hostname?: string } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname ?? '127.0.0.1';
}

export function atlasRoutes(atlas: AtlasNode, defaultPort = 6264): Hono {
  const handle = createAtlasHandler(atlas, defaultPort);
  const app = new Hono();
  const fn = (c: Context) => handle(c.req.raw, peerAddress(c));
  app.post(RPC_PATH, fn);
  app.post('/atlas/:method', fn);
  return app;
}
