/**
 * @module api/body-limit — every request body on the API server is read with a byte cap, whatever the
 * transfer encoding: a declared Content-Length over the cap is answered 413 before reading, a chunked body
 * as soon as the cap is passed (nothing over it is buffered; `Connection: close` so the rest is not read).
 * Routes then see the buffered body as usual. Caps are per path prefix; the default fits every v1 route.
 */
import type { MiddlewareHandler } from 'hono';
import { collectCapped } from '../base/body.ts';
import { statusOf } from '../base/http-status.ts';

/** Default cap: v1 JSON bodies, /auth forms. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** POST /v1/zonefile: a zone file is at most 40,960 bytes; JSON escaping (\\u0000: 6x) or base64 inflates it. */
export const ZONEFILE_BODY_LIMIT = 6 * 40_960 + 4096;

export interface BodyLimit { prefix: string; bytes: number }

export function bodyLimit(limits: BodyLimit[] = [], fallback = DEFAULT_BODY_LIMIT): MiddlewareHandler {
  const all = [{ prefix: '/v1/zonefile', bytes: ZONEFILE_BODY_LIMIT }, ...limits].sort((a, b) => b.prefix.length - a.prefix.length);
  return async (c, next) => {
    const raw = c.req.raw;
    // On Node, read the two headers off the IncomingMessage: touching `raw.body` (or even `raw.headers`) of
    // @hono/node-server's lightweight request builds a full Request per call and halved GET throughput. An
    // HTTP/1.1 request with neither Content-Length nor Transfer-Encoding has no body. Elsewhere (Deno,
    // app.request in tests) a Request may carry a body without either header, so `raw.body` is asked there.
    const h = (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)?.incoming?.headers;
    const len = h ? (h['content-length'] as string | undefined) ?? null : raw.headers.get('content-length');
    const chunked = h ? h['transfer-encoding'] !== undefined : raw.headers.has('transfer-encoding');
    if (!chunked && (len === null || len === '0') && (h !== undefined || !raw.body)) return next();
    const path = c.req.path;
    const cap = all.find((l) => path === l.prefix || path.startsWith(l.prefix))?.bytes ?? fallback;
    const tooLarge = () => c.json({ error: `Request body larger than ${cap} bytes`, code: 'E_BODY_TOO_LARGE' }, statusOf('E_BODY_TOO_LARGE', 413) as 413, { connection: 'close' });
    if (len !== null && !(Number(len) <= cap)) return tooLarge();
    if (!raw.body) return next();
    // over the cap: answer now; what the peer still sends is read and dropped for a bounded while, then the
    // socket closes (closing at once resets the connection, and the peer may never see the 413);
    // `Connection: close` so no client reuses a connection whose request body was not read
    const got = await collectCapped(raw.body.getReader(), cap, false);
    if (!got) return tooLarge();
    const { chunks, total } = got;
    // handed on as the same chunks (no one big copy, and the route reads it piece by piece)
    const body = new ReadableStream<Uint8Array>({ start(ctl) { for (const ch of chunks) ctl.enqueue(ch); ctl.close(); } });
    const headers = new Headers(raw.headers);
    headers.delete('transfer-encoding');
    headers.set('content-length', String(total));
    c.req.raw = new Request(raw.url, { method: raw.method, headers, body, signal: raw.signal, duplex: 'half' } as RequestInit);
    return next();
  };
}
