// Crawler throughput and people-search latency on loopback (figures from a shared, loaded 2-core machine):
// N synthetic users (default 20,000; CRAWL_BENCH_USERS) — profile tokens signed by each owner key, every 5th
// with signed microblog files — spread over HUBS hubs (`blockstack hub start`, separate processes, disk
// driver), crawled in one pass from an in-memory name source (zone files built on the fly: the chain is not
// what is measured; test/crawl puts 2,000 users on the devnet). Reports profiles/s, peak RSS of the crawler
// process, then GET /v1/search p50/p99 (autocannon, rotating exact / prefix / typo / word queries) over the
// crawled index, and the same queries in-process. Goal (issue 18): ≥ 2,000 profiles/s, < 500 MB RSS at
// 100,000 users, search p99 < 20 ms; with a smaller N the figures are projected, not claimed.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { crawl, hubNode, zoneFileHash } from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.CRAWL_BENCH_USERS ?? 20_000);
const HUBS = Number(process.env.CRAWL_BENCH_HUBS ?? 4);
const ORIGIN = 'https://microblog.local';
const root = mkdtempSync(join(tmpdir(), 'crawl-bench-'));

async function startHub(dir) {
  const child = spawn(process.execPath, [join(here, '..', 'bin', 'blockstack.js'), 'hub', 'start', '--port', '0', '--storage', dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((res, rej) => { child.stdout.once('data', (d) => res(String(d))); child.once('exit', (c) => rej(new Error(`hub exited ${c}`))); });
  const { url } = JSON.parse(line);
  const info = await (await fetch(`${url}/hub_info`)).json();
  return { child, url, readUrlPrefix: info.read_url_prefix, driver: new hubNode.DiskDriver({ storageRootDirectory: dir }) };
}

const hubs = [];
for (let h = 0; h < HUBS; h++) hubs.push(await startHub(join(root, `hub${h}`)));
const hubOf = (i) => hubs[i % HUBS];

let t0 = performance.now();
for (let i = 0; i < N; i++) {
  const u = crawl.makeUser(i, N, { namespace: 'id', microblogEvery: 5, seed: 'bench' });
  await crawl.writeUserFiles(hubOf(i).driver, u, hubOf(i).readUrlPrefix, ORIGIN);
}
const genS = (performance.now() - t0) / 1000;
console.log(`generated ${N} users (signed profiles, ${N / 5} with microblog files) on ${HUBS} hubs in ${genS.toFixed(1)} s`);

// in-memory name source: entries built lazily (owner address as the v1 API shows it: testnet P2PKH works too)
const source = {
  *entries() {
    for (let i = 0; i < N; i++) {
      const u = crawl.makeUser(i, N, { namespace: 'id', microblogEvery: 5, seed: 'bench' });
      const zf = crawl.zonefileOf(u.name, crawl.profileUrlOf(u, hubOf(i).readUrlPrefix));
      yield { name: u.name, address: u.ownerAddress, zonefileHash: zoneFileHash(zf), zonefile: zf };
    }
  },
  zonefile: () => null,
};
const db = new crawl.CrawlDb(join(root, 'crawl.sqlite'));
const index = new crawl.SqliteSearch(db.db);
const fetcher = new crawl.Fetcher({ guard: new crawl.UrlGuard({ allowLoopback: true }), perHost: 16 });
const crawler = new crawl.Crawler({ db, index, source, fetcher, concurrency: 64 });

if (global.gc) global.gc();
const rss0 = process.memoryUsage().rss;
let peak = rss0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
t0 = performance.now();
const r = await crawler.pass();
const crawlS = (performance.now() - t0) / 1000;
clearInterval(sampler);
const rate = N / crawlS;
console.log(`crawl pass: ${N} names in ${crawlS.toFixed(1)} s = ${rate.toFixed(0)} profiles/s (outcomes ${JSON.stringify(r.outcomes)})`);
console.log(`crawler RSS: ${(rss0 / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB during the pass`);
t0 = performance.now();
const r2 = await crawler.pass();
console.log(`second pass (nothing due): ${((performance.now() - t0) / 1000).toFixed(2)} s, ${JSON.stringify(r2.outcomes)}`);
if (N < 100_000) console.log(`projection to 100,000 users at this rate: ${(100_000 / rate).toFixed(0)} s per full pass (linear; memory is bounded by concurrency, not N)`);

const queries = [];
for (let k = 0; k < 200; k++) {
  const i = (k * 7919) % N;
  const u = crawl.makeUser(i, N, { namespace: 'id', microblogEvery: 5, seed: 'bench' });
  const word = u.displayName.split(' ')[1].toLowerCase();
  queries.push(u.name, `user${i}`.slice(0, 6), word.slice(0, 4), word.slice(0, 2) + word.slice(3), u.twitter);
}
const lat = [];
for (const q of queries) { const s = performance.now(); await index.search(q); lat.push(performance.now() - s); }
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))].toFixed(2);
console.log(`search in-process over ${await index.count()} profiles: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${lat.at(-1).toFixed(2)} ms (${queries.length} queries: exact name, name prefix, word prefix, one-typo word, account)`);

const app = crawl.crawlRoutes({ db, index, crawler });
const server = await new Promise((ok) => { const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s)); });
const port = server.address().port;
const ac = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 8, duration: Number(process.env.BENCH_SECONDS ?? 5), requests: queries.map((q) => ({ method: 'GET', path: `/v1/search?query=${encodeURIComponent(q)}` })) });
console.log(`GET /v1/search (autocannon, 8 connections): ${ac.requests.average.toFixed(0)} req/s, p50 ${ac.latency.p50} ms, p99 ${ac.latency.p99} ms, errors ${ac.errors + ac.non2xx}`);

server.close();
fetcher.close();
db.close();
for (const h of hubs) h.child.kill();
rmSync(root, { recursive: true, force: true });
