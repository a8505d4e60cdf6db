/**
 * The S3 driver against a real S3-compatible server (s3rver) on loopback: unmodified @stacks/storage and our
 * client through the hub, quoted provider ETags echoed in If-Match, continuation-token paging, archival
 * renames, deletes, and that nothing lands outside `<address>/`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startHub, S3Driver, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { StorageClient } from '../../bindings/storage/index.ts';
import { APP_ADDRESS, APP_KEY, tempDir, v1Header, stacksStorage } from './helpers.ts';

let s3: any;
let endpoint: string;
let hub: RunningHub;
let driver: S3Driver;

beforeAll(async () => {
  s3 = new (S3rver as any)({ port: 0, address: '127.0.0.1', silent: true, directory: tempDir('s3rver-'), configureBuckets: [{ name: 'gaia' }] });
  const addr = await s3.run();
  endpoint = `http://127.0.0.1:${addr.port}`;
  driver = new S3Driver({ bucket: 'gaia', endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  hub = await startHub({ driver, serverName: 'localhost', pageSize: 2 });
});
afterAll(async () => {
  await hub.close();
  await s3.close();
});

describe('S3 driver (s3rver)', () => {
  it('@stacks/storage: plain, encrypted, signed, If-Match with the quoted provider etag, list, delete', async () => {
    const st = stacksStorage(hub.url);
    await st.putFile('a.txt', 'one', { encrypt: false, contentType: 'text/plain' });
    const read = await fetch(`${hub.url}/read/${APP_ADDRESS}/a.txt`);
    expect(read.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(read.headers.get('content-type')).toBe('text/plain');
    expect(await st.getFile('a.txt', { decrypt: false })).toBe('one');
    await st.putFile('a.txt', 'two', { encrypt: false, contentType: 'text/plain' });
    expect(await st.getFile('a.txt', { decrypt: false })).toBe('two');
    await expect(stacksStorage(hub.url).putFile('a.txt', 'x', { encrypt: false })).rejects.toMatchObject({ name: 'PreconditionFailedError' });
    await st.putFile('enc.txt', 'secret');
    expect(await st.getFile('enc.txt')).toBe('secret');
    await st.putFile('sig.txt', 'signed', { encrypt: false, sign: true, contentType: 'text/plain' });
    expect(await st.getFile('sig.txt', { decrypt: false, verify: true })).toBe('signed');
    const names: string[] = [];
    expect(await st.listFiles((n) => { names.push(n); return true; })).toBe(4);
    expect(names.sort()).toEqual(['a.txt', 'enc.txt', 'sig.txt', 'sig.txt.sig']);
    await st.deleteFile('sig.txt', { wasSigned: true });
    await expect(st.deleteFile('sig.txt')).rejects.toMatchObject({ name: 'DoesNotExist' });
  });

  it('our client with manifests over S3, and stat listing', async () => {
    const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [hub.url] });
    await c.putFile('doc.json', '{"v":1}');
    await c.putFile('doc.json', '{"v":2}');
    expect(await c.getFile('doc.json')).toBe('{"v":2}');
    const res = await fetch(`${hub.url}/list-files/${APP_ADDRESS}`, { method: 'POST', body: '{"page":null,"stat":true}', headers: { Authorization: v1Header(APP_KEY, 'localhost') } });
    const out = await res.json();
    expect(out.entries.length).toBe(2);
    expect(out.entries[0]).toMatchObject({ exists: true, name: expect.any(String), etag: expect.stringMatching(/^"/), contentLength: expect.any(Number) });
    expect(typeof out.page).toBe('string');
  });

  it('archival rename and keys confined to the bucket prefix', async () => {
    const arch = v1Header(APP_KEY, 'localhost', { scopes: [{ scope: 'putFileArchival', domain: 'state.json' }] });
    for (const body of ['1', '2']) {
      const r = await fetch(`${hub.url}/store/${APP_ADDRESS}/state.json`, { method: 'POST', body, headers: { Authorization: arch } });
      expect(r.status).toBe(202);
    }
    const bad = await fetch(`${hub.url}/store/${APP_ADDRESS}/..%2Fx`, { method: 'POST', body: 'x', headers: { Authorization: v1Header(APP_KEY, 'localhost') } });
    expect(bad.status).toBe(403);
    const keys = ((await driver.client.send(new ListObjectsV2Command({ Bucket: 'gaia' }))).Contents ?? []).map((o) => o.Key!);
    expect(keys.every((k) => k.startsWith(`${APP_ADDRESS}/`))).toBe(true);
    expect(keys.some((k) => /^.+\/\.history\.\d+\.[0-9a-f]+\.state\.json$/.test(k))).toBe(true);
  });
});
