// Deno runs the storage client and the hub's hono app (Deno.serve, memory driver — Deno tests run without
// --allow-write): put/get plain, signed+encrypted with manifests, listing, and rollback refusal.
import { deepStrictEqual, strictEqual, rejects } from 'node:assert/strict';
import { StorageClient } from '../../bindings/storage/index.ts';
import { createHubApp } from '../../bindings/storage/hub/app.ts';
import { HubServer } from '../../bindings/storage/hub/hub-server.ts';
import { MemoryDriver } from '../../bindings/storage/drivers/memory.ts';

const KEY = '9c448616d18ab3fe41a8a0dd34fcd536e1bd7b42b98c8de972db8d41677591ff';
const ADDRESS = '1CB6t2DwTUwKcMFqThb1i22JkKE7FonAKU';

Deno.test('storage client against the hub served by Deno.serve', async () => {
  const driver = new MemoryDriver();
  const hub = new HubServer({ driver });
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, createHubApp(hub).fetch);
  const url = `http://127.0.0.1:${server.addr.port}`;
  hub.readUrlPrefix = `${url}/read/`;
  try {
    const c = new StorageClient({ appPrivateKey: KEY, hubUrls: [url] });
    const r = await c.putFile('hello.txt', 'hi from deno', { encrypt: false });
    strictEqual(r.publicURL, `${url}/read/${ADDRESS}/hello.txt`);
    strictEqual(await c.getFile('hello.txt', { decrypt: false }), 'hi from deno');
    await c.putFile('sealed.json', '{"x":1}', { sign: true });
    strictEqual(await c.getFile('sealed.json', { verify: true }), '{"x":1}');
    const names: string[] = [];
    await c.listFiles((n) => { names.push(n); });
    deepStrictEqual(names.sort(), ['hello.txt', 'sealed.json']);
    const old = new Map(driver.files);
    await c.putFile('hello.txt', 'v2', { encrypt: false });
    strictEqual(await c.getFile('hello.txt', { decrypt: false }), 'v2');
    for (const f of ['hello.txt', 'hello.txt.manifest.jwt']) driver.files.set(`${ADDRESS}/${f}`, old.get(`${ADDRESS}/${f}`)!);
    await rejects(c.getFile('hello.txt', { decrypt: false }), (e: { code?: string }) => e.code === 'E_ROLLBACK');
  } finally {
    await server.shutdown();
  }
});
