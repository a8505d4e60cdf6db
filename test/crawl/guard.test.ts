// The crawler's fetcher against hostile servers on loopback: scheme / address / DNS / redirect refusals,
// size and type caps, time-outs, conditional GET, per-host concurrency and back-off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher, FetchFailed } from '../../bindings/crawl/fetcher.ts';
import { CrawlRefused, UrlGuard } from '../../bindings/crawl/guard.ts';

let srv: Server;
let base = '';
let active = 0, maxActive = 0, fails = 0;
beforeAll(async () => {
  srv = createServer((req, res) => {
    const u = req.url ?? '/';
    if (u === '/cond') { if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { etag: '"v1"' }); return res.end(); } res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }); return res.end('{}'); }
    if (u === '/loop') { res.writeHead(302, { location: '/loop' }); return res.end(); }
    if (u === '/to-private') { res.writeHead(301, { location: 'http://192.168.1.1/' }); return res.end(); }
    if (u === '/to-file') { res.writeHead(302, { location: 'file:///etc/passwd' }); return res.end(); }
    if (u === '/declared') { res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 << 20) }); return res.end(); }
    if (u === '/chunked') { res.writeHead(200, { 'content-type': 'application/json' }); const c = Buffer.alloc(64 * 1024, 32); for (let i = 0; i < 40; i++) res.write(c); return res.end(); }
    if (u === '/html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); return res.end('<p>'); }
    if (u === '/slow') return; // never answers
    if (u === '/fail') { fails++; res.writeHead(503); return res.end(); }
    if (u === '/busy') { active++; maxActive = Math.max(maxActive, active); setTimeout(() => { active--; res.writeHead(200, { 'content-type': 'application/json' }); res.end('1'); }, 30); return; }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
});
afterAll(() => { srv.closeAllConnections(); srv.close(); });

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try { await p; return 'fetched'; } catch (e) { if (e instanceof CrawlRefused) return e.reason; if (e instanceof FetchFailed) return `failed:${e.reason}`; throw e; }
};

describe('UrlGuard', () => {
  const g = new UrlGuard();
  it('allows only public http(s) URLs', () => {
    expect(g.checkUrl('https://example.com/p.json').hostname).toBe('example.com');
    expect(g.checkUrl('http://93.184.216.34/x').hostname).toBe('93.184.216.34');
    for (const [u, reason] of [
      ['file:///etc/passwd', 'scheme'], ['gopher://example.com/', 'scheme'], ['ftp://example.com/', 'scheme'], ['javascript:alert(1)', 'scheme'],
      ['http://user:pw@example.com/', 'credentials'], ['not a url', 'bad_url'],
      ['http://127.0.0.1/', 'private_address'], ['http://10.0.0.1/', 'private_address'], ['http://172.16.5.4/', 'private_address'],
      ['http://192.168.0.1/', 'private_address'], ['http://169.254.169.254/', 'private_address'], ['http://100.64.0.1/', 'private_address'],
      ['http://0.0.0.0/', 'private_address'], ['http://[::1]/', 'private_address'], ['http://[fd12::1]/', 'private_address'],
      ['http://[fe80::1]/', 'private_address'], ['http://[::ffff:127.0.0.1]/', 'private_address'], ['http://224.0.0.1/', 'private_address'],
      ['http://localhost/', 'private_address'], ['http://metadata.internal/', 'private_address'], ['http://2130706433/', 'private_address'],
    ] as const) {
      let got = 'allowed';
      try { g.checkUrl(u); } catch (e) { got = (e as CrawlRefused).reason; }
      expect(got, u).toBe(reason);
    }
  });
  it('allows loopback only when asked (the devnet)', () => {
    expect(() => new UrlGuard({ allowLoopback: true }).checkUrl('http://127.0.0.1:4000/x')).not.toThrow();
    expect(() => new UrlGuard({ allowLoopback: true }).checkUrl('http://10.0.0.1/x')).toThrow(CrawlRefused);
  });
});

describe('Fetcher', () => {
  const counts = new Map<string, number>();
  const f = new Fetcher({ guard: new UrlGuard({ allowLoopback: true }), maxBytes: 1 << 20, timeoutMs: 300, backoffBaseMs: 60_000, onRefused: (r) => counts.set(r, (counts.get(r) ?? 0) + 1) });
  afterAll(() => f.close());

  it('fetches, and answers 304 to a conditional GET', async () => {
    const a = await f.get(`${base}/cond`);
    expect(a.status).toBe(200);
    expect(a.etag).toBe('"v1"');
    expect((await f.get(`${base}/cond`, { etag: a.etag })).status).toBe(304);
  });
  it('refuses redirects to private addresses or other schemes, and redirect loops', async () => {
    expect(await refusal(f.get(`${base}/to-private`))).toBe('private_address');
    expect(await refusal(f.get(`${base}/to-file`))).toBe('scheme');
    expect(await refusal(f.get(`${base}/loop`))).toBe('redirect_limit');
  });
  it('refuses oversized bodies (declared or streamed) and wrong content types', async () => {
    expect(await refusal(f.get(`${base}/declared`))).toBe('too_large');
    expect(await refusal(f.get(`${base}/chunked`))).toBe('too_large');
    expect(await refusal(f.get(`${base}/html`))).toBe('content_type');
    expect(counts.get('too_large')).toBe(2);
    expect(counts.get('content_type')).toBe(1);
  });
  it('times out, and checks resolved addresses at connect time (DNS rebinding)', async () => {
    expect(await refusal(f.get(`${base}/slow`))).toBe('failed:timeout');
    const port = new URL(base).port;
    const strict = new Fetcher({ guard: new UrlGuard(), resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await refusal(strict.get(`http://rebind.example:${port}/cond`))).toBe('private_address');
    const mixed = new Fetcher({ guard: new UrlGuard({ allowLoopback: true }), resolve: async () => [{ address: '10.9.9.9', family: 4 }, { address: '127.0.0.1', family: 4 }] });
    expect((await mixed.get(`http://mixed.example:${port}/cond`)).status).toBe(200);
    strict.close(); mixed.close();
  });
  it('keeps per-host concurrency and backs off a failing host', async () => {
    const g = new Fetcher({ guard: new UrlGuard({ allowLoopback: true }), perHost: 3, backoffBaseMs: 60_000 });
    await Promise.all(Array.from({ length: 12 }, () => g.get(`${base}/busy`)));
    expect(maxActive).toBe(3);
    expect(await refusal(g.get(`${base}/fail`))).toBe('failed:http_status');
    expect(await refusal(g.get(`${base}/fail`))).toBe('failed:backoff');
    expect(fails).toBe(1);
    g.close();
  });
});
