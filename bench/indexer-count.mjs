// Memory and per-block cost at mainnet's block COUNT (bench/indexer.bench.mjs runs this in a fresh process, so
// that its RSS is this run's alone): a synthetic Core datadir of BLOCKS tiny blocks (one coinbase each, as the
// early chain; Blockstack ops in preorder/register pairs ~300 blocks apart with an import burst, stale blocks with
// undo records, out-of-order storage, xor.dat) is indexed from genesis to tip — header index, undo index, 2 worker
// threads, state machine, SQLite — with RSS and heap sampled every 250 ms. The 4 GiB datadir of the main bench has
// only ~5,000 blocks: per-block structures (index arrays, jobs, consensus hashes, write sets) show only here.
// usage: node --expose-gc bench/indexer-count.mjs ENTRY DIR BLOCKS   (ENTRY: the bundle indexer.bench.mjs builds)
// Prints one JSON line: { blocks, blkBytes, genMs, headerMs, ms, peakRss, peakHeap, liveHeap, rss: [[ms, bytes]…] }.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [entry, dir, count] = process.argv.slice(2);
const ix = await import(entry);
const blocks = Number(count);
mkdirSync(dir, { recursive: true });
const made = join(dir, 'synth.json');
let synth, genMs = 0;
if (existsSync(made)) synth = JSON.parse(readFileSync(made, 'utf8'));
else {
  const t = performance.now();
  synth = ix.writeSynthDatadir({ dir, blocks, txsPerBlock: 1, opEvery: 300, quiet: true, opsPerOpBlock: 4, imports: 20, staleEvery: 400, outOfOrderEvery: 100, seed: 3 });
  genMs = performance.now() - t;
  synth = { ...synth, tip: synth.hashes.length - 1, hashes: undefined, staleHashes: synth.staleHashes.length, outOfOrder: synth.outOfOrder.length };
  writeFileSync(made, JSON.stringify(synth)); // the generator's answers (not its 700,000 hashes), beside the datadir
}
const tip = synth.tip;
const dbPath = join(dir, 'names.sqlite');
for (const x of ['', '-wal', '-shm']) rmSync(dbPath + x, { force: true });
global.gc?.();
const rss = [];
let peakHeap = 0;
const t0 = performance.now();
const sample = () => { const m = process.memoryUsage(); rss.push([performance.now() - t0, m.rss]); peakHeap = Math.max(peakHeap, m.heapUsed); };
const timer = setInterval(sample, 250);
const src = new ix.BlkFileSource(join(dir, 'blocks'), 'regtest', { addressVersions: { p2pkh: 0x6f, p2sh: 0xc4 } });
const headerMs = performance.now() - t0;
const db = ix.openNameDb(dbPath, ix.devnetRules(1), { groupBlocks: 64 });
const paths = [];
const indexer = new ix.Indexer(src, db, { workers: 2, bulkOptions: { onPath: (p, why) => { paths.push(why ? `${p}: ${why}` : p); } } });
await indexer.syncOnce();
const ms = performance.now() - t0;
clearInterval(timer);
sample();
if (ix.getConsensusHash(db, tip) !== synth.consensusHash) throw new Error(`consensus hash at ${tip} differs from the generator's`);
global.gc?.();
const liveHeap = process.memoryUsage().heapUsed;
ix.closeNameDb(db);
await src.close();
for (const x of ['', '-wal', '-shm']) rmSync(dbPath + x, { force: true });
console.log(JSON.stringify({ blocks: tip + 1, blkBytes: synth.bytes, revBytes: synth.revBytes, opBlocks: synth.opBlocks, stale: synth.staleHashes, path: paths.join('; then '), genMs, headerMs, ms, peakRss: Math.max(...rss.map((x) => x[1])), peakHeap, liveHeap, rss }));
