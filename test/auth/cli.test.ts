// The CLI end to end on loopback: `setup --devnet`, `profile publish`, `auth --yes`, `apps list/discover/
// send/read/revoke` against a real hub and a name API; alice sends bob an encrypted, signed file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';
import { makeZoneFile } from '../../bindings/routing/zonefile/index.ts';
import { devnetIdentities } from '../../bindings/wallet/index.ts';
import { makeAuthRequest, openAuthResponse } from '../../bindings/auth/index.ts';

const BIN = fileURLToPath(new URL('../../bin/blockstack.js', import.meta.url));
const ORIGIN = 'http://localhost:8080';
let hub: RunningHub;
let dir: string;
let api = '';
let server: { close(cb?: () => void): void };

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, ...(args[0] === 'setup' ? [] : ['--hub', hub.url, '--api', api])], {
      env: { ...process.env, BLOCKSTACK_HOME: dir, BLOCKSTACK_PASSWORD: 'devnet' },
    }, (e, out, err) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'auth-cli-'));
  hub = await startHub({ storageDir: join(dir, 'hub'), port: 0 });
  const owners = new Map(devnetIdentities().map((i) => [i.name, i.ownerAddress]));
  const app = new Hono();
  app.get('/v1/names/:name', (c) => {
    const owner = owners.get(c.req.param('name'));
    if (!owner) return c.json({ status: 'available' }, 404);
    const target = `${hub.readUrlPrefix}${owner}/profile.json`;
    return c.json({ address: owner, zonefile: makeZoneFile({ $origin: c.req.param('name'), $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target }] }) });
  });
  api = await new Promise((r) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (i: AddressInfo) => r(`http://127.0.0.1:${i.port}`));
  });
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('blockstack setup / auth / apps', () => {
  it('runs the whole flow', async () => {
    const setup = await cli(['setup', '--devnet', '--json']);
    expect(setup.code, setup.err).toBe(0);
    // setup also writes the node's config file (issue 6), and the node loads it
    expect(JSON.parse(setup.out).config).toBe(join(dir, 'config.json'));
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).chain.source).toBe('devnet');
    const again = await cli(['setup', '--devnet']);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/E_WALLET_EXISTS/);
    for (const n of ['alice.id', 'bob.id']) {
      const r = await cli(['profile', 'publish', '--name', n]);
      expect(r.code, r.err).toBe(0);
    }

    const transit = 'ab'.repeat(32);
    for (const n of ['alice.id', 'bob.id']) {
      const req = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN, scopes: ['store_write', 'publish_data'] });
      const r = await cli(['auth', req, '--name', n, '--yes', '--json']);
      expect(r.code, r.err).toBe(0);
      const out = JSON.parse(r.out);
      expect(out.redirectUrl.startsWith(`${ORIGIN}/?authResponse=`)).toBe(true);
      expect(openAuthResponse(out.authResponse, transit).payload.username).toBe(n);
    }
    const list = JSON.parse((await cli(['apps', 'list', '--json'])).out);
    expect(list.map((g: { name: string }) => g.name).sort()).toEqual(['alice.id', 'bob.id']);

    const disc = JSON.parse((await cli(['apps', 'discover', 'bob.id', ORIGIN, '--json'])).out);
    expect(disc.appPublicKey).toMatch(/^0[23][0-9a-f]{64}$/);
    const sent = await cli(['apps', 'send', 'msg.json', 'hi bob', '--name', 'alice.id', '--origin', ORIGIN, '--to', 'bob.id']);
    expect(sent.code, sent.err).toBe(0);
    const read = await cli(['apps', 'read', 'alice.id', ORIGIN, 'msg.json', '--as', 'bob.id']);
    expect(read.code, read.err).toBe(0);
    expect(read.out.trim()).toBe('hi bob');
    const wrong = await cli(['apps', 'read', 'alice.id', ORIGIN, 'msg.json', '--as', 'carol.id']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toMatch(/E_DECRYPT_FAILED/);

    const expired = makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN, nowSec: 1e9, expiresAtSec: 1e9 + 60 });
    const ex = await cli(['auth', expired, '--name', 'alice.id', '--yes']);
    expect(ex.code).not.toBe(0);
    expect(ex.err).toMatch(/E_AUTH_REQUEST_EXPIRED/);
    const unknown = await cli(['auth', makeAuthRequest({ transitPrivateKey: transit, appDomain: ORIGIN }), '--name', 'zed.id', '--yes']);
    expect(unknown.err).toMatch(/E_UNKNOWN_NAME/);

    expect((await cli(['apps', 'revoke', ORIGIN, '--name', 'alice.id'])).code).toBe(0);
    expect(JSON.parse((await cli(['apps', 'list', '--json', '--name', 'alice.id'])).out)).toEqual([]);
    const gone = await cli(['apps', 'discover', 'alice.id', ORIGIN]);
    expect(gone.err).toMatch(/E_APP_NOT_FOUND/);
  });
});
