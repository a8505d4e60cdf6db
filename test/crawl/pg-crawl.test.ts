// The crawler's own state on both engines (the CrawlStore contract on SQLite and on a throwaway PostgreSQL
// database), then the crawler of a node running on PostgreSQL with a read-only API process beside it (a real
// `blockstack api serve --read-only` child): the crawl state and the people index live in PostgreSQL, and the
// reader answers search, app stats and karma from what the writer's crawler filled, follows an update, and
// refuses to crawl.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlDb, type CrawlStore, type NameState } from '../../bindings/crawl/db.ts';
import { PgCrawlStore } from '../../bindings/crawl/db-pg.ts';
import { updateUser } from '../../bindings/crawl/gen/chain.ts';
import { signProfileToken, wrapProfileToken } from '../../bindings/auth/profile-token.ts';
import { zonefileOf, type GenUser } from '../../bindings/crawl/gen/users.ts';
import type { CrawlService } from '../../bindings/crawl/service.ts';
import type { BlockstackNode } from '../../bindings/node/node.ts';
import type { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import type { RunningHub } from '../../bindings/storage/hub/server.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';
import { startCrawlDevnet, type CrawlDevnet } from '../helpers/crawl-devnet.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/blockstack.js');

const stateOf = (name: string, o: Partial<NameState> = {}): NameState => ({
  name, address: '1Owner', zonefile_hash: 'ab'.repeat(20), profile_url: `http://h/${name}`, etag: '"e1"', iat: 1_764_000_000_123, status: 'indexed', reason: null,
  fails: 0, next_at: 1_764_000_600_000, checked_at: 1_764_000_000_000, pass: 1, apps: '{"https://a.example":"http://h/b/"}', ...o,
});

