/**
 * @module crawl/search — the people-search engine interface (SQLite FTS5 by default, PostgreSQL full-text
 * when the node runs on PostgreSQL) and the ranking rule both share: an exact name or label match first,
 * then the engine's relevance.
 */
import type { PersonDoc, SearchResult } from './text.ts';

export interface SearchIndex {
  readonly engine: 'sqlite' | 'postgres';
  upsert(d: PersonDoc): void | Promise<void>;
  remove(name: string): void | Promise<void>;
  search(query: string, limit?: number): Promise<SearchResult[]>;
  count(): Promise<number>;
  /** Every indexed doc in name order, in pages (snapshots). */
  all(after: string, limit: number): Promise<{ name: string; profile: Record<string, unknown> }[]>;
  close?(): Promise<void>;
}

export const MAX_RESULTS = 20;

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
