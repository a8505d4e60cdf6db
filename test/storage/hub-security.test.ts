/**
 * Hostile and malformed requests against our hub: forged / expired / wrong-address / wrong-scope / revoked
 * tokens, path traversal, oversize and malformed bodies — exact status + JSON body, and nothing written or
 * lost. Plus CORS, hub_info, archival scopes, whitelist, and concurrent If-Match writers (exactly one wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { makeAuthToken } from '../../bindings/storage/client/hub-connection.ts';
import { APP_ADDRESS, APP_KEY, OTHER_KEY, tempDir, v1Header, challenge } from './helpers.ts';

const SERVER = 'hub.test';
let hub: RunningHub;
let dir: string;
const auth = (claims: Record<string, unknown> = {}, signWith?: string) => v1Header(APP_KEY, SERVER, claims, signWith);
const now = () => Math.floor(Date.now() / 1000);

async function store(path: string, body: BodyInit, headers: Record<string, string> = {}, h = hub) {
  const res = await fetch(`${h.url}/store/${APP_ADDRESS}/${path}`, { method: 'POST', body, headers: { Authorization: auth(), ...headers } });
  return { status: res.status, body: await res.text(), headers: res.headers };
}
async function read(path: string, h = hub) {
  const res = await fetch(`${h.url}/read/${APP_ADDRESS}/${path}`);
  return { status: res.status, text: await res.text(), etag: res.headers.get('etag') };
}
function raw(method: string, path: string, headers: Record<string, string | number>, body?: Buffer | Buffer[], h = hub): Promise<{ status: number; body: string }> {
  const u = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: data }));
    });
    req.on('error', reject);
    if (Array.isArray(body)) for (const b of body) req.write(b);
    else if (body) req.write(body);
    req.end();
  });
}

beforeAll(async () => {
  dir = tempDir();
  hub = await startHub({ storageDir: dir, serverName: SERVER, maxFileUploadSize: 0.001 });
  expect((await store('keep.txt', 'original', { 'Content-Type': 'text/plain' })).status).toBe(202);
});
afterAll(() => hub.close());

describe('tokens', () => {
  const cases: [string, () => string, string, string][] = [
    ['forged (signed by another key)', () => auth({}, OTHER_KEY), 'ValidationError', 'Failed to verify supplied authentication JWT'],
    ['expired', () => auth({ exp: 1700000000 }), 'ValidationError', 'Expired authentication token: expire time of 1700000000 (secs since epoch)'],
    ['wrong address (other key for this bucket)', () => v1Header(OTHER_KEY, SERVER), 'ValidationError', 'Address not allowed to write on this path'],
    ['wrong challenge (other hub)', () => auth({ gaiaChallenge: challenge('elsewhere') }), 'ValidationError',
      `Invalid gaiaChallenge text in supplied JWT: "${challenge('elsewhere')}" not found in ${JSON.stringify(['0', '2018', '2019'].map((y) => challenge(SERVER, y)))}`],
    ['wrong scope', () => auth({ scopes: [{ scope: 'putFilePrefix', domain: 'photos/' }, { scope: 'deleteFilePrefix', domain: 'photos/' }] }), 'ValidationError', `Address ${APP_ADDRESS} not authorized to write to keep.txt by scopes`],
    ['garbage', () => 'bearer v1:not-a-jwt', 'ValidationError', 'Failed to parse authentication header.'],
  ];
  for (const [label, header, error, message] of cases) {
    it(`${label} → 401, nothing written`, async () => {
      const res = await fetch(`${hub.url}/store/${APP_ADDRESS}/keep.txt`, { method: 'POST', body: 'evil', headers: { Authorization: header() } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ message, error });
      expect((await read('keep.txt')).text).toBe('original');
      const del = await fetch(`${hub.url}/delete/${APP_ADDRESS}/keep.txt`, { method: 'DELETE', headers: { Authorization: header() } });
      expect(del.status).toBe(401);
      expect((await read('keep.txt')).text).toBe('original');
    });
  }

  it('v0 legacy token is accepted', async () => {
    const token = makeAuthToken(challenge(SERVER), hub.url, APP_KEY, { v0: true });
    const res = await fetch(`${hub.url}/store/${APP_ADDRESS}/v0.txt`, { method: 'POST', body: 'v0', headers: { Authorization: `bearer ${token}` } });
    expect(res.status).toBe(202);
  });

  it('revoke-all: body errors, then older tokens 401, equal iat passes, value never decreases', async () => {
    const post = async (body: string, header = auth()) => {
      const r = await fetch(`${hub.url}/revoke-all/${APP_ADDRESS}`, { method: 'POST', body, headers: { Authorization: header, 'Content-Type': 'application/json' } });
      return { status: r.status, body: await r.json() };
    };
    expect(await post('{}')).toEqual({ status: 400, body: { message: 'Invalid JSON: missing oldestValidTimestamp' } });
    expect(await post('{"oldestValidTimestamp":"abc"}')).toEqual({ status: 400, body: { message: 'Invalid JSON: oldestValidTimestamp is not a valid integer' } });
    expect(await post('{"oldestValidTimestamp":-5}')).toEqual({ status: 400, body: { message: 'Invalid JSON: oldestValidTimestamp is not a valid integer' } });
    expect(await post(JSON.stringify({ oldestValidTimestamp: 1, pad: 'x'.repeat(5000) }))).toEqual({ status: 400, body: { message: 'Invalid JSON: too long' } });
    expect((await post('{"oldestValidTimestamp":5}', auth({}, OTHER_KEY))).status).toBe(401);
    const t = now();
    expect(await post(JSON.stringify({ oldestValidTimestamp: t }))).toEqual({ status: 202, body: { status: 'success' } });
    expect((await read('authTimestamp').catch(() => null))).toBeTruthy();
    const old = await store('keep.txt', 'evil', { Authorization: auth({ iat: t - 10 }) });
    expect(old.status).toBe(401);
    expect(JSON.parse(old.body)).toEqual({ error: 'AuthTokenTimestampValidationError', message: `Gaia bucket requires auth token issued after ${t} but this token was issued ${t - 10}. This token may have been revoked by the user.` });
    const noIat = await store('keep.txt', 'evil');
    expect(JSON.parse(noIat.body).error).toBe('AuthTokenTimestampValidationError');
    expect((await read('keep.txt')).text).toBe('original');
    await post(JSON.stringify({ oldestValidTimestamp: t - 100 }), auth({ iat: t })); // lower: ignored
    const ok = await store('fresh.txt', 'ok', { Authorization: auth({ iat: t }) });
    expect(ok.status).toBe(202);
    const stillOld = await store('fresh2.txt', 'no', { Authorization: auth({ iat: t - 1 }) });
    expect(stillOld.status).toBe(401);
    const ts = await fetch(`${hub.url}/read/${APP_ADDRESS}-auth/authTimestamp`);
    expect(await ts.text()).toBe(String(t));
    expect(ts.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
  });
});

describe('paths, sizes and bodies', () => {
  const goodAuth = () => v1Header(APP_KEY, SERVER, { iat: now() + 5 });
  it('path traversal is 403 BadPathError and nothing escapes the bucket', async () => {
    for (const p of ['../../escape.txt', 'a/../../escape.txt', '%2e%2e/escape.txt', '..%2Fescape.txt', 'a/..', '%00x', 'a\\..\\b']) {
      const r = await raw('POST', `/store/${APP_ADDRESS}/${p}`, { Authorization: goodAuth(), 'Content-Length': 4 }, Buffer.from('evil'));
      expect([400, 403, 404], p).toContain(r.status);
      if (r.status === 403) expect(JSON.parse(r.body), p).toEqual({ message: 'Invalid Path', error: 'BadPathError' });
    }
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    expect(existsSync(join(dir, '..', 'escape.txt'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['.gaia-metadata', '.tmp', APP_ADDRESS, `${APP_ADDRESS}-auth`]);
  });

  it('declared Content-Length over the limit → 413 with the exact message; nothing written', async () => {
    const big = Buffer.alloc(2000, 1);
    const r = await raw('POST', `/store/${APP_ADDRESS}/big.bin`, { Authorization: goodAuth(), 'Content-Length': big.length }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ message: 'Max file upload size is 0.001 megabytes. Rejected Content-Length of 0.0019 megabytes', error: 'PayloadTooLargeError' });
    expect((await read('big.bin')).status).toBe(404);
  });

  it('chunked body over the limit → 413; nothing written', async () => {
    const r = await raw('POST', `/store/${APP_ADDRESS}/big2.bin`, { Authorization: goodAuth(), 'Transfer-Encoding': 'chunked' }, [Buffer.alloc(700, 1), Buffer.alloc(700, 2)]);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toBe('PayloadTooLargeError');
    expect((await read('big2.bin')).status).toBe(404);
  });

  it('precondition header misuse → 412', async () => {
    const both = await store('keep.txt', 'x', { Authorization: goodAuth(), 'If-Match': 'abc', 'If-None-Match': '*' });
    expect(both.status).toBe(412);
    expect(JSON.parse(both.body)).toEqual({ message: 'Request should not contain both if-match and if-none-match headers', error: 'PreconditionFailedError' });
    const misuse = await store('keep.txt', 'x', { Authorization: goodAuth(), 'If-None-Match': 'abc' });
    expect(JSON.parse(misuse.body)).toEqual({ message: 'Misuse of the if-none-match header. Expected to be * on write requests.', error: 'PreconditionFailedError' });
    const { etag } = await read('keep.txt');
    const stale = await store('keep.txt', 'x', { Authorization: goodAuth(), 'If-Match': 'deadbeef' });
    expect(stale.status).toBe(412);
    expect(JSON.parse(stale.body)).toEqual({ message: 'The provided ETag does not match that of the resource on the server', error: 'PreconditionFailedError', etag });
    const missing = await store('nothing-here.txt', 'x', { Authorization: goodAuth(), 'If-Match': 'deadbeef' });
    expect(missing.status).toBe(412);
    expect((await read('keep.txt')).text).toBe('original');
  });

  it('malformed list-files body → 400; good one → 202 entries/page', async () => {
    const bad = await fetch(`${hub.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: '{nope', headers: { Authorization: goodAuth() } });
    expect(bad.status).toBe(400);
    expect(Object.keys(await bad.json())).toEqual(['message']);
    const ok = await fetch(`${hub.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: '{"page":null,"stat":true}', headers: { Authorization: goodAuth() } });
    expect(ok.status).toBe(202);
    const out = await ok.json();
    expect(out.page).toBeNull();
    expect(out.entries.find((e: any) => e.name === 'keep.txt')).toMatchObject({ exists: true, contentLength: 8, contentType: 'text/plain', etag: (await read('keep.txt')).etag });
    const badPage = await fetch(`${hub.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: '{"page":"x1"}', headers: { Authorization: goodAuth() } });
    expect(badPage.status).toBe(400);
  });

  it('delete: 202 with empty body and no content type; missing → 404', async () => {
    await store('gone.txt', 'x', { Authorization: goodAuth() });
    const del = await fetch(`${hub.url}/delete/${APP_ADDRESS}/gone.txt`, { method: 'DELETE', headers: { Authorization: goodAuth() } });
    expect(del.status).toBe(202);
    expect(del.headers.get('content-type')).toBeNull();
    expect(await del.text()).toBe('');
    const again = await fetch(`${hub.url}/delete/${APP_ADDRESS}/gone.txt`, { method: 'DELETE', headers: { Authorization: goodAuth() } });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ message: 'File does not exist', error: 'DoesNotExist' });
  });
});

describe('protocol surface', () => {
  it('hub_info (with and without trailing slash) and CORS preflight', async () => {
    for (const p of ['/hub_info', '/hub_info/']) {
      const r = await fetch(hub.url + p);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ challenge_text: challenge(SERVER), latest_auth_version: 'v1', max_file_upload_size_megabytes: 0.001, read_url_prefix: `${hub.url}/read/` });
    }
    const pre = await fetch(`${hub.url}/store/${APP_ADDRESS}/x`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('DELETE,POST,GET,OPTIONS,HEAD');
    expect(pre.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,If-Match,If-None-Match,Cache-Control');
    expect(pre.headers.get('access-control-max-age')).toBe('86400');
    const r = await fetch(`${hub.url}/read/${APP_ADDRESS}/keep.txt`);
    expect(r.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('concurrent writers with the same If-Match: exactly one wins', async () => {
    const h = await startHub({ storageDir: tempDir() });
    try {
      const a = (claims = {}) => v1Header(APP_KEY, 'gaia-0', claims);
      const first = await fetch(`${h.url}/store/${APP_ADDRESS}/race.txt`, { method: 'POST', body: 'v0', headers: { Authorization: a() } });
      const { etag } = await first.json();
      for (let round = 0; round < 5; round++) {
        const cur = round === 0 ? etag : (await read('race.txt', h)).etag!;
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
          fetch(`${h.url}/store/${APP_ADDRESS}/race.txt`, { method: 'POST', body: `writer ${round}.${i}`, headers: { Authorization: a(), 'If-Match': cur } })
            .then(async (r) => ({ i, status: r.status, body: await r.json() }))));
        const winners = results.filter((r) => r.status === 202);
        expect(winners.length, JSON.stringify(results.map((r) => r.status))).toBe(1);
        for (const l of results.filter((r) => r.status !== 202)) {
          expect([409, 412]).toContain(l.status);
          expect(['ConflictError', 'PreconditionFailedError']).toContain(l.body.error);
        }
        expect((await read('race.txt', h)).text).toBe(`writer ${round}.${winners[0].i}`);
      }
    } finally {
      await h.close();
    }
  });

  it('whitelist and archival scopes', async () => {
    const h = await startHub({ storageDir: tempDir(), whitelist: ['1MWoWQ9qfv7iKaAdpB2yapo9HpSE91Nrfh'] });
    try {
      const r = await fetch(`${h.url}/store/${APP_ADDRESS}/x`, { method: 'POST', body: 'x', headers: { Authorization: v1Header(APP_KEY, 'gaia-0') } });
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ message: `Address ${APP_ADDRESS} not authorized for writes`, error: 'ValidationError' });
    } finally {
      await h.close();
    }
    const h2 = await startHub({ storageDir: tempDir(), pageSize: 1 });
    try {
      const arch = v1Header(APP_KEY, 'gaia-0', { scopes: [{ scope: 'putFileArchivalPrefix', domain: 'log/' }] });
      for (const body of ['one', 'two']) {
        const r = await fetch(`${h2.url}/store/${APP_ADDRESS}/log/a`, { method: 'POST', body, headers: { Authorization: arch } });
        expect(r.status).toBe(202);
      }
      const entries: unknown[] = [];
      let page: string | null = null;
      do {
        const res: Response = await fetch(`${h2.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: JSON.stringify({ page }), headers: { Authorization: arch } });
        const out: { entries: string[]; page: string | null } = await res.json();
        entries.push(...out.entries);
        page = out.page;
      } while (page);
      expect(entries.filter((e) => e !== null)).toEqual(['log/a']);
      const all: string[] = [];
      page = null;
      do {
        const res: Response = await fetch(`${h2.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: JSON.stringify({ page }), headers: { Authorization: v1Header(APP_KEY, 'gaia-0') } });
        const out: { entries: string[]; page: string | null } = await res.json();
        all.push(...out.entries);
        page = out.page;
      } while (page);
      expect(all.length).toBe(2);
      expect(all.some((n) => /^log\/\.history\.\d+\.[0-9a-f]+\.a$/.test(n))).toBe(true);
      const other = await fetch(`${h2.url}/store/${APP_ADDRESS}/other`, { method: 'POST', body: 'x', headers: { Authorization: arch } });
      expect(await other.json()).toEqual({ message: `Address ${APP_ADDRESS} not authorized to modify other by scopes`, error: 'ValidationError' });
    } finally {
      await h2.close();
    }
  });
});
