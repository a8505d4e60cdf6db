/**
 * Resolver against a loopback v1 API: good names, tampered zone files, tampered or foreign-signed profiles,
 * stale versions — each rejected with its code. Profiles are signed by @stacks/profile (jsontokens), an
 * independent implementation; our result is cross-checked against @stacks/profile's own resolver.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { signProfileToken, wrapProfileToken, resolveZoneFileToProfile } from '@stacks/profile';
import { resolve, ResolverError, makeZoneFile, zoneFileHash } from '../../bindings/index.ts';
import { startFakeApi, type FakeName } from './resolver-server.ts';
import { c32address, hash160 } from '../../bindings/base/index.ts';
import { sharedJson } from '../helpers/shared.ts';

const K = sharedJson('vectors/zonefiles/subdomains.json').keys;
const names = new Map<string, FakeName>();
const files = new Map<string, { status: number; body: string }>();
let api: { base: string; close(): Promise<void> };

const tokenFile = (claim: object, priv: string, iat = new Date()) =>
  JSON.stringify([wrapProfileToken(signProfileToken(claim, priv, undefined, undefined, 'ES256K', iat))]);
const zf = (name: string, urls: [string, string][]) =>
  makeZoneFile({ $origin: name, $ttl: 3600, uri: urls.map(([n, t]) => ({ name: n, priority: 10, weight: 1, target: t })) }, '{$origin}\n{$ttl}\n{uri}\n');
function addName(name: string, address: string, zonefile: string, extra: Partial<FakeName> = {}) {
  names.set(name, { address, zonefile, zonefile_hash: zoneFileHash(zonefile), ...extra });
}
async function rejects(p: Promise<unknown>, code: string): Promise<ResolverError> {
  try { await p; } catch (e) { expect(e).toBeInstanceOf(ResolverError); expect((e as ResolverError).code).toBe(code); return e as ResolverError; }
  throw new Error(`expected ${code}`);
}

beforeAll(async () => {
  api = await startFakeApi(names, files);
  const B = api.base;
  files.set('alice.json', { status: 200, body: tokenFile({ '@type': 'Person', name: 'Alice' }, K.A.privkey_hex) });
  addName('alice.id', K.A.address, zf('alice.id', [['_http._tcp', `${B}/files/alice.json`]]));
  // tampered zone file: the API serves other bytes under the on-chain hash
  const good = zf('mallory.id', [['_http._tcp', `${B}/files/alice.json`]]);
  names.set('mallory.id', { address: K.A.address, zonefile: good.replace('alice.json', 'evil.json'), zonefile_hash: zoneFileHash(good) });
  // tampered profile: claim edited after signing
  const t = JSON.parse(files.get('alice.json')!.body)[0].token.split('.');
  const payload = JSON.parse(Buffer.from(t[1], 'base64url').toString());
  payload.claim.name = 'Eve';
  files.set('tampered.json', { status: 200, body: JSON.stringify([{ token: [t[0], Buffer.from(JSON.stringify(payload)).toString('base64url'), t[2]].join('.') }]) });
  addName('tampered.id', K.A.address, zf('tampered.id', [['_http._tcp', `${B}/files/tampered.json`]]));
  // signed by B but owned by A
  files.set('foreign.json', { status: 200, body: tokenFile({ name: 'B' }, K.B.privkey_hex) });
  addName('foreign.id', K.A.address, zf('foreign.id', [['_http._tcp', `${B}/files/foreign.json`]]));
  // fall back from a failing _http._tcp URL to _https._tcp
  addName('fallback.id', K.A.address, zf('fallback.id', [['_http._tcp', `${B}/files/missing.json`], ['_https._tcp', `${B}/files/alice.json`]]));
  // zone file not inline: fetched by hash (raw)
  const raw = zf('raw.id', [['_http._tcp', `${B}/files/alice.json`]]);
  names.set('raw.id', { address: K.A.address, zonefile: null, zonefile_hash: zoneFileHash(raw), raw });
  addName('legacy.id', K.A.address, '{"name":{"formatted":"Legacy"},"v":"0.2"}');
  addName('junk.id', K.A.address, 'not a ( zone file');
  addName('revoked.id', K.A.address, zf('revoked.id', []), { status: 'revoked' });
  addName('nourl.id', K.A.address, zf('nourl.id', [['_file', 'file:///x']]));
  // Stacks API variant: owner as a c32 address; a subdomain served like a name
  addName('stacks.id', c32address(22, hash160(Buffer.from(K.A.pubkey_hex, 'hex'))), zf('stacks.id', [['_http._tcp', `${B}/files/alice.json`]]));
  addName('wrongc32.id', c32address(22, hash160(Buffer.from(K.B.pubkey_hex, 'hex'))), zf('wrongc32.id', [['_http._tcp', `${B}/files/alice.json`]]));
  addName('sub.alice.id', K.A.address, '$ORIGIN sub\n$TTL 3600\n_http._tcp URI 10 1 "' + `${B}/files/alice.json` + '"\n', { status: 'registered_subdomain' });
});
afterAll(async () => { await api?.close(); });

describe('resolve', () => {
  it('name → zone file → profile, verified against the owner', async () => {
    const r = await resolve('alice.id', { api: api.base });
    expect(r.verified).toBe(true);
    expect(r.profile).toEqual({ '@type': 'Person', name: 'Alice' });
    expect(r.urls[0]).toMatchObject({ service: '_http._tcp' });
    // same profile as @stacks/profile's own resolver (verifying with the issuer key)
    const theirs = await resolveZoneFileToProfile({ zoneFile: r.zonefile, publicKeyOrAddress: K.A.pubkey_hex });
    expect(theirs).toEqual(r.profile);
  });
  it('tampered zone file → E_ZONEFILE_HASH_MISMATCH', async () => {
    const e = await rejects(resolve('mallory.id', { api: api.base }), 'E_ZONEFILE_HASH_MISMATCH');
    expect(e.message).toMatch(/hashes to [0-9a-f]{40}, but the record says/);
  });
  it('tampered profile → E_PROFILE_BAD_SIGNATURE', () => rejects(resolve('tampered.id', { api: api.base }), 'E_PROFILE_BAD_SIGNATURE'));
  it('profile signed by another key → E_PROFILE_SIGNER_MISMATCH', () => rejects(resolve('foreign.id', { api: api.base }), 'E_PROFILE_SIGNER_MISMATCH'));
  it('stale version → E_STALE_PROFILE', async () => {
    const seen = new Map<string, { iat: number }>();
    files.set('v.json', { status: 200, body: tokenFile({ v: 2 }, K.A.privkey_hex, new Date('2026-06-01T00:00:00Z')) });
    addName('versioned.id', K.A.address, zf('versioned.id', [['_http._tcp', `${api.base}/files/v.json`]]));
    expect((await resolve('versioned.id', { api: api.base, seen })).profile).toEqual({ v: 2 });
    files.set('v.json', { status: 200, body: tokenFile({ v: 1 }, K.A.privkey_hex, new Date('2026-01-01T00:00:00Z')) });
    const e = await rejects(resolve('versioned.id', { api: api.base, seen }), 'E_STALE_PROFILE');
    expect(e.message).toMatch(/older than the last seen/);
    await rejects(resolve('alice.id', { api: api.base, minIssuedAt: Date.now() + 86_400_000 }), 'E_STALE_PROFILE');
  });
  it('falls back to the next URL; fetches a zone file by hash; legacy JSON', async () => {
    expect((await resolve('fallback.id', { api: api.base })).profile).toMatchObject({ name: 'Alice' });
    expect((await resolve('raw.id', { api: api.base })).verified).toBe(true);
    const l = await resolve('legacy.id', { api: api.base });
    expect(l.legacy).toBe(true);
    expect(l.profile).toEqual({ name: { formatted: 'Legacy' }, v: '0.2' });
  });
  it('Stacks API (c32 owner) and subdomains resolve the same way', async () => {
    expect((await resolve('stacks.id', { api: api.base })).profile).toMatchObject({ name: 'Alice' });
    await rejects(resolve('wrongc32.id', { api: api.base }), 'E_PROFILE_SIGNER_MISMATCH');
    const s = await resolve('sub.alice.id', { api: api.base });
    expect(s.verified).toBe(true);
    expect(s.zonefileJson!.$origin).toBe('sub');
  });
  it('other rejections', async () => {
    await rejects(resolve('nobody.id', { api: api.base }), 'E_NAME_NOT_FOUND');
    await rejects(resolve('junk.id', { api: api.base }), 'E_ZONEFILE_NON_STANDARD');
    await rejects(resolve('revoked.id', { api: api.base }), 'E_NAME_REVOKED');
    await rejects(resolve('nourl.id', { api: api.base }), 'E_NO_PROFILE_URL');
    await rejects(resolve('BAD NAME', { api: api.base }), 'E_INVALID_NAME');
    await rejects(resolve('alice.id', { api: 'http://127.0.0.1:1' }), 'E_API_ERROR');
  });
});
