// Atlas / zone files: replication throughput between loopback nodes (zone files replicated per second,
// XML-RPC vs our JSON transport, 1 and 3 sources), plus zone-file parse vs the npm `zone-file` package and
// batched hash160 (core) vs @noble/hashes. The routing barrel is node-only, so it is bundled here first.
import { Benchmark } from './peers/index.mjs';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as zoneFileRef from 'zone-file';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

const out = new URL('../dist/bench-routing.mjs', import.meta.url).pathname;
await build({ entryPoints: [new URL('../bindings/routing/index.ts', import.meta.url).pathname], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile: out, logLevel: 'warning' });
const R = await import(out);
const { AtlasNode, serveAtlas, openSqlite, parseZoneFile, hash160Batch, zoneFileHash } = R;

const samples = JSON.parse(readFileSync(new URL('../../shared/vectors/zonefiles/zonefiles_sample.json', import.meta.url), 'utf8')).zonefiles;

function corpus(n) {
  // distinct zone files shaped like the genesis ones (the sample, re-originated per index)
  return Array.from({ length: n }, (_, i) => samples[i % samples.length].text.replace(/^\$ORIGIN (\S+)/, `$ORIGIN b${i}.$1`));
}

async function node(chainSlots, transport) {
  const n = new AtlasNode({ db: openSqlite(), chain: { lastBlock: () => 1, consensus: () => null }, client: { transport } });
  const s = await serveAtlas(n);
  n.self = `127.0.0.1:${s.port}`;
  n.addSlots(chainSlots);
  return { n, s };
}

async function replicate(count, sources, transport) {
  const texts = corpus(count);
  const slots = texts.map((t, i) => ({ hash: zoneFileHash(t), block_height: 1 + i }));
  const srcs = [];
  for (let i = 0; i < sources; i++) {
    const x = await node(slots, transport);
    for (let j = 0; j < texts.length; j += 5) x.n.acceptUploads(texts.slice(j, j + 5).map((t) => new TextEncoder().encode(t)));
    srcs.push(x);
  }
  const dst = await node(slots, transport);
  for (const s of srcs) dst.n.addPeer(s.n.self);
  const t0 = performance.now();
  let rounds = 0;
  while (dst.n.store.count() < count && rounds++ < 20) await dst.n.crawler.crawlOnce();
  const ms = performance.now() - t0;
  for (const x of [...srcs, dst]) await x.s.close();
  if (dst.n.store.count() !== count) throw new Error(`replicated ${dst.n.store.count()}/${count}`);
  return count / (ms / 1000);
}

console.log('zone files replicated per second (fresh node fetching every zone file on chain from its peers, loopback, median of 3):');
const median = async (f) => { const v = []; for (let i = 0; i < 3; i++) v.push(await f()); return v.sort((a, b) => a - b)[1]; };
await replicate(300, 1, 'xmlrpc'); await replicate(300, 1, 'json'); // warm-up (JIT)
const rows = [];
for (const [count, sources] of [[2000, 1], [2000, 3], [5000, 3]]) {
  const x = await median(() => replicate(count, sources, 'xmlrpc'));
  const j = await median(() => replicate(count, sources, 'json'));
  rows.push([count, sources, x, j]);
  console.log(`  ${count} zone files, ${sources} source(s): XML-RPC (Core wire) ${x.toFixed(0).padStart(6)}/s   JSON ${j.toFixed(0).padStart(6)}/s   ratio json/xmlrpc ${(j / x).toFixed(2)}x`);
}

function run(name, ours, peer) {
  return new Promise((resolve) => {
    const suite = new Benchmark.Suite(name);
    suite.add('ours', ours).add('peer', peer).on('complete', function () {
      const o = this[0].hz, p = this[1].hz;
      console.log(`${name.padEnd(44)} ours ${o.toFixed(0).padStart(8)} ops/s   peer ${p.toFixed(0).padStart(8)} ops/s   ratio ${(o / p).toFixed(2)}x`);
      resolve();
    }).run({ async: true });
  });
}
const texts = samples.map((z) => z.text);
const bytes = texts.map((t) => new TextEncoder().encode(t));
const hex = (b) => Buffer.from(b).toString('hex');
await run('parse 300 zone files (npm zone-file)', () => { for (const t of texts) parseZoneFile(t); }, () => { for (const t of texts) zoneFileRef.parseZoneFile(t); });
await run('hash160 100 zone files, batched (@noble/hashes)', () => hash160Batch(bytes.slice(0, 100)), () => bytes.slice(0, 100).map((b) => hex(ripemd160(sha256(b)))));
