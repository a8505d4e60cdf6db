/**
 * @module crawl/search-sqlite — people search on SQLite FTS5. Columns hold space-joined normalized terms
 * (crawl/text), so the FTS tokenizer and the query parser agree. Each query word matches whole — the last one
 * as a prefix (`"term"*`, ≥ 2 characters) — or, for words of ≥ 3 characters (without a digit), as any indexed term one edit away
 * (insert, delete, substitute, transpose): candidates come from the deletion-neighbourhood table `typo`
 * (every indexed term under itself and its one-deletion variants), confirmed by OSA distance. Terms are
 * ANDed; bm25 ranks with weights name 10, display name 5, accounts 2, description 1.
 */
import type Database from 'better-sqlite3';
import { hitsJson, indexedName, MAX_RESULTS, orderHits, parseHits, prefixTerm, RANK_CAP, splitNameQuery, typoTerm, type RawHit, type SearchIndex } from './search.ts';
import { deletions, osaDistance, queryTerms, terms, typoWord, type PersonDoc, type SearchResult } from './text.ts';

export const SEARCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, profile TEXT NOT NULL, iat INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS people_fts USING fts5(name, display, description, accounts, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE TABLE IF NOT EXISTS typo (del TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (del, term)) WITHOUT ROWID;
`;

const join = (s: string): string => terms(s).join(' ');

export class SqliteSearch implements SearchIndex {
  readonly engine = 'sqlite' as const;
  private stmts;
  private typoStmts = new Map<number, Database.Statement>();
  /** terms whose neighbourhood is already in `typo` (bounded: cleared at 200,000) */
  private known = new Set<string>();
  constructor(readonly db: Database.Database) {
    db.exec(SEARCH_SCHEMA);
    this.stmts = {
      idOf: db.prepare<[string], { id: number }>('SELECT id FROM people WHERE name = ?'),
      insert: db.prepare('INSERT INTO people (name, profile, iat) VALUES (?, ?, ?)'),
      update: db.prepare('UPDATE people SET profile = ?, iat = ? WHERE id = ?'),
      del: db.prepare('DELETE FROM people WHERE id = ?'),
      ftsDel: db.prepare('DELETE FROM people_fts WHERE rowid = ?'),
      ftsIns: db.prepare('INSERT INTO people_fts (rowid, name, display, description, accounts) VALUES (?, ?, ?, ?, ?)'),
      typoIns: db.prepare('INSERT OR IGNORE INTO typo (del, term) VALUES (?, ?)'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people'),
      byName: db.prepare<[string], { name: string; profile: string }>('SELECT name, profile FROM people WHERE name = ?'),
      // bm25 over at most RANK_CAP matches (in index order), then only the top rows are joined for their profile
      match: db.prepare<[string, number], RawHit>(`SELECT p.name AS name, p.profile AS profile FROM
        (SELECT rowid AS id, bm25(people_fts, 10.0, 5.0, 1.0, 2.0) AS r FROM people_fts WHERE people_fts MATCH ? LIMIT ${RANK_CAP}) m
        JOIN people p ON p.id = m.id ORDER BY m.r LIMIT ?`),
      byLabel: db.prepare<[string, string], RawHit>('SELECT name, profile FROM people WHERE name > ? AND name < ? ORDER BY name LIMIT 20'),
      all: db.prepare<[string, number], { name: string; profile: string }>('SELECT name, profile FROM people WHERE name > ? ORDER BY name LIMIT ?'),
    };
    this.upsertInTx = db.transaction(this.upsertTx);
  }

  /** One prepared transaction (not a new wrapper per document); terms are split once per field. */
  private readonly upsertTx = (d: PersonDoc): void => {
    const row = this.stmts.idOf.get(d.name);
    let id: number;
    const profile = JSON.stringify(d.profile);
    if (row) { id = row.id; this.stmts.update.run(profile, d.iat, id); this.stmts.ftsDel.run(id); }
    else id = Number(this.stmts.insert.run(d.name, profile, d.iat).lastInsertRowid);
    const display = terms(d.displayName), description = terms(d.description), accounts = d.accounts.map(terms);
    this.stmts.ftsIns.run(id, join(indexedName(d.name)), display.join(' '), description.join(' '), accounts.map((a) => a.join(' ')).join(' '));
    const typoTerms = new Set<string>();
    for (const ts of [terms(d.name), display, description, ...accounts]) for (const t of ts) if (typoWord(t)) typoTerms.add(t);
    for (const t of typoTerms) {
      if (this.known.has(t)) continue;
      for (const del of deletions(t)) this.stmts.typoIns.run(del, t);
      if (this.known.size >= 200_000) this.known.clear();
      this.known.add(t);
    }
  };
  private upsertInTx: (d: PersonDoc) => void;

  upsert(d: PersonDoc): void { this.upsertInTx(d); }

  remove(name: string): void {
    const row = this.stmts.idOf.get(name);
    if (!row) return;
    this.db.transaction(() => { this.stmts.ftsDel.run(row.id); this.stmts.del.run(row.id); })();
  }

  /** Indexed terms one edit away from `t` (at most 20). */
  private typos(t: string): string[] {
    if (!typoTerm(t)) return [];
    const keys = deletions(t);
    let st = this.typoStmts.get(keys.length);
    if (!st) { st = this.db.prepare(`SELECT DISTINCT term FROM typo WHERE del IN (${keys.map(() => '?').join(',')}) LIMIT 200`); this.typoStmts.set(keys.length, st); }
    const rows = st.all(...keys) as { term: string }[];
    return rows.map((r) => r.term).filter((x) => x !== t && osaDistance(x, t) <= 1).slice(0, 20);
  }

  /** FTS5 expression: each word (the last as a prefix; with `typos`, OR any indexed term one edit away), ANDed. */
  matchExpression(query: string, typos = true): string | null {
    const qs = queryTerms(query);
    if (!qs.length) return null;
    return qs.map((t, i) => {
      const alts = [prefixTerm(qs, i) ? `"${t}"*` : `"${t}"`, ...(typos ? this.typos(t).map((x) => `"${x}"`) : [])];
      return alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0];
    }).join(' AND ');
  }

  private run(expr: string, limit: number): RawHit[] {
    return this.stmts.match.all(expr, limit);
  }

  /**
   * Exact name / label matches, then exact/prefix matches by rank; typo matches fill the rest (so a typo never
   * outranks what was typed). A one-word query also looks the word up as a label (`alice` → `alice.*`) in the
   * name index, so an exact label comes first however many documents the word matches.
   */
  private ranked(query: string, limit: number): RawHit[] {
    const lim = Math.min(limit, 100);
    const { exactName, text } = splitNameQuery(query);
    const rows: RawHit[] = [];
    const named = exactName ? this.stmts.byName.get(exactName) : undefined;
    if (named) rows.push(named);
    else if (!exactName) {
      const qs = queryTerms(text);
      if (qs.length === 1) for (const h of this.stmts.byLabel.all(`${qs[0]}.`, `${qs[0]}/`)) if (h.name.slice(0, h.name.lastIndexOf('.')) === qs[0]) rows.push(h);
    }
    const exact = this.matchExpression(text, false);
    if (!exact) return orderHits(rows, query, limit);
    const seen = new Set(rows.map((r) => r.name));
    for (const r of this.run(exact, lim * 2)) if (!seen.has(r.name)) { seen.add(r.name); rows.push(r); }
    // typo neighbours fill a short answer, unless the query named an existing person exactly
    if (rows.length < lim && !named) {
      const fuzzy = this.matchExpression(text, true)!;
      if (fuzzy !== exact) for (const r of this.run(fuzzy, lim * 2)) if (!seen.has(r.name)) { seen.add(r.name); rows.push(r); }
    }
    return orderHits(rows, query, limit);
  }

  async search(query: string, limit = MAX_RESULTS): Promise<SearchResult[]> { return parseHits(this.ranked(query, limit)); }
  async searchJson(query: string, limit = MAX_RESULTS): Promise<string> { return hitsJson(this.ranked(query, limit)); }

  async count(): Promise<number> { return this.stmts.count.get()!.n; }
  async all(after: string, limit: number): Promise<{ name: string; profile: Record<string, unknown> }[]> {
    return this.stmts.all.all(after, limit).map((r) => ({ name: r.name, profile: JSON.parse(r.profile) }));
  }
}
