/**
 * hub_http_trace.json replayed against our hub: every request @stacks/storage made (same tokens, bodies and
 * preconditions) must get the recorded status, JSON body and read headers — etags included, since the disk
 * driver's etag is the MD5 of the body as in the reference hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { tempDir, vectors } from './helpers.ts';

const trace = vectors('hub_http_trace.json');
let hub: RunningHub;
let port: string;

beforeAll(async () => {
  hub = await startHub({ storageDir: tempDir(), serverName: 'localhost' });
  port = new URL(hub.url).port;
});
afterAll(() => hub.close());

/** Exact bytes of binary uploads (the trace stores request bodies as UTF-8 text; reads keep base64). */
const bytesByPath = new Map<string, Uint8Array>();
for (const s of trace.steps) {
  for (const e of s.exchanges) {
    if (e.request.method === 'GET' && e.response.status === 200 && e.response.body?.base64) {
      bytesByPath.set(e.request.path.replace('/read/', '/store/'), Buffer.from(e.response.body.base64, 'base64'));
    }
  }
}

function fix(v: unknown): any {
  return v === null || v === undefined ? v : JSON.parse(JSON.stringify(v).replaceAll('PORT', port));
}

describe('hub_http_trace.json replay', () => {
  for (const step of trace.steps) {
    if (step.exchanges.some((e: any) => e.request.path.startsWith('/v1/names'))) continue; // name lookup: not a hub route
    it(step.label, async () => {
      for (const e of step.exchanges) {
        const req = e.request;
        let body: BodyInit | undefined;
        if (typeof req.body === 'string') body = req.body.includes('\uFFFD') ? bytesByPath.get(req.path) : req.body;
        const headers = { ...req.headers };
        delete headers['content-length'];
        const res = await fetch(hub.url + req.path, { method: req.method, headers, body });
        expect(res.status, `${req.method} ${req.path}`).toBe(e.response.status);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        const text = await res.text();
        const expected = fix(e.response.body);
        if (req.method === 'GET' && req.path.startsWith('/read/')) {
          if (res.status === 200) {
            expect(Buffer.from(text, 'utf8').length > 0 || expected.base64 === '').toBe(true);
            expect(res.headers.get('etag')).toBe(e.response.headers.ETag);
            expect(res.headers.get('content-type')).toBe(e.response.headers['Content-Type']);
            expect(res.headers.get('cache-control')).toBe('no-cache');
          }
          continue;
        }
        if (expected === null) {
          expect(text).toBe('');
        } else if (res.status === 412) {
          expect(JSON.parse(text)).toMatchObject(expected); // we also return the current etag (spec §3)
        } else {
          expect(JSON.parse(text)).toEqual(expected);
          expect(res.headers.get('content-type')).toBe('application/json');
        }
      }
    });
  }
});
