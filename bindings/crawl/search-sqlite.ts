/**
 * @module crawl/search-sqlite — people search on SQLite FTS5. Columns hold space-joined normalized terms
 * (crawl/text), so the FTS tokenizer and the query parser agree. Each query term matches as a prefix
 * (`"term"*`, terms of ≥ 2 characters) or, for terms of ≥ 3 characters, as any indexed term one edit away
 * (insert, delete, substitute, transpose): candidates come from the deletion-neighbourhood table `typo`
 * (every indexed term under itself and its one-deletion variants), confirmed by OSA distance. Terms are
 * ANDed; bm25 ranks with weights name 10, display name 5, accounts 2, description 1.
 */
import type Database from 'better-sqlite3';
import { exactFirst, indexedName, MAX_RESULTS, splitNameQuery, type SearchIndex } from './search.ts';
import { deletions, docTerms, osaDistance, queryTerms, resultOf, terms, type PersonDoc, type SearchResult } from './text.ts';

export const SEARCH_SCHEMA = `
CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, profile TEXT NOT NULL, iat INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS people_fts USING fts5(name, display, description, accounts, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE TABLE IF NOT EXISTS typo (del TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (del, term)) WITHOUT ROWID;
`;

const join = (s: string): string => terms(s).join(' ');

export class SqliteSearch implements SearchIndex {
  readonly engine = 'sqlite' as const;
  private st;
  private typoStmts = new Map<number, Database.Statement>();
  /** terms whose neighbourhood is already in `typo` (bounded: cleared at 200,000) */
  private known = new Set<string>();
  constructor(readonly db: Database.Database) {
    db.exec(SEARCH_SCHEMA);
    this.st = {
      idOf: db.prepare<[string], { id: number }>('SELECT id FROM people WHERE name = ?'),
      insert: db.prepare('INSERT INTO people (name, profile, iat) VALUES (?, ?, ?)'),
      update: db.prepare('UPDATE people SET profile = ?, iat = ? WHERE id = ?'),
      del: db.prepare('DELETE FROM people WHERE id = ?'),
      ftsDel: db.prepare('DELETE FROM people_fts WHERE rowid = ?'),
      ftsIns: db.prepare('INSERT INTO people_fts (rowid, name, display, description, accounts) VALUES (?, ?, ?, ?, ?)'),
      typoIns: db.prepare('INSERT OR IGNORE INTO typo (del, term) VALUES (?, ?)'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people'),
      byName: db.prepare<[string], { name: string; profile: string }>('SELECT name, profile FROM people WHERE name = ?'),
      match: db.prepare(`SELECT p.name AS name, p.profile AS profile FROM people_fts JOIN people p ON p.id = people_fts.rowid
        WHERE people_fts MATCH ? ORDER BY bm25(people_fts, 10.0, 5.0, 1.0, 2.0) LIMIT ?`),
      all: db.prepare<[string, number], { name: string; profile: string }>('SELECT name, profile FROM people WHERE name > ? ORDER BY name LIMIT ?'),
    };
  }

  upsert(d: PersonDoc): void {
    const tx = this.db.transaction(() => {
      const row = this.st.idOf.get(d.name);
      let id: number;
      if (row) { id = row.id; this.st.update.run(JSON.stringify(d.profile), d.iat, id); this.st.ftsDel.run(id); }
      else id = Number(this.st.insert.run(d.name, JSON.stringify(d.profile), d.iat).lastInsertRowid);
      this.st.ftsIns.run(id, join(indexedName(d.name)), join(d.displayName), join(d.description), d.accounts.map(join).join(' '));
      for (const t of docTerms(d)) {
        if (this.known.has(t)) continue;
        for (const del of deletions(t)) this.st.typoIns.run(del, t);
        if (this.known.size >= 200_000) this.known.clear();
        this.known.add(t);
      }
    });
    tx();
  }

  remove(name: string): void {
    const row = this.st.idOf.get(name);
    if (!row) return;
    this.db.transaction(() => { this.st.ftsDel.run(row.id); this.st.del.run(row.id); })();
  }

  /** Indexed terms one edit away from `t` (at most 20). */
  private typos(t: string): string[] {
    if (t.length < 3) return [];
    const keys = deletions(t);
    let st = this.typoStmts.get(keys.length);
    if (!st) { st = this.db.prepare(`SELECT DISTINCT term FROM typo WHERE del IN (${keys.map(() => '?').join(',')}) LIMIT 200`); this.typoStmts.set(keys.length, st); }
    const rows = st.all(...keys) as { term: string }[];
    return rows.map((r) => r.term).filter((x) => x !== t && osaDistance(x, t) <= 1).slice(0, 20);
  }

  /** FTS5 expression: each term as a prefix (and, with `typos`, OR any indexed term one edit away), ANDed. */
  matchExpression(query: string, typos = true): string | null {
    const qs = queryTerms(query);
    if (!qs.length) return null;
    return qs.map((t) => {
      const alts = [t.length >= 2 ? `"${t}"*` : `"${t}"`, ...(typos ? this.typos(t).map((x) => `"${x}"`) : [])];
      return alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0];
    }).join(' AND ');
  }

  private run(expr: string, limit: number): { name: string; profile: string }[] {
    return this.st.match.all(expr, limit) as { name: string; profile: string }[];
  }

  /** Exact/prefix matches first; typo matches fill the rest (so a typo never outranks what was typed). */
  async search(query: string, limit = MAX_RESULTS): Promise<SearchResult[]> {
    const lim = Math.min(limit, 100);
    const { exactName, text } = splitNameQuery(query);
    const hit = exactName ? this.st.byName.get(exactName) : undefined;
    const exact = this.matchExpression(text, false);
    if (!exact) return hit ? [resultOf(hit.name, JSON.parse(hit.profile))] : [];
    const rows = [...(hit ? [hit] : []), ...this.run(exact, lim * 2).filter((r) => r.name !== hit?.name)];
    if (rows.length < lim) {
      const fuzzy = this.matchExpression(text, true)!;
      if (fuzzy !== exact) {
        const seen = new Set(rows.map((r) => r.name));
        for (const r of this.run(fuzzy, lim * 2)) if (!seen.has(r.name)) rows.push(r);
      }
    }
    return exactFirst(rows.map((r) => resultOf(r.name, JSON.parse(r.profile))), query).slice(0, limit);
  }

  async count(): Promise<number> { return this.st.count.get()!.n; }
  async all(after: string, limit: number): Promise<{ name: string; profile: Record<string, unknown> }[]> {
    return this.st.all.all(after, limit).map((r) => ({ name: r.name, profile: JSON.parse(r.profile) }));
  }
}
