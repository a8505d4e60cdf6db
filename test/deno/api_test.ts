// The same hono app served by Deno.serve answers the v1 API (loopback only).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { createApp } from '../../bindings/api/app.ts';
import { serveDeno } from '../../bindings/api/serve-deno.ts';
import { fakeView, ZF_HASH } from '../fixtures/api/fake-view.ts';

Deno.test('REST API under Deno.serve', async () => {
  const srv = serveDeno(createApp(fakeView()), 0);
  try {
    const r = await fetch(`${srv.url}/v1/names/muneeb.id`);
    strictEqual(r.status, 200);
    strictEqual(r.headers.get('access-control-allow-origin'), '*');
    strictEqual((await r.json()).zonefile_hash, ZF_HASH);
    const e = await fetch(`${srv.url}/v1/names`);
    strictEqual(e.status, 400);
    deepStrictEqual(await e.json(), { error: 'page= argument required' });
  } finally {
    await srv.close();
  }
});
