/**
 * @module storage/hub/app — the Gaia hub HTTP API as a hono app (runs on Node via @hono/node-server and on
 * Deno.serve). Routes match the raw path with Gaia's regexes; path parameters are URL-decoded once, as
 * Express does for the reference hub. Every response carries `Access-Control-Allow-Origin: *`.
 */
import { Hono, type Context } from 'hono';
import { checkContentLength, readBody, readSmallJson, type NodeBody } from './body.ts';
import { errorResponse, hubError } from './hub-error.ts';
import { HubServer } from './hub-server.ts';
import { CORS, READ_PATH, readAnswer } from './read-headers.ts';
const PREFLIGHT = {
  ...CORS,
  'Access-Control-Allow-Methods': 'DELETE,POST,GET,OPTIONS,HEAD',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type,If-Match,If-None-Match,Cache-Control',
  'Access-Control-Max-Age': '86400',
};

/** Marks a body-less answer whose Content-Type the Node adapter must drop (Gaia sends none on delete). */
export const EMPTY_MARK = 'x-gaia-empty';

const STORE = /^\/store\/([a-zA-Z0-9]+)\/(.+)$/;
const DELETE = /^\/delete\/([a-zA-Z0-9]+)\/(.+)$/;
const LIST = /^\/list-files\/([a-zA-Z0-9]+)\/?$/;
const REVOKE = /^\/revoke-all\/([a-zA-Z0-9]+)\/?$/;

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...CORS, 'Content-Type': 'application/json', ...extra } });
}


/** Express-style param decoding; a malformed escape is a bad path. */
function param(raw: string, stripSlash: boolean): string {
  let p = raw;
  if (stripSlash && p.endsWith('/')) p = p.slice(0, -1);
  try {
    return decodeURIComponent(p);
  } catch {
    throw hubError('BadPathError', 'Invalid Path');
  }
}

function rawPath(c: Context): string {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const q = url.indexOf('?', start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

export function createHubApp(hub: HubServer): Hono {
  const app = new Hono();
  const fail = (e: unknown): Response => {
    const { status, body } = errorResponse(e);
    if (status === 500) hub.config.onServerError?.(e);
    // a refused body was not read to its end: the connection must not carry another request
    return json(status, body, status === 413 ? { Connection: 'close' } : {});
  };
  app.options('*', () => new Response(null, { status: 204, headers: PREFLIGHT }));

  app.get('*', async (c) => {
    const path = rawPath(c);
    if (path === '/hub_info' || path === '/hub_info/') {
      try {
        return json(200, hub.hubInfo());
      } catch (e) {
        hub.config.onServerError?.(e);
        return json(500, { message: (e as Error).message });
      }
    }
    const m = READ_PATH.exec(path);
    if (!m) return json(404, { message: 'Not Found', error: 'DoesNotExist' });
    try {
      const r = await hub.driver.performRead({ bucket: m[1], path: param(m[2], false) });
      if (!r) return json(404, { message: 'File does not exist', error: 'DoesNotExist' });
      const a = readAnswer({ contentType: r.contentType, etag: r.etag, size: r.body.byteLength }, hub.config.cacheControl, c.req.header('if-none-match'));
      return new Response(a.status === 304 || c.req.method === 'HEAD' ? null : (r.body as unknown as BodyInit), a);
    } catch (e) {
      return fail(e);
    }
  });

  app.post('*', async (c) => {
    const path = rawPath(c);
    try {
      let m = STORE.exec(path);
      if (m) {
        // On Node (@hono/node-server) read the IncomingMessage directly: the web-stream bridge cost ~2x on 1 MiB bodies.
        const incoming = (c.env as { incoming?: NodeBody } | undefined)?.incoming;
        const maxMB = hub.config.maxFileUploadSize;
        const out = await hub.handleStore({
          address: m[1],
          path: param(m[2], true),
          authorization: c.req.header('authorization'),
          contentType: c.req.header('content-type'),
          ifMatch: c.req.header('if-match'),
          ifNoneMatch: c.req.header('if-none-match'),
          readBody: () => {
            const declared = checkContentLength(c.req.header('content-length'), maxMB);
            return readBody(incoming ?? c.req.raw, maxMB * 1024 * 1024, declared, maxMB);
          },
        });
        return json(202, out);
      }
      if ((m = LIST.exec(path))) {
        const body = await readSmallJson(c.req.raw);
        return json(202, await hub.handleListFiles(m[1], c.req.header('authorization'), body));
      }
      if ((m = REVOKE.exec(path))) {
        const body = await readSmallJson(c.req.raw);
        await hub.handleRevokeAll(m[1], c.req.header('authorization'), body);
        return json(202, { status: 'success' });
      }
      return json(404, { message: 'Not Found', error: 'DoesNotExist' });
    } catch (e) {
      return fail(e);
    }
  });

  app.delete('*', async (c) => {
    const m = DELETE.exec(rawPath(c));
    if (!m) return json(404, { message: 'Not Found', error: 'DoesNotExist' });
    try {
      await hub.handleDelete(m[1], param(m[2], true), c.req.header('authorization'));
      return new Response(null, { status: 202, headers: { ...CORS, [EMPTY_MARK]: '1' } });
    } catch (e) {
      return fail(e);
    }
  });

  return app;
}
