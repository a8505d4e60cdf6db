/**
 * The disk hub's read fast path (hub/read-fast) answers exactly as the hono read route does: the same request
 * goes to a running hub (fast path first) and to the app alone (`createHubApp(...).fetch`, no fast path), and
 * status, read headers and body must agree — small and streamed files, HEAD, If-None-Match, missing files,
 * bad paths, encoded names, query strings. Metadata that no longer matches the file is not trusted by the
 * fast path: that read goes through the app (which recomputes the MD5), as `performRead` calls show.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp, DiskDriver, startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { APP_ADDRESS, tempDir } from './helpers.ts';

class CountingDisk extends DiskDriver {
  reads = 0;
  override performRead(a: { bucket: string; path: string }) { this.reads++; return super.performRead(a); }
}

let hub: RunningHub;
let disk: CountingDisk;
let appOnly: ReturnType<typeof createHubApp>;
const dir = tempDir();
const big = new Uint8Array(300 * 1024).map((_, i) => (i * 31) & 255);
const huge = new Uint8Array((16 << 20) + 12_345).map((_, i) => (i * 7 + (i >> 16)) & 255);

beforeAll(async () => {
  disk = new CountingDisk({ storageRootDirectory: dir });
  hub = await startHub({ driver: disk });
  appOnly = createHubApp(hub.hub);
  const put = (path: string, body: string | Uint8Array, contentType = 'application/json') =>
    disk.performWrite({ bucket: APP_ADDRESS, path, contentType, body: typeof body === 'string' ? new TextEncoder().encode(body) : body });
  await put('profile.json', '[{"token":"x"}]');
  await put('big.bin', big, 'application/octet-stream');
  await put('huge.bin', huge, 'application/octet-stream');
  await put('a b/ü.txt', 'spaced', 'text/plain');
  await put('stale.txt', 'first');
  await disk.performWrite({ bucket: `${APP_ADDRESS}-auth`, path: 'authTimestamp', contentType: 'text/plain', body: new TextEncoder().encode('12') });
});
afterAll(() => hub.close());

const HEADERS = ['access-control-allow-origin', 'access-control-expose-headers', 'cache-control', 'content-type', 'etag', 'content-length'];

async function both(path: string, init: RequestInit = {}) {
  const fast = await fetch(hub.url + path, init);
  const slow = await appOnly.fetch(new Request('http://hub' + path, init));
  const pick = async (r: Response) => ({
    status: r.status,
    headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers.get(h)]).filter(([h, v]) => v !== null && !(h === 'content-length' && r.status !== 200))),
    body: Buffer.from(await r.arrayBuffer()).toString('base64'),
  });
  return { fast: await pick(fast), slow: await pick(slow) };
}

describe('hub read fast path', () => {
  const cases: [string, string, RequestInit?][] = [
    ['small file', `/read/${APP_ADDRESS}/profile.json`],
    ['file read whole off the event loop (> 256 KiB)', `/read/${APP_ADDRESS}/big.bin`],
    ['streamed file (> 16 MiB)', `/read/${APP_ADDRESS}/huge.bin`],
    ['HEAD', `/read/${APP_ADDRESS}/big.bin`, { method: 'HEAD' }],
    ['encoded path', `/read/${APP_ADDRESS}/a%20b/%C3%BC.txt`],
    ['query string', `/read/${APP_ADDRESS}/profile.json?x=1`],
    ['-auth bucket', `/read/${APP_ADDRESS}-auth/authTimestamp`],
    ['missing file', `/read/${APP_ADDRESS}/nope.json`],
    ['dot-dot path', `/read/${APP_ADDRESS}/..%2F..%2Fetc%2Fpasswd`],
    ['bad escape', `/read/${APP_ADDRESS}/%E0%A4%A`],
    ['If-None-Match other etag', `/read/${APP_ADDRESS}/profile.json`, { headers: { 'if-none-match': '"nope"' } }],
  ];
  for (const [what, path, init] of cases) {
    it(`${what}: same answer as the app`, async () => {
      const { fast, slow } = await both(path, init);
      expect(fast).toEqual(slow);
    });
  }

  it('answers reads without the driver\'s async path, and 304 on a matching ETag', async () => {
    const before = disk.reads;
    const r = await fetch(`${hub.url}/read/${APP_ADDRESS}/big.bin`);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(big);
    const etag = r.headers.get('etag')!;
    const nm = await fetch(`${hub.url}/read/${APP_ADDRESS}/big.bin`, { headers: { 'if-none-match': etag } });
    expect(nm.status).toBe(304);
    expect((await both(`/read/${APP_ADDRESS}/big.bin`, { headers: { 'if-none-match': etag } })).fast.status).toBe(304);
    expect(disk.reads - before).toBe(1); // only the app's own read in both()
  });

  it('a file changed behind the metadata goes through the app, which recomputes the ETag', async () => {
    writeFileSync(join(dir, APP_ADDRESS, 'stale.txt'), 'second, longer');
    const before = disk.reads;
    const r = await fetch(`${hub.url}/read/${APP_ADDRESS}/stale.txt`);
    expect(await r.text()).toBe('second, longer');
    expect(disk.reads - before).toBe(1);
    const { createHash } = await import('node:crypto');
    expect(r.headers.get('etag')).toBe(createHash('md5').update('second, longer').digest('hex'));
  });
});
