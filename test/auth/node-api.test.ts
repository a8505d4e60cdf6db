// The authenticator mounted into the node's API app (api/app.ts `mounts`), over a NameView of the devnet
// names: unmodified @stacks clients all the way — sign-in, lookupProfile through `/stacks/v1/names`, and a
// multi-player @stacks/storage getFile (username + verify + decrypt) reading alice's file for bob.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { UserSession, AppConfig, lookupProfile } from '@stacks/auth';
import { Storage } from '@stacks/storage';
import { createApp } from '../../bindings/api/app.ts';
import type { NameInfo, NameView } from '../../bindings/api/view.ts';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { zoneFileHash } from '../../bindings/routing/zonefile/index.ts';
import { discoverAppKey, clearDiscoveryCache } from '../../bindings/auth/index.ts';
import { createAuthenticator, type Authenticator } from '../../bindings/authenticator/index.ts';
import { hash160, compressPublicKey, bytesToHex } from '../../bindings/auth/keys.ts';

const ORIGIN = 'http://localhost:4173';
let hub: RunningHub;
let dir: string;
let api = '';
let auth: Authenticator;
const servers: { close(cb?: () => void): void }[] = [];

function viewOf(a: Authenticator, zonefiles: Map<string, string>): NameView {
  const name = (fqn: string): NameInfo | null => {
    const rec = a.wallet.find(fqn);
    const zf = zonefiles.get(fqn);
    if (!rec || !zf) return null;
    return {
      name: fqn, address: rec.identityAddress, addressHash: bytesToHex(hash160(compressPublicKey(rec.dataPublicKey))), addressType: 'p2pkh',
      status: 'registered', expired: false, expireBlock: -1, renewalDeadline: -1, gracePeriod: false, lastTxid: '00'.repeat(32),
      zonefileHash: zoneFileHash(zf), zonefile: new TextEncoder().encode(zf),
    };
  };
  const none = () => null;
  return {
    info: () => ({ consensus: null, firstBlock: 0, lastBlockProcessed: 0, lastBlockSeen: 0, indexing: false, testnet: true, zonefileCount: zonefiles.size, serverVersion: 'test' }),
    name, names: () => [...zonefiles.keys()], nameHistory: none, nameZonefileHashes: none, namespaces: () => ['id'], namespace: none,
    namespaceNames: none, namesOwnedBy: () => [], consensusAt: none, blockOfConsensus: none, nameCount: () => zonefiles.size,
    priceName: none, priceNamespace: none, zonefile: none,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auth-node-api-'));
  hub = await startHub({ storageDir: dir, port: 0 });
  const zonefiles = new Map<string, string>();
  const holder = new Hono();
  api = await new Promise((r) => {
    servers.push(serve({ fetch: (req, env) => holder.fetch(req, env), port: 0, hostname: '127.0.0.1' }, (i: AddressInfo) => r(`http://127.0.0.1:${i.port}`)));
  });
  auth = await createAuthenticator({ devnet: true, hubUrl: hub.url, apiUrl: api, autoApprove: 'alice.id' });
  const bobAuth = await createAuthenticator({ wallet: auth.wallet, hubUrl: hub.url, apiUrl: api, autoApprove: 'bob.id' });
  for (const [n, p] of await auth.publishProfiles(['alice.id', 'bob.id'])) zonefiles.set(n, p.zonefile);
  const app = createApp(viewOf(auth, zonefiles), { mounts: [{ path: '/', app: auth.routes }, { path: '/bob', app: bobAuth.routes }] });
  holder.route('/', app);
});

afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(prefix: string): Promise<UserSession> {
  const session = new UserSession({ appConfig: new AppConfig(['store_write', 'publish_data'], ORIGIN, '/', '/manifest.json', api) });
  const res = await fetch(`${api}${prefix}/auth?authRequest=${session.makeAuthRequestToken()}`, { headers: { Accept: 'application/json' } });
  expect(res.status).toBe(200);
  await session.handlePendingSignIn(((await res.json()) as { authResponse: string }).authResponse);
  return session;
}

describe('authenticator inside the node API app', () => {
  it('lookupProfile (@stacks/auth) through /stacks/v1/names returns our verified profile', async () => {
    const p = await lookupProfile({ username: 'alice.id', zoneFileLookupURL: `${api}/stacks/v1/names` });
    expect(p).toMatchObject({ '@type': 'Person' });
    await expect(lookupProfile({ username: 'nobody.id', zoneFileLookupURL: `${api}/stacks/v1/names` })).rejects.toThrow();
  });

  it('two @stacks sessions share a signed, encrypted file; bob reads it with multi-player getFile', async () => {
    clearDiscoveryCache();
    const alice = await signIn('');
    const bob = await signIn('/bob');
    const bobKey = await discoverAppKey('bob.id', ORIGIN, { apiUrl: api });
    expect(bobKey.owner).toBe(auth.wallet.find('bob.id')!.identityAddress);
    await new Storage({ userSession: alice }).putFile('to-bob.txt', 'via the node', { encrypt: bobKey.appPublicKey!, sign: true });
    const got = await new Storage({ userSession: bob }).getFile('to-bob.txt', {
      username: 'alice.id', app: ORIGIN, zoneFileLookupURL: `${api}/stacks/v1/names`, decrypt: true, verify: true,
    });
    expect(got).toBe('via the node');
  });
});
