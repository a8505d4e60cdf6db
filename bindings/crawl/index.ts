/** @module crawl — crawler, guard, people search, stats/karma, signed snapshots, user generator (Node). */
export { Crawler, type CrawlerOptions, type PassResult, type Outcome } from './crawler.ts';
export { CrawlDb, type CrawlStore, type AppStats, type Karma } from './db.ts';
export { PgCrawlStore } from './db-pg.ts';
export { PgSearch } from './search-pg.ts';
export { Fetcher, FetchFailed, JSON_TYPES, type FetcherOptions } from './fetcher.ts';
export { UrlGuard, CrawlRefused, type RefusalReason } from './guard.ts';
export { CrawlMetrics } from './metrics.ts';
export { crawlRoutes } from './routes.ts';
export { SqliteSearch } from './search-sqlite.ts';
export type { SearchIndex } from './search.ts';
export { docOf, terms } from './text.ts';
export { CrawlService, readOnlyCrawl } from './service.ts';
export { nodeSource, type NameEntry, type NameSource } from './source.ts';
export { signSnapshot, verifySnapshot, type Snapshot, type Manifest } from './snapshot.ts';
export { buildSnapshot } from './build-snapshot.ts';
export { publishSnapshot } from './publish.ts';
export { makeUser, profileOf, profileUrlOf, writeUserFiles, zonefileOf, type GenUser } from './gen/users.ts';
