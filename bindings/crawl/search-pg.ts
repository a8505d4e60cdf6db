/**
 * @module crawl/search-pg — people search on PostgreSQL full-text (the engine when the node runs on
 * PostgreSQL): one row per person with a weighted `tsvector` ('simple' config over the normalized terms of
 * crawl/text: name A, display name B, accounts C, description D; GIN index), prefix queries (`term:*`), and the
 * same one-edit typo neighbourhood table as the SQLite engine (`crawl_typo`, no extension needed). Typed
 * matches rank before typo-only matches; `ts_rank_cd` orders within each stage.
 */
import type pg from 'pg';
import { createIdempotent } from './db-pg.ts';
import { hitsJson, indexedName, MAX_RESULTS, orderHits, parseHits, prefixTerm, RANK_CAP, splitNameQuery, typoTerm, type RawHit, type SearchIndex } from './search.ts';
import { deletions, docTerms, osaDistance, queryTerms, terms, type PersonDoc, type SearchResult } from './text.ts';

export const PG_SEARCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS crawl_people (name TEXT PRIMARY KEY, profile TEXT NOT NULL, iat BIGINT NOT NULL, tsv TSVECTOR NOT NULL);
CREATE INDEX IF NOT EXISTS crawl_people_tsv ON crawl_people USING GIN (tsv);
CREATE TABLE IF NOT EXISTS crawl_typo (del TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (del, term));
`;

const join = (s: string): string => terms(s).join(' ');

export class PgSearch implements SearchIndex {
  readonly engine = 'postgres' as const;
  private ready: Promise<unknown>;
  private known = new Set<string>();
  constructor(readonly pool: pg.Pool) { this.ready = createIdempotent(pool, PG_SEARCH_SCHEMA); this.ready.catch(() => {}); }

  async upsert(d: PersonDoc): Promise<void> {
    await this.ready;
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`INSERT INTO crawl_people (name, profile, iat, tsv) VALUES ($1, $2, $3,
          setweight(to_tsvector('simple', $4), 'A') || setweight(to_tsvector('simple', $5), 'B') || setweight(to_tsvector('simple', $6), 'C') || setweight(to_tsvector('simple', $7), 'D'))
        ON CONFLICT (name) DO UPDATE SET profile = excluded.profile, iat = excluded.iat, tsv = excluded.tsv`,
        [d.name, JSON.stringify(d.profile), d.iat, join(indexedName(d.name)), join(d.displayName), d.accounts.map(join).join(' '), join(d.description)]);
      const dels: string[] = [], ts: string[] = [];
      for (const t of docTerms(d)) {
        if (this.known.has(t)) continue;
        for (const del of deletions(t)) { dels.push(del); ts.push(t); }
        if (this.known.size >= 200_000) this.known.clear();
        this.known.add(t);
      }
      if (dels.length) await c.query('INSERT INTO crawl_typo (del, term) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [dels, ts]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally { c.release(); }
  }

  async remove(name: string): Promise<void> { await this.ready; await this.pool.query('DELETE FROM crawl_people WHERE name = $1', [name]); }

  private async typos(t: string): Promise<string[]> {
    if (!typoTerm(t)) return [];
    const r = await this.pool.query<{ term: string }>('SELECT DISTINCT term FROM crawl_typo WHERE del = ANY($1) LIMIT 200', [deletions(t)]);
    return r.rows.map((x) => x.term).filter((x) => x !== t && osaDistance(x, t) <= 1).slice(0, 20);
  }

  /** tsquery text: each word (the last as a prefix; with `typos`, OR its one-edit neighbours), ANDed. */
  async tsquery(query: string, typos: boolean): Promise<string | null> {
    const qs = queryTerms(query);
    if (!qs.length) return null;
    const parts = await Promise.all(qs.map(async (t, i) => {
      const alts = [prefixTerm(qs, i) ? `${t}:*` : t, ...(typos ? await this.typos(t) : [])];
      return alts.length > 1 ? `(${alts.join(' | ')})` : alts[0];
    }));
    return parts.join(' & ');
  }

  /** ts_rank_cd over at most RANK_CAP matches, then the profiles of the top rows only. */
  private async run(q: string, limit: number): Promise<RawHit[]> {
    const r = await this.pool.query<RawHit>(
      `WITH m AS (SELECT name, ts_rank_cd(tsv, to_tsquery('simple', $1)) AS r FROM crawl_people WHERE tsv @@ to_tsquery('simple', $1) LIMIT ${RANK_CAP})
       SELECT p.name, p.profile FROM m JOIN crawl_people p USING (name) ORDER BY m.r DESC, p.name LIMIT $2`, [q, limit]);
    return r.rows;
  }

  private async ranked(query: string, limit: number): Promise<RawHit[]> {
    await this.ready;
    const lim = Math.min(limit, 100);
    const { exactName, text } = splitNameQuery(query);
    const rows: RawHit[] = [];
    const named = exactName ? (await this.pool.query<RawHit>('SELECT name, profile FROM crawl_people WHERE name = $1', [exactName])).rows[0] : undefined;
    if (named) rows.push(named);
    const exact = await this.tsquery(text, false);
    if (!exact) return orderHits(rows, query, limit);
    const seen = new Set(rows.map((r) => r.name));
    for (const r of await this.run(exact, lim * 2)) if (!seen.has(r.name)) { seen.add(r.name); rows.push(r); }
    // typo neighbours fill a short answer, unless the query named an existing person exactly
    if (rows.length < lim && !named) {
      const fuzzy = (await this.tsquery(text, true))!;
      if (fuzzy !== exact) for (const r of await this.run(fuzzy, lim * 2)) if (!seen.has(r.name)) { seen.add(r.name); rows.push(r); }
    }
    return orderHits(rows, query, limit);
  }

  async search(query: string, limit = MAX_RESULTS): Promise<SearchResult[]> { return parseHits(await this.ranked(query, limit)); }
  async searchJson(query: string, limit = MAX_RESULTS): Promise<string> { return hitsJson(await this.ranked(query, limit)); }

  async count(): Promise<number> { await this.ready; return Number((await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM crawl_people')).rows[0].n); }
  async all(after: string, limit: number): Promise<{ name: string; profile: Record<string, unknown> }[]> {
    await this.ready;
    const r = await this.pool.query<{ name: string; profile: string }>('SELECT name, profile FROM crawl_people WHERE name > $1 ORDER BY name LIMIT $2', [after, limit]);
    return r.rows.map((x) => ({ name: x.name, profile: JSON.parse(x.profile) }));
  }
  async close(): Promise<void> { await this.pool.end(); }
}
