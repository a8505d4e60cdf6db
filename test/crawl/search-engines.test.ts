// Both people-search engines on the same documents: SQLite FTS5 and PostgreSQL full-text (throwaway schema on
// the local PostgreSQL): exact, prefix, one-typo (all four edit kinds), linked accounts, typed matches before
// typo matches, an update replacing old text, removal.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, profileOf } from '../../bindings/crawl/gen/users.ts';
import { PgSearch } from '../../bindings/crawl/search-pg.ts';
import { SqliteSearch } from '../../bindings/crawl/search-sqlite.ts';
import type { SearchIndex } from '../../bindings/crawl/search.ts';
import { docOf } from '../../bindings/crawl/text.ts';

const N = 300;
const SCHEMA = `crawl_test_${process.pid}_${Date.now()}`;
const PG_URL = process.env.BLOCKSTACK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const users = Array.from({ length: N }, (_, i) => makeUser(i, N, { namespace: 'id', microblogEvery: 0, seed: 'eng' }));
const admin = new pg.Client({ connectionString: PG_URL });
const engines: Record<string, SearchIndex> = {};

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  engines.sqlite = new SqliteSearch(new Database(':memory:'));
  engines.postgres = new PgSearch(new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${SCHEMA}`, max: 4 }));
  for (const e of Object.values(engines)) for (const u of users) await e.upsert(docOf(u.name, profileOf(u, 'http://hub.test/read/', 'https://app.test') as Record<string, unknown>, 1));
}, 120_000);
afterAll(async () => {
  await engines.postgres?.close?.();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
});

const names = (r: { fullyQualifiedName: string }[]) => r.map((x) => x.fullyQualifiedName);

describe.each(['sqlite', 'postgres'])('%s people search', (engine) => {
  const e = () => engines[engine];
  it('counts and finds exact names first, in Core\'s shape', async () => {
    expect(await e().count()).toBe(N);
    const r = await e().search('user42.id');
    expect(r[0]).toMatchObject({ fullyQualifiedName: 'user42.id', username: 'user42' });
    expect(r[0].profile.name).toBe(users[42].displayName);
    expect(names(await e().search('user42'))[0]).toBe('user42.id');
  });
  it('prefix and one-typo matches; typed matches rank before typo matches', async () => {
    const pre = await e().search('nakam');
    expect(pre.length).toBeGreaterThan(0);
    for (const r of pre) expect(String(r.profile.name).toLowerCase()).toContain('nakamoto');
    for (const q of ['nakmoto', 'nakamotto', 'nakamodo', 'nakmaoto']) {
      const rs = await e().search(q);
      expect(rs.length, q).toBeGreaterThan(0);
      for (const r of rs) expect(String(r.profile.name).toLowerCase(), q).toContain('nakamoto');
    }
    // a term with a digit is an identifier: no typo neighbours (user42 is not one edit from user43 or usr42)
    expect(await e().search('usr42')).toEqual([]);
    expect(names(await e().search('user43', 30))).not.toContain('user42.id');
    const mixed = names(await e().search('user29', 30));
    expect(mixed.slice(0, 2)).toEqual(['user29.id', 'user290.id']);
  });
  it('searches linked accounts and descriptions, ANDs terms', async () => {
    expect(names(await e().search(users[77].twitter))).toContain('user77.id');
    const d = await e().search('astronomer cyclist');
    for (const r of d) expect(String(r.profile.description)).toMatch(/astronomer.*cyclist|cyclist.*astronomer/);
    expect(await e().search('zzqqxx')).toEqual([]);
    expect(await e().search('  !!! ')).toEqual([]);
  });
  it('words before the last match whole, the last one as a prefix', async () => {
    const [w1, , w2] = users[1].description.split(' '); // "gardener and writer number 1"
    const hits = names(await e().search(`${w2} ${w1.slice(0, 5)}`, 50));
    expect(hits).toContain(users[1].name);
    for (const n of hits) expect(users[Number(n.slice(4, n.indexOf('.')))].description).toMatch(new RegExp(`${w1}.*${w2}|${w2}.*${w1}`));
    expect(await e().search(`${w2.slice(0, 4)} ${w1}`)).toEqual([]);
  });
  it('the serialized answer (searchJson, what /v1/search sends) is exactly Core\'s body of search()', async () => {
    for (const q of ['user42.id', 'user42', 'nakam', 'nakmoto', users[77].twitter, 'astronomer cyclist', 'zzqqxx', 'user29']) {
      expect(JSON.parse(await e().searchJson(q, 30)), q).toEqual({ results: await e().search(q, 30) });
    }
  });
  it('a one-word query equal to a label puts that name first even when the word is common', async () => {
    await e().upsert(docOf('smith.id', { name: 'Someone Else', description: 'x' }, 1));
    const r = names(await e().search('smith'));
    expect(r[0]).toBe('smith.id');
    expect(r.length).toBeGreaterThan(1);
    await e().remove('smith.id');
  });
  it('an update replaces the old text; remove drops the person', async () => {
    const u = users[5];
    await e().upsert(docOf(u.name, { name: 'Quokka Wrangler', description: 'new text' }, 2));
    expect(names(await e().search('quokka'))).toEqual([u.name]);
    expect(names(await e().search(u.twitter))).not.toContain(u.name);
    await e().remove(u.name);
    expect(await e().search('quokka')).toEqual([]);
    expect(await e().count()).toBe(N - 1);
    expect((await e().all('', 1000)).length).toBe(N - 1);
  });
});
