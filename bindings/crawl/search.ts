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
