/**
 * Our storage client: against a second independent Gaia-style hub, replication with partial failures,
 * the fastest verifying replica, signed manifests (versions, hashes, rollback/equivocation refusal with a
 * persisted newest-seen cache), the versions prefix, and tampering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { StorageClient, JsonFileSeenStore, makeManifest, decodeJwt, signJwt, publicKeyFromPrivate, addressFromPrivateKey } from '../../bindings/storage/index.ts';
import { MiniHub } from './mini-hub.ts';
import { APP_ADDRESS, APP_KEY, OTHER_KEY, tempDir } from './helpers.ts';

let ours: RunningHub;
let mini: MiniHub;

beforeAll(async () => {
  ours = await startHub({ storageDir: tempDir() });
  mini = await new MiniHub().start();
});
afterAll(async () => {
  await ours.close();
  await mini.close();
});

describe('against an independent minimal hub', () => {
  it('plain, encrypted, signed, sealed, list, delete, If-Match conflicts', async () => {
    const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [mini.url] });
    const r = await c.putFile('a.txt', 'plain', { encrypt: false });
    expect(r.publicURL).toBe(`${mini.url}/files/${APP_ADDRESS}/a.txt`);
    expect(r.version).toBe(1);
    expect(await c.getFile('a.txt', { decrypt: false })).toBe('plain');
    await c.putFile('a.txt', 'plain 2', { encrypt: false });
    expect(await c.getFile('a.txt', { decrypt: false })).toBe('plain 2');
    await c.putFile('e.txt', 'enc');
    expect(await c.getFile('e.txt')).toBe('enc');
    await c.putFile('s.txt', 'sealed', { sign: true });
    expect(await c.getFile('s.txt', { verify: true })).toBe('sealed');
    await c.putFile('p.bin', new Uint8Array([9, 8, 7]), { encrypt: false, sign: true });
    expect(await c.getFile('p.bin', { decrypt: false, verify: true })).toEqual(new Uint8Array([9, 8, 7]));
    const names: string[] = [];
    expect(await c.listFiles((n) => { names.push(n); })).toBe(5);
    expect(names.sort()).toEqual(['a.txt', 'e.txt', 'p.bin', 'p.bin.sig', 's.txt']);
    const all: string[] = [];
    await c.listFiles((n) => { all.push(n); }, { includeInternal: true });
    expect(all).toContain('a.txt.manifest.jwt');
    // a second writer with a stale etag loses
    const other = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [mini.url] });
    await other.getFile('a.txt', { decrypt: false });
    await c.putFile('a.txt', 'c wins', { encrypt: false });
    await expect(other.putFile('a.txt', 'stale', { encrypt: false })).rejects.toMatchObject({ code: 'E_PRECONDITION_FAILED', status: 412 });
    expect(await c.getFile('a.txt', { decrypt: false })).toBe('c wins');
    await c.deleteFile('p.bin', { wasSigned: true });
    await expect(c.getFile('p.bin', { decrypt: false })).rejects.toMatchObject({ code: 'E_DOES_NOT_EXIST' });
    await expect(c.deleteFile('p.bin')).rejects.toMatchObject({ code: 'E_DOES_NOT_EXIST', status: 404 });
  });
});

describe('overwrite by a client that never saw the file', () => {
  it('learns the current etag (HEAD on the read URL) and writes with If-Match, on both hubs', async () => {
    for (const url of [ours.url, mini.url]) {
      const a = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [url] });
      await a.putFile('fresh-overwrite.txt', 'a', { encrypt: false });
      const b = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [url] });
      const r = await b.putFile('fresh-overwrite.txt', 'b', { encrypt: false });
      expect(r.version).toBe(2);
      expect(await a.getFile('fresh-overwrite.txt', { decrypt: false })).toBe('b');
    }
  });
});

describe('reading another user\'s bucket (multi-player)', () => {
  it('verifies the signer against the bucket address parsed from the URL, with manifests', async () => {
    const alice = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [ours.url, mini.url] });
    await alice.putFile('shared.txt', 'hi bob', { encrypt: false, sign: true });
    const bob = new StorageClient({ appPrivateKey: OTHER_KEY, hubUrls: [ours.url] });
    const buckets = [`${ours.url}/read/${APP_ADDRESS}/`, `${mini.url}/files/${APP_ADDRESS}`];
    expect(await bob.getFile('shared.txt', { decrypt: false, verify: true, bucketUrls: buckets })).toBe('hi bob');
    // alice's signed file, .sig and manifest copied into bob's bucket: the signer is not that bucket's owner
    const bobAddress = addressFromPrivateKey(OTHER_KEY);
    for (const f of ['shared.txt', 'shared.txt.sig', 'shared.txt.manifest.jwt']) {
      const src = await ours.hub.driver.performRead({ bucket: APP_ADDRESS, path: f });
      await ours.hub.driver.performWrite({ bucket: bobAddress, path: f, contentType: src!.contentType, body: src!.body });
    }
    const copied = [`${ours.url}/read/${bobAddress}/`];
    await expect(bob.getFile('shared.txt', { decrypt: false, verify: true, bucketUrls: copied })).rejects.toMatchObject({ code: 'E_BAD_MANIFEST' });
    const noManifests = new StorageClient({ appPrivateKey: OTHER_KEY, hubUrls: [ours.url], manifests: false });
    await expect(noManifests.getFile('shared.txt', { decrypt: false, verify: true, bucketUrls: copied })).rejects.toMatchObject({ code: 'E_SIGNATURE_VERIFICATION' });
  });
});

describe('hub policies seen from the client', () => {
  it('client-side size check against max_file_upload_size_megabytes (nothing sent)', async () => {
    const h = await startHub({ storageDir: tempDir(), maxFileUploadSize: 0.001 });
    try {
      const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url] });
      await expect(c.putFile('big', new Uint8Array(2000), { encrypt: false })).rejects.toMatchObject({ code: 'E_PAYLOAD_TOO_LARGE', status: 413 });
      expect((await fetch(`${h.url}/read/${APP_ADDRESS}/big`)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('association token: a hub whitelisting only the identity address accepts the app key', async () => {
    const identityKey = OTHER_KEY;
    const h = await startHub({ storageDir: tempDir(), whitelist: [addressFromPrivateKey(identityKey)] });
    try {
      const plain = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url] });
      await expect(plain.putFile('x', 'x')).rejects.toMatchObject({ status: 401 });
      const now = Date.now() / 1000;
      const associationToken = signJwt({ childToAssociate: publicKeyFromPrivate(APP_KEY), iss: publicKeyFromPrivate(identityKey), exp: now + 3600, iat: now, salt: 'ab' }, identityKey);
      const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url], associationToken });
      await c.putFile('x', 'allowed');
      expect(await c.getFile('x')).toBe('allowed');
    } finally {
      await h.close();
    }
  });
});

describe('replication', () => {
  it('writes every hub, reports partial failures, reads from a replica that verifies', async () => {
    const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [ours.url, mini.url] });
    const r1 = await c.putFile('rep.txt', 'both', { encrypt: false });
    expect(r1.failures).toEqual([]);
    expect(r1.replicas.map((x) => x.ok)).toEqual([true, true]);
    expect(mini.files.get(`${APP_ADDRESS}/rep.txt`)?.body.toString()).toBe('both');
    mini.failWrites = true;
    try {
      const r2 = await c.putFile('rep.txt', 'only ours', { encrypt: false });
      expect(r2.failures.map((f) => f.hub)).toEqual([mini.url]);
      expect(r2.failures[0].error?.status).toBe(503);
      expect(r2.version).toBe(2);
    } finally {
      mini.failWrites = false;
    }
    // the stale replica (version 1) must not win over what this client has seen (version 2)
    mini.delayMs = 0;
    expect(await c.getFile('rep.txt', { decrypt: false })).toBe('only ours');
    // tamper with our hub's copy: the mini hub's copy is still version 1 < 2 → nothing verifies
    const dir = (ours.hub.driver as unknown as { root: string }).root;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, APP_ADDRESS, 'rep.txt'), 'evil!!!!!');
    await expect(c.getFile('rep.txt', { decrypt: false })).rejects.toMatchObject({ code: expect.stringMatching(/E_ROLLBACK|E_MANIFEST_MISMATCH/) });
    // heal: a new write reaches both; then tampering one replica is survived by reading the other
    await c.putFile('rep.txt', 'healed', { encrypt: false, dangerouslyIgnoreEtag: true });
    writeFileSync(join(dir, APP_ADDRESS, 'rep.txt'), 'evil!!');
    mini.delayMs = 50;
    try {
      expect(await c.getFile('rep.txt', { decrypt: false })).toBe('healed');
    } finally {
      mini.delayMs = 0;
    }
  });

  it('all hubs failing → error carrying every failure', async () => {
    const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: ['http://127.0.0.1:9', mini.url] });
    mini.failWrites = true;
    try {
      await expect(c.putFile('x.txt', 'x')).rejects.toMatchObject({ details: { failures: [{ ok: false }, { ok: false }] } });
    } finally {
      mini.failWrites = false;
    }
  });
});

describe('manifests and rollback protection', () => {
  it('manifest claims describe the stored bytes; versions prefix keeps old versions', async () => {
    const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [ours.url] });
    await c.putFile('m.txt', 'one', { encrypt: false, keepVersion: true });
    await c.putFile('m.txt', 'two', { encrypt: false, keepVersion: true });
    const man = await (await fetch(`${ours.url}/read/${APP_ADDRESS}/m.txt.manifest.jwt`)).text();
    const p = decodeJwt(man).payload;
    expect(p).toMatchObject({ path: 'm.txt', version: 2, size: 3 });
    expect(typeof p.prev).toBe('string');
    expect(await (await fetch(`${ours.url}/read/${APP_ADDRESS}/.versions/m.txt/1`)).text()).toBe('one');
    expect(await (await fetch(`${ours.url}/read/${APP_ADDRESS}/.versions/m.txt/2`)).text()).toBe('two');
  });

  it('a replayed older version is refused, also by a new client sharing the persisted cache', async () => {
    const cacheFile = join(tempDir(), 'seen.json');
    const h = await startHub({ storageDir: tempDir() });
    try {
      const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url], seen: new JsonFileSeenStore(cacheFile) });
      await c.putFile('doc', 'v1', { encrypt: false });
      const dir = (h.hub.driver as unknown as { root: string }).root;
      const { readFileSync, writeFileSync, cpSync } = await import('node:fs');
      const snap = tempDir();
      cpSync(dir, snap, { recursive: true });
      await c.putFile('doc', 'v2', { encrypt: false });
      expect(await c.getFile('doc', { decrypt: false })).toBe('v2');
      // the provider rolls back file + manifest (both validly signed, just old)
      for (const f of [`${APP_ADDRESS}/doc`, `${APP_ADDRESS}/doc.manifest.jwt`, `.gaia-metadata/${APP_ADDRESS}/doc`, `.gaia-metadata/${APP_ADDRESS}/doc.manifest.jwt`]) {
        writeFileSync(join(dir, f), readFileSync(join(snap, f)));
      }
      await expect(c.getFile('doc', { decrypt: false })).rejects.toMatchObject({ code: 'E_ROLLBACK' });
      const restarted = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url], seen: new JsonFileSeenStore(cacheFile) });
      await expect(restarted.getFile('doc', { decrypt: false })).rejects.toMatchObject({ code: 'E_ROLLBACK' });
      // the manifest disappears → refused once a manifest was seen for the path
      const { rmSync } = await import('node:fs');
      rmSync(join(dir, APP_ADDRESS, 'doc.manifest.jwt'));
      await expect(restarted.getFile('doc', { decrypt: false })).rejects.toMatchObject({ code: 'E_MANIFEST_MISSING' });
      // a next write continues from the newest seen version, not from the rolled-back one
      const w = await restarted.putFile('doc', 'v3', { encrypt: false, dangerouslyIgnoreEtag: true });
      expect(w.version).toBe(3);
      expect(await restarted.getFile('doc', { decrypt: false })).toBe('v3');
    } finally {
      await h.close();
    }
  });

  it('forged manifest (other key), wrong path, equivocation, and content swap are refused', async () => {
    const h = await startHub({ storageDir: tempDir() });
    try {
      const c = new StorageClient({ appPrivateKey: APP_KEY, hubUrls: [h.url] });
      await c.putFile('f', 'real', { encrypt: false });
      const dir = (h.hub.driver as unknown as { root: string }).root;
      const { writeFileSync } = await import('node:fs');
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const put = (name: string, text: string) => writeFileSync(join(dir, APP_ADDRESS, name), text);
      put('f', 'fake');
      put('f.manifest.jwt', makeManifest(OTHER_KEY, { path: 'f', version: 9, timestamp: 1, size: 4, sha256: sha('fake'), prev: null }));
      await expect(c.getFile('f', { decrypt: false })).rejects.toMatchObject({ code: 'E_BAD_MANIFEST' });
      put('f.manifest.jwt', makeManifest(APP_KEY, { path: 'g', version: 9, timestamp: 1, size: 4, sha256: sha('fake'), prev: null }));
      await expect(c.getFile('f', { decrypt: false })).rejects.toMatchObject({ code: 'E_BAD_MANIFEST' });
      put('f.manifest.jwt', makeManifest(APP_KEY, { path: 'f', version: 1, timestamp: 1, size: 4, sha256: sha('fake'), prev: null }));
      await expect(c.getFile('f', { decrypt: false })).rejects.toMatchObject({ code: 'E_EQUIVOCATION' });
      put('f.manifest.jwt', makeManifest(APP_KEY, { path: 'f', version: 5, timestamp: 1, size: 4, sha256: sha('real'), prev: null }));
      await expect(c.getFile('f', { decrypt: false })).rejects.toMatchObject({ code: 'E_MANIFEST_MISMATCH' });
    } finally {
      await h.close();
    }
  });
});
