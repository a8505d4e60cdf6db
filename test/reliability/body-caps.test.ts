/**
 * Issue 13 item 2: every route reads its body streamed with a cap and answers 413 as soon as the cap is passed,
 * chunked or not: REST (POST /v1/zonefile and any other route), Atlas /RPC2 and /atlas/<method>, the hub, /auth.
 * The attack was a chunked 600 MB body to /RPC2 (RSS 1.27 GB, then a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureNode, streamBody, type NodeFixture } from './node-fixture.ts';
import { MAX_REQUEST_BYTES } from '../../bindings/routing/atlas/index.ts';
import { DEFAULT_BODY_LIMIT, ZONEFILE_BODY_LIMIT } from '../../bindings/api/body-limit.ts';

let f: NodeFixture;
beforeAll(async () => { f = await startFixtureNode({ demo: false }); }, 120_000);
afterAll(async () => { await f?.stop(); });

const MB = 1024 * 1024;

describe('body caps on every route', () => {
  const cases: [string, () => string, number][] = [
    ['POST /v1/zonefile', () => `${f.apiUrl}/v1/zonefile`, ZONEFILE_BODY_LIMIT],
    ['POST /v1/names/x (any other REST route)', () => `${f.apiUrl}/v1/names/alice.id`, DEFAULT_BODY_LIMIT],
    ['POST /RPC2', () => `${f.apiUrl}/RPC2`, MAX_REQUEST_BYTES],
    ['POST /atlas/ping', () => `${f.apiUrl}/atlas/ping`, MAX_REQUEST_BYTES],
    ['POST /auth', () => `${f.apiUrl}/auth`, DEFAULT_BODY_LIMIT],
  ];
  for (const [what, url, cap] of cases) {
    it(`${what}: chunked body past ${cap} bytes → 413 before much more is sent`, async () => {
      const rss0 = process.memoryUsage().rss;
      const r = await streamBody(url(), { total: 600 * MB, chunk: 64 * 1024 });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error).toMatch(/larger than/);
      // answered within a few socket buffers of the cap, not after the whole 600 MB
      expect(r.sent).toBeLessThan(cap + 16 * MB);
      expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * MB);
    }, 60_000);
    it(`${what}: declared Content-Length over the cap → 413 without reading`, async () => {
      const r = await streamBody(url(), { total: 600 * MB, contentLength: 600 * MB });
      expect(r.status).toBe(413);
      expect(r.sent).toBeLessThan(16 * MB);
    }, 60_000);
  }

  it('a body under the cap still works (chunked zone file upload → 400 "not announced", not 413)', async () => {
    const r = await fetch(`${f.apiUrl}/v1/zonefile`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"zonefile":')); c.enqueue(new TextEncoder().encode('"$ORIGIN x.id\\n"}')); c.close(); } }),
    } as RequestInit);
    expect(r.status).toBe(400);
  });

  it('hub /store: chunked body past max_file_upload_size → 413 with Gaia\'s body', async () => {
    const info = await fetch(`${f.hubUrl}/hub_info`).then((r) => r.json());
    const cap = info.max_file_upload_size_megabytes * MB;
    const { makeHubToken } = await import('./hub-token.ts');
    const t = makeHubToken(f.hubUrl, info.challenge_text);
    const r = await streamBody(`${f.hubUrl}/store/${t.address}/big.bin`, { total: cap + 600 * MB, headers: { authorization: `bearer ${t.token}` } });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe('PayloadTooLargeError');
    expect(r.sent).toBeLessThan(cap + 16 * MB);
  }, 120_000);

  it('hub /list-files: chunked JSON over 4096 bytes → 400 bare message, socket not hung', async () => {
    const r = await streamBody(`${f.hubUrl}/list-files/1BHx2ykWDm8J8vcWXVmrfGV8ujxTGSfAjo`, { total: 100 * MB });
    expect([400, 413]).toContain(r.status);
    expect(r.sent).toBeLessThan(16 * MB);
  }, 60_000);
});