describe.each(['sqlite', 'postgres'])('crawl state on %s', (engine) => {
  let store: CrawlStore;
  let pgdb: TestDatabase | null = null;
  let pool: pg.Pool | null = null;
  beforeAll(async () => {
    if (engine === 'sqlite') { store = new CrawlDb(':memory:'); return; }
    pgdb = await createTestDatabase('bsk_crawlstate');
    pool = new pg.Pool({ connectionString: pgdb.url, max: 4 });
    pool.on('error', () => {}); // an idle client's lost connection surfaces on the next query
    store = new PgCrawlStore(pool);
  }, 60_000);
  afterAll(async () => { await store.close(); await pool?.end(); await pgdb?.drop(); });

  it('per-name state round-trips (millisecond times included) and is read back before and after the batch is written', async () => {
    store.hold();
    await store.putState(stateOf('alice.id'));
    await store.putState(stateOf('bob.id', { status: 'rejected', reason: 'profile_bad_signature', etag: null, iat: null, apps: null, fails: 2 }));
    store.release();
    expect(await store.state('alice.id')).toEqual(stateOf('alice.id'));
    await store.commit();
    expect(await store.state('alice.id')).toEqual(stateOf('alice.id'));
    expect(await store.state('bob.id')).toMatchObject({ status: 'rejected', reason: 'profile_bad_signature', iat: null, fails: 2 });
    expect(await store.state('nobody.id')).toBeNull();
    await store.putState(stateOf('alice.id', { etag: '"e2"', pass: 2 }));
    await store.commit();
    expect((await store.state('alice.id'))!.etag).toBe('"e2"');
    expect(await store.counts()).toEqual({ indexed: 1, rejected: 1 });
  });

  it('pass marks: names not seen in a pass are listed as gone, and forget drops everything of a name', async () => {
    await store.putState(stateOf('carol.id', { pass: 1 }));
    await store.touch('alice.id', 3);
    await store.putState(stateOf('dave.id', { pass: 3 }));
    await store.commit();
    expect((await store.gone(3)).sort()).toEqual(['bob.id', 'carol.id']);
    await store.setFollows('carol.id', ['alice.id']);
    await store.forget('carol.id');
    await store.forget('bob.id');
    expect(await store.gone(3)).toEqual([]);
    expect(await store.state('carol.id')).toBeNull();
    expect((await store.karma('alice.id')).followers).toBe(0);
  });

  it('apps, posts, follows, file ETags → app stats and karma; clearUser forgets what a profile claimed', async () => {
    await store.setApps('alice.id', new Map([['a.example', '2026-01-02'], ['b.example', '2026-01-02']]));
    await store.setApps('dave.id', new Map([['a.example', '2026-01-01']]));
    await store.setApps('alice.id', new Map([['a.example', '2026-01-03']])); // b dropped, first day kept
    await store.setPosts('alice.id', 'a.example', 3);
    await store.setFollows('dave.id', ['alice.id', 'dave.id', 'erin.id']);
    await store.setFileEtag('alice.id', 'http://h/b/posts.json', '"p1"');
    expect(await store.fileEtag('alice.id', 'http://h/b/posts.json')).toBe('"p1"');
    expect(await store.appStats('a.example')).toEqual({ app: 'a.example', users: 2, posts: 3, newUsersPerDay: [{ day: '2026-01-01', users: 1 }, { day: '2026-01-02', users: 1 }] });
    expect(await store.appStats('b.example')).toMatchObject({ users: 0, posts: 0 });
    expect(await store.karma('alice.id')).toEqual({ name: 'alice.id', followers: 1, following: 0, apps: ['a.example'], posts: 3 });
    expect(await store.karma('dave.id')).toMatchObject({ followers: 0, following: 2 });
    await store.clearUser('alice.id');
    expect(await store.fileEtag('alice.id', 'http://h/b/posts.json')).toBeNull();
    expect(await store.karma('alice.id')).toEqual({ name: 'alice.id', followers: 1, following: 0, apps: [], posts: 0 });
    await store.setMeta('pass', '7');
    expect(await store.meta('pass')).toBe('7');
  });

  if (engine === 'postgres') {
    it('a read-only store reads the same state and refuses every write', async () => {
      const ro = new PgCrawlStore(pool!, { readOnly: true });
      expect(await ro.state('dave.id')).toEqual(await store.state('dave.id'));
      expect(await ro.karma('dave.id')).toEqual(await store.karma('dave.id'));
      await expect(ro.putState(stateOf('x.id'))).rejects.toThrow(/E_CRAWL_READ_ONLY/);
      await expect(ro.setFollows('x.id', [])).rejects.toThrow(/E_CRAWL_READ_ONLY/);
      await expect(ro.setMeta('pass', '1')).rejects.toThrow(/E_CRAWL_READ_ONLY/);
    });
  }
});

