/**
 * @module crawl/search — the people-search engine interface (SQLite FTS5 by default, PostgreSQL full-text
 * when the node runs on PostgreSQL) and the ranking rule both share: an exact name or label match first,
 * then the engine's relevance.
 */
import { resultOf, typoWord, type PersonDoc, type SearchResult } from './text.ts';

export interface SearchIndex {
  readonly engine: 'sqlite' | 'postgres';
  upsert(d: PersonDoc): void | Promise<void>;
  remove(name: string): void | Promise<void>;
  search(query: string, limit?: number): Promise<SearchResult[]>;
  /** The same answer as `search`, serialized as Core's `{"results": […]}` body (profiles spliced in as stored). */
  searchJson(query: string, limit?: number): Promise<string>;
  count(): Promise<number>;
  /** Every indexed doc in name order, in pages (snapshots). */
  all(after: string, limit: number): Promise<{ name: string; profile: Record<string, unknown> }[]>;
  close?(): Promise<void>;
}

export const MAX_RESULTS = 20;
/**
 * Relevance is computed for at most this many matches of a query (the first ones in index order), then the
 * best are returned: a one- or two-letter prefix or a common word matches thousands of people, and ranking
 * them all cost more than the rest of the query. Exact names and labels are looked up separately and always
 * come first.
 */
export const RANK_CAP = 500;

/** Exact name (`alice.id`) or label (`alice`) matches first, the engine order otherwise. */
export function exactFirst<T extends { fullyQualifiedName: string; username: string }>(rows: T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const exact = rows.filter((r) => r.fullyQualifiedName === q || r.username === q);
  return exact.length ? [...exact, ...rows.filter((r) => !exact.includes(r))] : rows;
}

const NAME_LIKE = /^[a-z0-9\-_.+]+\.[a-z0-9\-_]{1,19}$/;

/**
 * A query that looks like a full name (`alice.id`, `bob.alice.id`) is looked up exactly and searched by its
 * labels only: the namespace term (`id`) is in nearly every document, so matching it costs a scan of the whole
 * index and adds nothing. Names are indexed without their namespace for the same reason.
 */
export function splitNameQuery(query: string): { exactName: string | null; text: string } {
  const q = query.trim().toLowerCase();
  if (!NAME_LIKE.test(q)) return { exactName: null, text: query };
  return { exactName: q, text: q.slice(0, q.lastIndexOf('.')) };
}
export const indexedName = (name: string): string => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name);

/**
 * Only the last word of a query matches as a prefix (search as you type: `muneeb al` → `muneeb` AND `al…`); the
 * words before it are whole words, which FTS5 and tsquery look up directly instead of scanning a term range.
 */
export const prefixTerm = (qs: string[], i: number): boolean => i === qs.length - 1 && qs[i].length >= 2;
/** Words worth a typo lookup (crawl/text typoWord: the words whose neighbourhoods are indexed). */
export const typoTerm = typoWord;

/** A ranked hit as the engines read it: the profile still as the JSON text it was stored as. */
export interface RawHit { name: string; profile: string }

const labelOf = (name: string): string => name.slice(0, name.lastIndexOf('.'));

/** Exact name / label matches first (see exactFirst), then at most `limit` hits. */
export function orderHits(rows: RawHit[], query: string, limit: number): RawHit[] {
  const q = query.trim().toLowerCase();
  const exact = rows.filter((r) => r.name === q || labelOf(r.name) === q);
  return (exact.length ? [...exact, ...rows.filter((r) => !exact.includes(r))] : rows).slice(0, limit);
}
export const parseHits = (rows: RawHit[]): SearchResult[] => rows.map((r) => resultOf(r.name, JSON.parse(r.profile)));
/** Core's body without parsing and re-serializing each profile (stored profiles are JSON.stringify output). */
export const hitsJson = (rows: RawHit[]): string =>
  `{"results":[${rows.map((r) => `{"fullyQualifiedName":${JSON.stringify(r.name)},"username":${JSON.stringify(labelOf(r.name))},"profile":${r.profile}}`).join(',')}]}`;
