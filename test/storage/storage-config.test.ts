/**
 * Storage configuration from a name, end to end on loopback: a v1 API serves a zone file pointing to a
 * profile signed by @stacks/profile (independent signer) that lists two of our hubs; the client built from
 * the name writes both, reports a hub that is down, and reads from a replica that verifies when the other
 * one's bytes are tampered with. Another user reads the app bucket on every replica from the profile alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { signProfileToken, wrapProfileToken } from '@stacks/profile';
import { makeZoneFile, zoneFileHash } from '../../bindings/routing/zonefile/index.ts';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { StorageClient, storageConfigFor, storageConfigFromProfile, publicKeyFromPrivate, StorageError } from '../../bindings/storage/index.ts';
import { startFakeApi, type FakeName } from '../routing/resolver-server.ts';
import { APP_ADDRESS, APP_KEY, OTHER_KEY, tempDir } from './helpers.ts';
import { sharedJson } from '../helpers/shared.ts';

const K = sharedJson('vectors/zonefiles/subdomains.json').keys;
const ORIGIN = 'http://localhost:3000';
const names = new Map<string, FakeName>();
const files = new Map<string, { status: number; body: string }>();
let api: { base: string; close(): Promise<void> };
let hubA: RunningHub;
let hubB: RunningHub;
const dirA = tempDir();
const dirB = tempDir();

function publish(name: string, owner: { privkey_hex: string; address: string }, claim: object) {
  const file = `${name}.json`;
  files.set(file, { status: 200, body: JSON.stringify([wrapProfileToken(signProfileToken(claim, owner.privkey_hex, undefined, undefined, 'ES256K', new Date()))]) });
  const zonefile = makeZoneFile({ $origin: name, $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: `${api.base}/files/${file}` }] }, '{$origin}\n{$ttl}\n{uri}\n');
  names.set(name, { address: owner.address, zonefile, zonefile_hash: zoneFileHash(zonefile) });
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<StorageError> {
  try { await p; } catch (e) { expect(e).toBeInstanceOf(StorageError); expect((e as StorageError).code).toBe(code); return e as StorageError; }
  throw new Error(`expected ${code}`);
}

beforeAll(async () => {
  api = await startFakeApi(names, files);
  hubA = await startHub({ storageDir: dirA });
  hubB = await startHub({ storageDir: dirB });
  const bucket = `${hubA.readUrlPrefix}${APP_ADDRESS}/`;
  publish('alice.id', K.A, {
    '@type': 'Person', '@context': 'http://schema.org', name: 'Alice',
    api: { gaiaHubUrl: hubA.url, gaiaHubUrls: [hubA.url, `${hubB.url}/`], gaiaHubConfig: { url_prefix: hubA.readUrlPrefix } },
    apps: { [ORIGIN]: bucket },
    appsMeta: { [ORIGIN]: { storage: bucket, publicKey: publicKeyFromPrivate(APP_KEY) } },
  });
  publish('nohubs.id', K.B, { '@type': 'Person', name: 'No hubs' });
  publish('split.id', K.B, { '@type': 'Person', apps: { [ORIGIN]: [`${hubA.readUrlPrefix}${APP_ADDRESS}/`, `${hubB.readUrlPrefix}1BoatSLRHtKNngkdXEeobR76b53LETtpyT/`] } });
});
afterAll(async () => {
  await hubA.close();
  await hubB.close();
  await api.close();
});

describe('storageConfigFor', () => {
  it('name → zone file → verified profile → write hubs and the app bucket on every replica', async () => {
    const cfg = await storageConfigFor('alice.id', { api: api.base, appOrigin: ORIGIN });
    expect(cfg).toMatchObject({ name: 'alice.id', owner: K.A.address, profileUrl: `${api.base}/files/alice.id.json`, bucketAddress: APP_ADDRESS, appPublicKey: publicKeyFromPrivate(APP_KEY) });
    expect(cfg.hubUrls).toEqual([hubA.url, hubB.url]);
    expect(cfg.bucketUrls).toEqual([`${hubA.readUrlPrefix}${APP_ADDRESS}/`, `${hubB.readUrlPrefix}${APP_ADDRESS}/`]);
    // without an app: hubs only
    expect((await storageConfigFor('alice.id', { api: api.base })).bucketUrls).toEqual([]);
  });

  it('bad names, tampered profiles and inconsistent configurations are refused with codes', async () => {
    const e = await rejectsWith(storageConfigFor('nobody.id', { api: api.base }), 'E_RESOLVE_FAILED');
    expect(e.details).toEqual({ code: 'E_NAME_NOT_FOUND' });
    const good = files.get('alice.id.json')!.body;
    // an attacker on the profile host swaps a hub in the signed claim
    const t = JSON.parse(good)[0].token.split('.');
    const payload = JSON.parse(Buffer.from(t[1], 'base64url').toString());
    payload.claim.api.gaiaHubUrls = ['http://127.0.0.1:1'];
    files.set('alice.id.json', { status: 200, body: JSON.stringify([{ token: [t[0], Buffer.from(JSON.stringify(payload)).toString('base64url'), t[2]].join('.') }]) });
    try {
      const bad = await rejectsWith(storageConfigFor('alice.id', { api: api.base }), 'E_RESOLVE_FAILED');
      expect(bad.details).toEqual({ code: 'E_PROFILE_BAD_SIGNATURE' });
    } finally {
      files.set('alice.id.json', { status: 200, body: good });
    }
    await rejectsWith(storageConfigFor('split.id', { api: api.base, appOrigin: ORIGIN }), 'E_BAD_STORAGE_CONFIG');
    await rejectsWith(StorageClient.forName('nohubs.id', { api: api.base, appPrivateKey: APP_KEY }), 'E_NO_HUBS');
    expect(() => storageConfigFromProfile({ api: { gaiaHubUrl: 'file:///etc' } })).toThrow(/not http/);
  });

  it('an app key that does not own the published bucket is refused', async () => {
    await rejectsWith(StorageClient.forName('alice.id', { api: api.base, appOrigin: ORIGIN, appPrivateKey: OTHER_KEY }), 'E_BUCKET_MISMATCH');
  });
});

describe('replication over the hubs of the profile', () => {
  it('writes both hubs, reports a hub that is down, reads a replica that verifies', async () => {
    const c = await StorageClient.forName('alice.id', { api: api.base, appOrigin: ORIGIN, appPrivateKey: APP_KEY });
    expect(c.replicas.map((r) => r.hubUrl)).toEqual([hubA.url, hubB.url]);
    const r1 = await c.putFile('notes.txt', 'v1 on both', { encrypt: false });
    expect(r1.failures).toEqual([]);
    expect(r1.replicas.map((x) => [x.hub, x.ok])).toEqual([[hubA.url, true], [hubB.url, true]]);
    for (const d of [dirA, dirB]) expect(readFileSync(join(d, APP_ADDRESS, 'notes.txt'), 'utf8')).toBe('v1 on both');

    // another user reads the bucket from the profile alone (every replica listed there)
    const cfg = await storageConfigFor('alice.id', { api: api.base, appOrigin: ORIGIN });
    const reader = new StorageClient({ appPrivateKey: OTHER_KEY, hubUrls: [hubA.url] });
    expect(await reader.getFile('notes.txt', { decrypt: false, bucketUrls: cfg.bucketUrls, requireManifest: true })).toBe('v1 on both');

    // hub B down: the write lands on A and B is reported
    const portB = Number(new URL(hubB.url).port);
    await hubB.close();
    const r2 = await c.putFile('notes.txt', 'v2 only on A', { encrypt: false });
    expect(r2.version).toBe(2);
    expect(r2.failures.map((f) => [f.hub, f.error?.code])).toEqual([[hubB.url, 'E_HUB_UNREACHABLE']]);
    expect(r2.replicas[0].ok).toBe(true);
    expect(await c.getFile('notes.txt', { decrypt: false })).toBe('v2 only on A');

    // B back (same port, same disk): it holds version 1, which the client refuses (it has seen 2)
    hubB = await startHub({ storageDir: dirB, port: portB });
    writeFileSync(join(dirA, APP_ADDRESS, 'notes.txt'), 'tampered on A');
    await expect(c.getFile('notes.txt', { decrypt: false })).rejects.toMatchObject({ code: expect.stringMatching(/E_ROLLBACK|E_MANIFEST_MISMATCH/) });

    // heal with a write to both, then tamper A's bytes: the read comes from B, which verifies
    const r3 = await c.putFile('notes.txt', 'v3 on both', { encrypt: false, dangerouslyIgnoreEtag: true });
    expect(r3.failures).toEqual([]);
    writeFileSync(join(dirA, APP_ADDRESS, 'notes.txt'), 'tampered on A!');
    expect(await c.getFile('notes.txt', { decrypt: false })).toBe('v3 on both');
    expect(await reader.getFile('notes.txt', { decrypt: false, bucketUrls: cfg.bucketUrls, requireManifest: true })).toBe('v3 on both');
    // and with only the tampered replica, nothing verifies
    await expect(reader.getFile('notes.txt', { decrypt: false, bucketUrls: [cfg.bucketUrls[0]] })).rejects.toMatchObject({ code: 'E_MANIFEST_MISMATCH' });
    expect(existsSync(join(dirB, APP_ADDRESS, 'notes.txt.manifest.jwt'))).toBe(true);
  });
});
