/**
 * One code → HTTP status table (base/http-status.ts) for every HTTP surface: routing, auth, the hub (Gaia body
 * kept by its own formatter), the REST API (ApiError and any coded error reaching it), Atlas, DoH, crawl.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_STATUS, statusOf } from '../../bindings/base/http-status.ts';
import { BaseError, fromHex } from '../../bindings/base/index.ts';
import { CORE_CODES, CoreError } from '../../bindings/core/errors.ts';
import { RoutingError } from '../../bindings/routing/errors.ts';
import { AuthError } from '../../bindings/auth/errors.ts';
import { hubError, errorResponse } from '../../bindings/storage/hub/hub-error.ts';
import { createApp } from '../../bindings/api/app.ts';
import type { NameView } from '../../bindings/api/view.ts';

const BINDINGS = join(import.meta.dirname, '../../bindings');
const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.ts') ? [join(d, n)] : []));

/** Every `E_…` code written in bindings/ (type unions, `new XError('E_…')`, JSON bodies) and every core code. */
function definedCodes(): Map<string, string> {
  const at = new Map<string, string>();
  for (const f of files(BINDINGS)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"`](E_[A-Z0-9_]+)['"`]/g)) if (!at.has(m[1])) at.set(m[1], f.slice(BINDINGS.length + 1));
  }
  for (const c of Object.values(CORE_CODES)) if (!at.has(c)) at.set(c, 'core/error-codes.ts');
  return at;
}

/** A NameView whose every method throws `err` (what a lower layer might let through). */
const throwingView = (err: () => never): NameView => new Proxy({}, { get: () => () => err() }) as NameView;

describe('HTTP status table', () => {
  it('layers take their statuses from it', () => {
    expect(new RoutingError('E_ZONEFILE_NOT_FOUND', 'x').status).toBe(404);
    expect(new RoutingError('E_ATLAS_TIMEOUT', 'x').status).toBe(504);
    expect(new AuthError('E_CONSENT_DENIED', 'x').status).toBe(403);
    expect(new AuthError('E_BAD_KEY', 'x').status).toBe(400);
    expect(errorResponse(hubError('ConflictError', 'x'))).toEqual({ status: 409, body: { message: 'x', error: 'ConflictError' } });
    expect(errorResponse(hubError('PreconditionFailedError', 'x', { etag: 'e' })).body).toEqual({ message: 'x', error: 'PreconditionFailedError', etag: 'e' });
    expect(statusOf('NO_SUCH_CODE', 418)).toBe(418);
    for (const v of Object.values(HTTP_STATUS)) expect(v === 204 || (v >= 400 && v < 600)).toBe(true);
  });

  it('every E_ code defined in bindings/ has a status in the table', () => {
    const codes = definedCodes();
    expect(codes.size).toBeGreaterThan(40); // the walk found the codes (BaseError, pubsub, core, API, ...)
    for (const known of ['E_BAD_HEX', 'E_BAD_TOPIC', 'E_TRUNCATED', 'E_BODY_TOO_LARGE']) expect(codes.has(known), known).toBe(true);
    const missing = [...codes].filter(([c]) => !Object.hasOwn(HTTP_STATUS, c)).map(([c, f]) => `${c} (${f})`);
    expect(missing, 'add these codes to bindings/base/http-status.ts').toEqual([]);
  });

  it('every error code written in bindings/ is spelled E_… (one spelling)', () => {
    // `new XError('CODE', …)` / `xError('CODE', …)`, the CLI's `cliError(…, 'CODE')` / `fail(…, 'CODE')`, and
    // `code = / : / === 'CODE'`. Not ours, so not renamed: hubError takes Gaia's error name (the wire body; its
    // code is E_ + that name), AppFileError a crawl metric/state reason (lower case by design), and Node's
    // errno codes (ENOENT, EADDRINUSE, … : E + letters, no underscore) that the code compares against.
    const written = [
      /\b(\w*Error)\(\s*['"`]([A-Za-z][A-Za-z0-9_-]*)['"`]\s*,/g,
      /\b(cliError|CliError|fail)\([^;\n]*,\s*['"`]([A-Za-z][A-Za-z0-9_-]*)['"`]\s*(?:,\s*\d+\s*)?\)/g,
      /(?<!typeof [\w.?]*)\b(code)\s*(?:[:=]|[!=]==)\s*['"`]([A-Za-z][A-Za-z0-9_-]*)['"`](?!\s*\+)/g, // not `typeof x.code === 'string'`, not a prefix `'E_' + …`
    ];
    const notOurs = (via: string, code: string) => via === 'hubError' || via === 'AppFileError' || (via === 'code' && /^E[A-Z]+$/.test(code));
    const seen: string[] = [];
    const bad: string[] = [];
    for (const f of files(BINDINGS)) {
      const src = readFileSync(f, 'utf8');
      for (const re of written) {
        for (const [, via, code] of src.matchAll(re)) {
          seen.push(code);
          if (!/^E_[A-Z0-9_]+$/.test(code) && !notOurs(via, code)) bad.push(`${via}('${code}') in ${f.slice(BINDINGS.length + 1)}`);
        }
      }
    }
    // the scan sees each kind of site (a class, the CLI helper, a code field), so it can fail
    for (const c of ['E_BAD_UNDO', 'E_NODE_NOT_RUNNING', 'E_PORT_IN_USE', 'E_DB_NOT_FOUND', 'E_TX_MISSING_INPUTS']) expect(seen, c).toContain(c);
    expect(bad, 'spell these codes E_… (and add them to base/http-status.ts)').toEqual([]);
  });

  it('no other file keeps a code → status map', () => {
    for (const f of files(BINDINGS)) {
      if (f.endsWith('http-status.ts')) continue;
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/const STATUS\s*:/);
    }
  });
});

