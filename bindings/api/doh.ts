/**
 * @module api/doh — DNS over HTTPS on the REST API (RFC 8484): `GET /dns-query?dns=<base64url>` and
 * `POST /dns-query` with `application/dns-message`; answers are the DNS gateway's (dns/responder.ts) for
 * the same view, with `Cache-Control: max-age` = the smallest TTL. Bad input → 400/413/415 JSON (statuses from base/http-status.ts).
 */
import { Buffer } from 'node:buffer';
import { Hono } from 'hono';
import { DnsResponder } from '../dns/responder.ts';
import { ApiError, badRequest } from './errors.ts';
import { viewSource } from './dns-source.ts';
import type { NameView } from './view.ts';

const MSG = 'application/dns-message';

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Smallest TTL in the answer's records (0 when none): walks the wire format past the question. */
export function minTtl(msg: Uint8Array): number {
  try {
    const v = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
    const counts = [v.getUint16(4), v.getUint16(6), v.getUint16(8), v.getUint16(10)];
    let o = 12;
    const skipName = () => { for (;;) { const l = msg[o]; if (l >= 0xc0) { o += 2; return; } o += 1 + l; if (l === 0) return; } };
    for (let i = 0; i < counts[0]; i++) { skipName(); o += 4; }
    let min = Infinity;
    for (let i = 0; i < counts[1] + counts[2]; i++) {
      skipName();
      const ttl = v.getUint32(o + 4);
      min = Math.min(min, ttl);
      o += 10 + v.getUint16(o + 8);
    }
    return Number.isFinite(min) ? min : 0;
  } catch { return 0; }
}

export function dohRoutes(view: NameView, responder = new DnsResponder(viewSource(view))): Hono {
  const app = new Hono();
  const reply = async (q: Uint8Array | null) => {
    if (!q || q.length < 12) throw badRequest('DNS query missing or malformed');
    const out = await responder.respond(q, 'https');
    if (!out) throw badRequest('DNS query malformed');
    return new Response(out as unknown as BodyInit, { status: 200, headers: { 'content-type': MSG, 'cache-control': `max-age=${minTtl(out)}`, 'access-control-allow-origin': '*' } });
  };
  app.get('/dns-query', (c) => reply(fromBase64Url(c.req.query('dns') ?? '')));
  app.post('/dns-query', async (c) => {
    if ((c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase() !== MSG) throw new ApiError('E_UNSUPPORTED_MEDIA_TYPE', { error: `Content-Type must be ${MSG}` });
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.length > 65535) throw new ApiError('E_BODY_TOO_LARGE', { error: 'DNS message too large' });
    return reply(body);
  });
  return app;
}
