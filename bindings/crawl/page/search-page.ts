/**
 * @module crawl/page/search-page — the browser side of a published snapshot: fetches
 * `<bucket>/crawl/manifest.json` (+ `.sig`) and `crawl/snapshot.json` from the developer's Gaia bucket,
 * verifies them against the developer's app public key (crawl/snapshot `verifySnapshot`), and searches
 * client-side with MiniSearch (prefix + one-typo fuzzy) — no call to any node. Bundled by scripts/build.mjs
 * to `dist/crawl-page.js`; the page (`?bucket=<url>&key=<app public key>`) exposes `window.crawlSearch`.
 */
import MiniSearch from 'minisearch';
import { MANIFEST_PATH, SNAPSHOT_PATH, verifySnapshot, type Manifest, type Snapshot, type SnapshotDoc } from '../snapshot.ts';

export interface Published { manifest: Manifest; snapshot: Snapshot; search(q: string, limit?: number): SnapshotDoc[] }

async function bytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url, { cache: 'no-store' });
  if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

export async function loadPublished(bucketUrl: string, appPublicKey: string): Promise<Published> {
  const base = bucketUrl.endsWith('/') ? bucketUrl : bucketUrl + '/';
  const [m, ms, s] = await Promise.all([bytes(base + MANIFEST_PATH), bytes(base + MANIFEST_PATH + '.sig'), bytes(base + SNAPSHOT_PATH)]);
  const { manifest, snapshot } = verifySnapshot(m, ms, s, appPublicKey);
  const mini = new MiniSearch<SnapshotDoc>({
    idField: 'n', fields: ['n', 'd', 's', 'a'], storeFields: ['n', 'd', 's', 'a'],
    searchOptions: { prefix: (t) => t.length >= 2, fuzzy: (t) => (t.length >= 3 ? 1 : false), boost: { n: 4, d: 3, a: 2 }, combineWith: 'AND' },
    tokenize: (text) => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [],
  });
  mini.addAll(snapshot.docs);
  const byName = new Map(snapshot.docs.map((d) => [d.n, d]));
  return {
    manifest, snapshot,
    search: (q, limit = 20) => {
      const exact = byName.get(q.trim().toLowerCase());
      const hits = mini.search(q).map((h) => byName.get(h.id as string)!).filter((d) => d !== exact);
      return (exact ? [exact, ...hits] : hits).slice(0, limit);
    },
  };
}

declare const document: any;
declare const location: any;
declare const window: any;

if (typeof document !== 'undefined' && typeof location !== 'undefined') {
  const p = new URLSearchParams(location.search);
  const status = document.getElementById('status');
  const out = document.getElementById('results');
  const input = document.getElementById('q');
  const ready = loadPublished(p.get('bucket') ?? '', p.get('key') ?? '');
  window.crawlSearch = { ready: ready.then((x) => ({ count: x.snapshot.count, app: x.manifest.app, publisher: x.manifest.publisher })), search: async (q: string) => (await ready).search(q) };
  ready.then((x) => {
    if (status) status.textContent = `verified: ${x.snapshot.count} people, signed by ${x.manifest.publisher} for ${x.manifest.app || 'any app'} at ${x.manifest.createdAt}`;
    input?.addEventListener('input', () => {
      out.textContent = '';
      for (const d of x.search(input.value)) {
        const li = document.createElement('li');
        li.textContent = `${d.n} — ${d.d}${d.s ? ': ' + d.s : ''}`;
        out.appendChild(li);
      }
    });
  }, (e) => { if (status) status.textContent = `NOT verified: ${(e as Error).message}`; });
}