describe('coded errors reaching the REST API', () => {
  const get = (err: () => never, path = '/v1/info') => createApp(throwingView(err)).request(path);

  it('a stray BaseError (bad hex) is its table status, 400, with a JSON body', async () => {
    const res = await get(() => { fromHex('zz'); throw new Error('unreachable'); });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.code).toBe('E_BAD_HEX');
    expect(typeof body.error).toBe('string');
    expect(body.error.length).toBeGreaterThan(0);
  });

  it('every BaseError code maps to its 4xx, other layers\' codes to theirs, uncoded errors to 500', async () => {
    for (const code of ['E_BAD_HEX', 'E_BAD_ADDRESS', 'E_BAD_PRIVATE_KEY', 'E_BAD_PUBLIC_KEY', 'E_BAD_JWT', 'E_DECRYPT_FAILED', 'E_BAD_NAME'] as const) {
      const res = await get(() => { throw new BaseError(code, `bad ${code}`); });
      expect(res.status, code).toBe(HTTP_STATUS[code]);
      expect(res.status >= 400 && res.status < 500, code).toBe(true);
      expect(await res.json()).toEqual({ error: `bad ${code}`, code });
    }
    expect((await get(() => { throw new CoreError('E_TRUNCATED', 3); })).status).toBe(400);
    expect((await get(() => { throw new RoutingError('E_ZONEFILE_NOT_FOUND', 'gone'); })).status).toBe(404);
    const plain = await get(() => { throw new Error('boom'); });
    expect(plain.status).toBe(500);
    expect(await plain.json()).toEqual({ error: 'Internal server error' });
    const enoent = await get(() => { throw Object.assign(new Error('no file'), { code: 'ENOENT' }); });
    expect(enoent.status).toBe(500);
  });

  it('the API\'s own refusals keep Core\'s bodies, with statuses from the table', async () => {
    const app = createApp(throwingView(() => { throw new Error('not called'); }));
    const doh = await app.request('/dns-query', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(doh.status).toBe(HTTP_STATUS.E_UNSUPPORTED_MEDIA_TYPE);
    expect((await doh.json()).error).toMatch(/Content-Type/);
    const page = await app.request('/v1/names?page=x');
    expect(page.status).toBe(HTTP_STATUS.E_BAD_REQUEST);
    expect(await page.json()).toEqual({ error: 'Invalid page= value' });
  });
});
