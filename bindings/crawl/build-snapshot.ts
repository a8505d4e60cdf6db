/**
 * @module crawl/build-snapshot — the unsigned snapshot of the node's people index (all docs, compact) and an
 * app's stats; served at `GET /v1/crawl/snapshot?app=DOMAIN` and signed by the publisher (crawl/snapshot).
 */
import type { CrawlStore } from './db.ts';
import type { SearchIndex } from './search.ts';
import type { Snapshot, SnapshotDoc } from './snapshot.ts';
import { docOf } from './text.ts';

export async function buildSnapshot(db: CrawlStore, index: SearchIndex, app: string | null): Promise<Snapshot> {
  const docs: SnapshotDoc[] = [];
  for (let after = ''; ;) {
    const page = await index.all(after, 2000);
    for (const r of page) {
      const d = docOf(r.name, r.profile, 0);
      docs.push({ n: r.name, d: d.displayName, s: d.description.slice(0, 280), a: d.accounts.join(' ') });
    }
    if (page.length < 2000) break;
    after = page[page.length - 1].name;
  }
  return { version: 1, app: app ?? '', createdAt: new Date().toISOString(), count: docs.length, docs, stats: app ? await db.appStats(app) : null };
}