function startReader(url: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((ok, fail) => {
    const proc = spawn(process.execPath, [CLI, 'api', 'serve', '--db', url, '--read-only', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const t = setTimeout(() => fail(new Error(`reader did not start: ${err}`)), 60_000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      try { const j = JSON.parse(out); clearTimeout(t); ok({ proc, url: j.api }); } catch { /* incomplete */ }
    });
    proc.on('exit', (code) => { clearTimeout(t); fail(new Error(`reader exited ${code}: ${err}`)); });
  });
}

describe('crawler of a node on PostgreSQL, read-only API process beside it', () => {
  const N = 40;
  const NS = 'crawlpg';
  const ORIGIN = 'http://microblog.local';
  let pgdb: TestDatabase;
  let w: CrawlDevnet;
  let home: string, driver: DiskDriver, hub: RunningHub, node: BlockstackNode, crawl: CrawlService, users: GenUser[];
  let reader: { proc: ChildProcess; url: string } | null = null;
  const get = async (base: string, p: string) => { const r = await fetch(base + p); return { status: r.status, body: await r.json().catch(() => null) as any }; };
  const names = (b: any) => (b.results as { fullyQualifiedName: string }[]).map((r) => r.fullyQualifiedName);

  beforeAll(async () => {
    pgdb = await createTestDatabase('bsk_crawlpg');
    w = await startCrawlDevnet({ users: N, namespace: NS, origin: ORIGIN, microblogEvery: 5, seed: 'pg', perBlock: 100, db: pgdb.url, crawl: { revisitMs: 0, concurrency: 16 } });
    ({ home, driver, hub, node, crawl, users } = w);
    reader = await startReader(pgdb.url);
  }, 180_000);
  afterAll(async () => {
    if (reader && reader.proc.exitCode === null && reader.proc.signalCode === null) {
      const gone = new Promise((ok) => reader!.proc.once('exit', ok));
      reader.proc.kill('SIGTERM');
      await gone;
    }
    await w?.stop();
    await pgdb?.drop();
  });

  it('crawls into PostgreSQL (no crawl.sqlite), then revisits with conditional GETs', async () => {
    const r = await crawl.crawler.pass();
    expect(r.outcomes).toMatchObject({ indexed: N, rejected: 0, error: 0 });
    expect(crawl.db.engine).toBe('postgres');
    expect(crawl.index.engine).toBe('postgres');
    expect(existsSync(join(home, 'crawl.sqlite'))).toBe(false);
    const c = new pg.Client({ connectionString: pgdb.url });
    await c.connect();
    try {
      expect(Number((await c.query("SELECT count(*) AS n FROM crawl_names WHERE status = 'indexed' AND etag IS NOT NULL")).rows[0].n)).toBe(N);
      expect(Number((await c.query('SELECT count(*) AS n FROM crawl_people')).rows[0].n)).toBe(N);
      expect(Number((await c.query('SELECT count(*) AS n FROM crawl_follows')).rows[0].n)).toBeGreaterThan(0);
    } finally { await c.end(); }
    const again = await crawl.crawler.pass();
    expect(again.outcomes).toMatchObject({ unchanged: N, indexed: 0 });
  });

  it('the read-only process answers search, app stats and karma as the writer does, and does not crawl', async () => {
    const w = node.apiUrl, rd = reader!.url;
    for (const p of ['/v1/search?query=user7.crawlpg', `/v1/search?query=${encodeURIComponent(users[9].twitter)}`, '/v1/search?query=nakmoto',
      '/v1/apps/microblog.local/stats', `/v1/names/${users[5].name}/karma`, `/v1/names/${users[10].name}/karma`]) {
      const [a, b] = [await get(w, p), await get(rd, p)];
      expect(b.status, p).toBe(200);
      expect(b.body, p).toEqual(a.body);
    }
    expect(names((await get(rd, '/v1/search?query=user7.crawlpg')).body)[0]).toBe('user7.crawlpg');
    expect((await get(rd, '/v1/apps/microblog.local/stats')).body.users).toBe(N / 5);
    expect((await get(rd, `/v1/names/${users[10].name}/karma`)).body.followers).toBeGreaterThan(0);
    const st = (await get(rd, '/v1/crawl/status')).body;
    expect(st).toMatchObject({ people: N, engine: 'postgres', state: 'postgres', readOnly: true, names: { indexed: N } });
    expect((await fetch(rd + '/v1/crawl/run', { method: 'POST' })).status).toBe(405);
    expect((await get(rd, '/v1/names/nobody.crawlpg/karma')).status).toBe(404);
  });

  it('an on-chain update re-crawled by the writer shows on the reader; the old text is gone', async () => {
    const u = users[3];
    const oldHandle = u.twitter;
    expect(names((await get(reader!.url, `/v1/search?query=${oldHandle}`)).body)).toContain(u.name);
    const token = JSON.stringify([wrapProfileToken(signProfileToken({ '@type': 'Person', name: 'Zanzibar Quokka' }, u.ownerKey))]);
    await driver.performWrite({ bucket: u.ownerAddress, path: 'profile-v2.json', contentType: 'application/json', body: new TextEncoder().encode(token) });
    await updateUser(node, { name: u.name, ownerKey: u.ownerKey, zonefile: zonefileOf(u.name, `${hub.readUrlPrefix}${u.ownerAddress}/profile-v2.json`) });
    const r = await crawl.crawler.pass();
    expect(r.outcomes.indexed).toBe(1);
    expect(names((await get(reader!.url, '/v1/search?query=quokka')).body)).toEqual([u.name]);
    expect(names((await get(reader!.url, `/v1/search?query=${oldHandle}`)).body)).not.toContain(u.name);
  });
});
