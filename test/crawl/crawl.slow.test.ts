// The crawler end to end on loopback: 2,000 users imported on the devnet (NAME_IMPORTs, 500 per block), each
// with a zone file and a signed profile on a loopback hub, every 5th with microblog files; one pass indexes
// them; people search (exact, prefix, one typo, linked account), conditional GETs, tampered / stale profiles,
// an on-chain update re-crawled, app stats and karma, the CLI, and SSRF attempts through the crawl itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signProfileToken, wrapProfileToken } from '../../bindings/auth/profile-token.ts';
import { main } from '../../bindings/cli/main.ts';
import { updateUser } from '../../bindings/crawl/gen/chain.ts';
import { profileOf, writeUserFiles, zonefileOf, type GenUser } from '../../bindings/crawl/gen/users.ts';
import type { CrawlService } from '../../bindings/crawl/service.ts';
import type { BlockstackNode } from '../../bindings/node/node.ts';
import type { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import type { RunningHub } from '../../bindings/storage/hub/server.ts';
import { startCrawlDevnet, type CrawlDevnet } from '../helpers/crawl-devnet.ts';

const N = 2000;
const NS = 'crawl';
const ORIGIN = 'http://microblog.local';
let w: CrawlDevnet;
let driver: DiskDriver, hub: RunningHub, node: BlockstackNode, crawl: CrawlService, users: GenUser[];
let evil: Server;
let evilUrl = '';
const enc = new TextEncoder();

const get = async (p: string) => { const r = await fetch(node.apiUrl + p); return { status: r.status, body: await r.json().catch(() => null) as any }; };
const search = async (q: string) => (await get(`/v1/search?query=${encodeURIComponent(q)}`)).body.results as { fullyQualifiedName: string; username: string; profile: any }[];
const names = (rs: { fullyQualifiedName: string }[]) => rs.map((r) => r.fullyQualifiedName);
const chainUser = (u: GenUser, zf?: string) => w.chainUser(u, zf);

describe('crawler over 2,000 devnet users', () => {
  beforeAll(async () => {
    evil = createServer((req, res) => {
      if (req.url === '/to-metadata') { res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }); return res.end(); }
      if (req.url === '/to-private') { res.writeHead(307, { location: 'http://10.1.2.3/profile.json' }); return res.end(); }
      if (req.url === '/huge') { res.writeHead(200, { 'content-type': 'application/json' }); res.write('['); const chunk = '"' + 'x'.repeat(64 * 1024) + '",'; for (let i = 0; i < 8; i++) res.write(chunk); return res.end('""]'); }
      if (req.url === '/html') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end('<html></html>'); }
      res.writeHead(404); res.end();
    });
    await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    w = await startCrawlDevnet({ users: N, namespace: NS, origin: ORIGIN, microblogEvery: 5, perBlock: 500, crawl: { revisitMs: 0, concurrency: 64 } });
    ({ driver, hub, node, crawl, users } = w);
  }, 240_000);
  afterAll(async () => {
    await w?.stop();
    evil?.close();
  });

  it('indexes every user in one pass, then revisits with conditional GETs (304s)', async () => {
    const t0 = performance.now();
    const r = await crawl.crawler.pass();
    const ms = performance.now() - t0;
    expect(r.outcomes.indexed).toBe(N);
    expect(r.outcomes.rejected + r.outcomes.error).toBe(0);
    expect((await get('/v1/crawl/status')).body.people).toBe(N);
    console.log(`crawled ${N} profiles in ${ms.toFixed(0)} ms (${(N / ms * 1000).toFixed(0)} profiles/s, with microblog files for ${N / 5})`);
    const again = await crawl.crawler.pass();
    expect(again.outcomes.unchanged).toBe(N);
    expect(again.outcomes.indexed).toBe(0);
  }, 180_000);

  it('search: Core result shape; exact, prefix, one-typo and linked-account matches', async () => {
    const exact = await search('user1234.crawl');
    expect(Object.keys(exact[0]).sort()).toEqual(['fullyQualifiedName', 'profile', 'username']);
    expect(exact[0]).toMatchObject({ fullyQualifiedName: 'user1234.crawl', username: 'user1234' });
    expect(exact[0].profile.name).toBe(users[1234].displayName);
    expect(names(await search('user77'))[0]).toBe('user77.crawl');
    // prefix of a display-name word and of a name
    const pre = await search('lovela');
    expect(pre.length).toBeGreaterThan(0);
    for (const r of pre) expect(r.profile.name.toLowerCase()).toContain('lovelace');
    expect(names(await search('user199'))).toContain('user1999.crawl');
    // one typo: deletion, insertion, substitution, transposition
    for (const q of ['lovlace', 'loveglace', 'lovelacy', 'lovealce']) {
      const rs = await search(q);
      expect(rs.length, q).toBeGreaterThan(0);
      for (const r of rs) expect(r.profile.name.toLowerCase(), q).toContain('lovelace');
    }
    expect(names(await search('user1235 nakamoto'))).toEqual(users[1235].displayName.includes('Nakamoto') ? ['user1235.crawl'] : []);
    // linked account (twitter identifier) and description
    const u = users[321];
    expect(names(await search(u.twitter))).toContain(u.name);
    const d = await search('cryptographer');
    expect(d.length).toBeGreaterThan(0);
    expect(d[0].profile.description).toContain('cryptographer');
    expect(await search('qqqqzzzz')).toEqual([]);
    expect((await get('/v1/search')).status).toBe(400);
    expect((await get(`/v1/search?query=${'a'.repeat(300)}`)).status).toBe(400);
  });

  it('app stats and karma from the microblog follow lists', async () => {
    const s = (await get(`/v1/apps/${encodeURIComponent('microblog.local')}/stats`)).body;
    expect(s.users).toBe(N / 5);
    expect(s.posts).toBe(N / 5);
    expect(s.newUsersPerDay.reduce((a: number, x: any) => a + x.users, 0)).toBe(N / 5);
    const expected = (name: string) => users.filter((u) => u.follows.includes(name)).length;
    for (const i of [10, 15, 500]) {
      const k = (await get(`/v1/names/${users[i].name}/karma`)).body;
      expect(k.followers, users[i].name).toBe(expected(users[i].name));
      expect(k.followers).toBeGreaterThan(0);
    }
    expect((await get(`/v1/names/${users[0].name}/karma`)).body.following).toBe(users[0].follows.length);
    expect((await get('/v1/names/nobody.crawl/karma')).status).toBe(404);
  });

  it('a tampered or stale profile is not indexed; a tampered app file is not counted', async () => {
    const [forged, tampered, stale, badFollows] = [users[3], users[4], users[6], users[20]];
    // forged: signed by a key that does not own the name
    const other = users[1999];
    const forgedTok = signProfileToken({ ...profileOf(forged, hub.readUrlPrefix, ORIGIN), description: 'forgedword' }, other.ownerKey);
    await driver.performWrite({ bucket: forged.ownerAddress, path: 'profile.json', contentType: 'application/json', body: enc.encode(JSON.stringify([wrapProfileToken(forgedTok)])) });
    // tampered: payload changed after signing
    const tok = signProfileToken(profileOf(tampered, hub.readUrlPrefix, ORIGIN), tampered.ownerKey).split('.');
    const payload = JSON.parse(Buffer.from(tok[1], 'base64url').toString());
    payload.claim.description = 'tamperedword';
    tok[1] = Buffer.from(JSON.stringify(payload)).toString('base64url');
    await driver.performWrite({ bucket: tampered.ownerAddress, path: 'profile.json', contentType: 'application/json', body: enc.encode(JSON.stringify([{ token: tok.join('.') }])) });
    // stale: validly signed, but issued before the indexed one
    await writeUserFiles(driver, stale, hub.readUrlPrefix, ORIGIN, { issuedAt: new Date(Date.now() - 86400_000), profile: { ...profileOf(stale, hub.readUrlPrefix, ORIGIN), description: 'staleword' } });
    // follows.json changed after it was signed
    await driver.performWrite({ bucket: badFollows.appAddress, path: 'microblog/follows.json', contentType: 'application/json', body: enc.encode(JSON.stringify({ version: 1, follows: ['user1.crawl'] })) });
    const before = (await get('/v1/names/user1.crawl/karma')).body.followers;
    const r = await crawl.crawler.pass();
    expect(r.outcomes.rejected).toBe(2);
    expect(r.outcomes.stale).toBe(1);
    for (const w of ['forgedword', 'tamperedword', 'staleword']) expect(await search(w), w).toEqual([]);
    expect(names(await search(forged.name))).not.toContain(forged.name);
    expect(names(await search(tampered.name))).not.toContain(tampered.name);
    expect((await search(stale.name))[0].profile.description).toBe(stale.description);
    expect((await get(`/v1/names/${forged.name}/karma`)).body.crawl).toMatchObject({ status: 'rejected', reason: 'profile_signer_mismatch' });
    expect((await get(`/v1/names/${tampered.name}/karma`)).body.crawl).toMatchObject({ status: 'rejected', reason: 'profile_bad_signature' });
    expect((await get(`/v1/names/${badFollows.name}/karma`)).body.following).toBe(0);
    expect((await get('/v1/names/user1.crawl/karma')).body.followers).toBe(before);
    const m = await fetch(node.apiUrl + '/metrics').then((x) => x.text());
    expect(m).toMatch(/blockstack_crawl_rejected_total\{reason="app_signature"\} [1-9]/);
    expect(m).toMatch(/blockstack_crawl_rejected_total\{reason="stale"\} [1-9]/);
  }, 60_000);

  it('an on-chain zone-file update is re-crawled and the old text disappears', async () => {
    const u = users[8];
    const oldHandle = u.twitter;
    expect(names(await search(oldHandle))).toContain(u.name);
    const profile = { '@type': 'Person', name: 'Zebracorn Keeper', description: 'keeps zebracorns' };
    const tokenFile = JSON.stringify([wrapProfileToken(signProfileToken(profile, u.ownerKey))]);
    await driver.performWrite({ bucket: u.ownerAddress, path: 'profile-v2.json', contentType: 'application/json', body: enc.encode(tokenFile) });
    await updateUser(node, chainUser(u, zonefileOf(u.name, `${hub.readUrlPrefix}${u.ownerAddress}/profile-v2.json`)));
    const r = await crawl.crawler.pass();
    expect(r.outcomes.indexed).toBeGreaterThanOrEqual(1);
    expect(names(await search('zebracorn'))).toEqual([u.name]);
    expect(names(await search(oldHandle))).not.toContain(u.name);
    expect((await search(u.name))[0].profile.name).toBe('Zebracorn Keeper');
  }, 60_000);

  it('SSRF: private addresses, redirects to them, oversized bodies and wrong types are refused and counted', async () => {
    const cases: [GenUser, string, string][] = [
      [users[11], 'http://10.0.0.7/profile.json', 'refused_private_address'],
      [users[12], `${evilUrl}/to-metadata`, 'refused_private_address'],
      [users[13], `${evilUrl}/to-private`, 'refused_private_address'],
      [users[14], `${evilUrl}/huge`, 'refused_too_large'],
      [users[16], `${evilUrl}/html`, 'refused_content_type'],
      [users[17], 'http://[fd00::1]/p.json', 'refused_private_address'],
      [users[18], 'http://169.254.169.254/latest/meta-data/', 'refused_private_address'],
    ];
    for (const [u, url] of cases) await updateUser(node, chainUser(u, zonefileOf(u.name, url)));
    await crawl.crawler.pass();
    for (const [u, , reason] of cases) {
      expect((await get(`/v1/names/${u.name}/karma`)).body.crawl, u.name).toMatchObject({ status: 'rejected', reason });
      expect(names(await search(u.name))).not.toContain(u.name);
    }
    const m = await fetch(node.apiUrl + '/metrics').then((x) => x.text());
    expect(Number(/blockstack_crawl_refused_total\{reason="private_address"\} (\d+)/.exec(m)?.[1])).toBeGreaterThanOrEqual(5);
    expect(m).toMatch(/blockstack_crawl_refused_total\{reason="too_large"\} [1-9]/);
    expect(m).toMatch(/blockstack_crawl_refused_total\{reason="content_type"\} [1-9]/);
  }, 60_000);

  it('CLI: blockstack search / crawl status / stats / karma against the node', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: unknown) => { lines.push(String(s)); });
    try {
      expect(await main(['node', 'blockstack', 'search', 'user42', '--api', node.apiUrl, '--json'])).toBe(0);
      expect(JSON.parse(lines.pop()!).results[0].fullyQualifiedName).toBe('user42.crawl');
      expect(await main(['node', 'blockstack', 'search', 'user42', '--api', node.apiUrl])).toBe(0);
      expect(lines.pop()).toMatch(/^user42\.crawl/);
      expect(await main(['node', 'blockstack', 'crawl', 'status', '--api', node.apiUrl])).toBe(0);
      expect(lines.pop()).toMatch(/people indexed \(sqlite\)/);
      expect(await main(['node', 'blockstack', 'crawl', 'stats', 'microblog.local', '--api', node.apiUrl])).toBe(0);
      expect(lines.pop()).toMatch(/^microblog\.local: \d+ users/);
      expect(await main(['node', 'blockstack', 'crawl', 'karma', 'user10.crawl', '--api', node.apiUrl, '--json'])).toBe(0);
      expect(JSON.parse(lines.pop()!).followers).toBeGreaterThan(0);
    } finally { spy.mockRestore(); }
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try { expect(await main(['node', 'blockstack', 'crawl', 'karma', 'nobody.crawl', '--api', node.apiUrl])).toBe(4); } finally { err.mockRestore(); }
  });
});
