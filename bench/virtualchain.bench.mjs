// Virtualchain index throughput: a generated chain (default 10,000 blocks, ~10 ops each, every op kind)
// indexed with full validation, consensus hashing (core) and SQLite commits (one transaction per block, undo
// records), plus the same in memory, the per-stage time split and memory; micro: the per-block consensus
// hash in the core vs the TS (@noble/hashes) reference. VC_BENCH_BLOCKS=n to change the chain length.
import { Benchmark } from './peers/index.mjs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { virtualchain as vc, virtualchainNode as vn } from '../dist/node.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

const BLOCKS = Number(process.env.VC_BENCH_BLOCKS ?? 10000);
const rules = vc.devnetRules(1000);
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const gc = () => globalThis.gc?.();

// 1. Generate the chain (not timed): the generator reads consensus hashes back from a memory database.
let t = performance.now();
const gdb = vc.createNameDb(rules);
const gen = new vc.DevChain(rules, 42, 10);
const chain = [];
let nTx = 0;
for (let h = rules.firstBlock; h < rules.firstBlock + BLOCKS; h++) {
  const txs = gen.nextBlock(h, (x) => gdb.state.consensus.get(x));
  vc.applyBlock(gdb, h, txs);
  chain.push([h, txs]);
  nTx += txs.length;
}
const accepted = {};
for (const hist of gdb.state.history.values()) for (const e of hist) accepted[e.op] = (accepted[e.op] ?? 0) + 1;
console.log(`generated ${fmt(BLOCKS)} blocks, ${fmt(nTx)} operations in ${fmt(performance.now() - t)} ms; accepted name ops by kind: ${JSON.stringify(accepted)}`);
const finalHash = gdb.state.consensus.get(rules.firstBlock + BLOCKS - 1);
vc.closeNameDb(gdb);

async function index(label, open) {
  for (const k of Object.keys(vc.applyStats)) vc.applyStats[k] = 0;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const db = open();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const [h, txs] of chain) vc.applyBlock(db, h, txs);
  await vc.flushNameDb(db); // timed: every block committed (group commit's last group, the SQLite writer thread's queue)
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (db.state.consensus.get(rules.firstBlock + BLOCKS - 1) !== finalHash) throw new Error('consensus hash differs from the generator run');
  const s = vc.applyStats;
  const other = ms - s.decodeMs - s.rulesMs - s.consensusMs;
  gc();
  const mem = process.memoryUsage();
  const res = { label, ms, cpuMs, opsS: nTx / ms * 1000, opsCpuS: nTx / cpuMs * 1000, blocksS: BLOCKS / ms * 1000,
    split: `decode ${fmt(s.decodeMs)} / rules ${fmt(s.rulesMs)} / consensus ${fmt(s.consensusMs)} / DB+other ${fmt(other)} ms`,
    rssMB: mem.rss / 2 ** 20, heapMB: (mem.heapUsed - heap0) / 2 ** 20 };
  vc.closeNameDb(db);
  return res;
}

const dir = mkdtempSync(join(tmpdir(), 'vc-bench-'));
const path = join(dir, 'names.sqlite');
const rSql = await index('SQLite (WAL, 1 tx/block, undo)', () => vn.openNameDb(path, rules));
let dbBytes = 0;
for (const ext of ['', '-wal']) { try { dbBytes += statSync(path + ext).size; } catch { /* absent */ } }
const rGrp = await index('SQLite, group commit (64 blocks/tx, catch-up mode)', () => vn.openNameDb(join(dir, 'grouped.sqlite'), rules, { groupBlocks: 64 }));
const rMem = await index('memory only (keeps undo + block records in RAM)', () => vc.createNameDb(rules));
rmSync(dir, { recursive: true, force: true });

console.log(`load average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('\n| indexer | ops/s (wall) | ops/s (CPU time) | blocks/s | vs Core (~1 block/s) | time split | RSS / state heap |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
for (const r of [rSql, rGrp, rMem]) {
  console.log(`| ${r.label} | ${fmt(r.opsS)} | ${fmt(r.opsCpuS)} | ${fmt(r.blocksS)} | ${fmt(r.blocksS)}x | ${r.split} | ${fmt(r.rssMB)} / ${fmt(r.heapMB)} MB |`);
}
console.log(`SQLite file after ${fmt(BLOCKS)} blocks: ${(dbBytes / 2 ** 20).toFixed(1)} MB; SQLite ÷ memory throughput: ${(rSql.opsS / rMem.opsS).toFixed(2)}x (group commit: ${(rGrp.opsS / rMem.opsS).toFixed(2)}x)`);

// 2. Micro: one block's consensus hash (10 ops, 13 previous hashes) in the core vs the TS reference.
const ops = Array.from({ length: 10 }, (_, i) => `+:8:foo${i}.test,40:${'11'.repeat(20)},50:76a914${'22'.repeat(20)}88ac`.padEnd(480, '0'));
const prev = Array.from({ length: 13 }, (_, i) => i.toString(16).padStart(32, 'a'));
const enc = new TextEncoder();
const hex = (b) => Buffer.from(b).toString('hex');
function tsReference() {
  const leaves = ops.map((s) => hex(sha256(sha256(enc.encode(s))))).sort();
  const merkle = (hs) => {
    let level = hs.map((h) => Buffer.from(h, 'hex').reverse());
    while (level.length > 1) {
      if (level.length % 2) level.push(level[level.length - 1]);
      const next = [];
      for (let i = 0; i < level.length; i += 2) next.push(sha256(sha256(Buffer.concat([level[i], level[i + 1]]))));
      level = next;
    }
    return hex(Buffer.from(level[0]).reverse());
  };
  const root = merkle([...prev, merkle(leaves)].sort());
  return hex(ripemd160(sha256(Buffer.from(root, 'hex'))).subarray(0, 16));
}
if (tsReference() !== vc.consensusBlockCore(ops, prev).consensusHash) throw new Error('core and reference disagree');
const results = {};
await new Promise((resolve) => {
  new Benchmark.Suite()
    .add('core consensusBlock', () => vc.consensusBlockCore(ops, prev))
    .add('TS reference (@noble/hashes)', tsReference)
    .on('cycle', (e) => { results[e.target.name] = e.target.hz; })
    .on('complete', resolve)
    .run();
});
const c = results['core consensusBlock'], r = results['TS reference (@noble/hashes)'];
console.log('\n| operation | ours ops/s | peer | peer ops/s | ratio |\n| --- | ---: | --- | ---: | ---: |');
console.log(`| block consensus hash (10 ops, 13 prev) | ${fmt(c)} | TS + @noble/hashes | ${fmt(r)} | ${(c / r).toFixed(2)}x |`);

// 3. verify-consensus over the 87 shipped vector files (in-process replay, the CLI's work).
const vdir = new URL('../../shared/vectors/statemachine/', import.meta.url);
const { readdirSync, readFileSync } = await import('node:fs');
t = performance.now();
let blocks = 0, match = 0;
for (const f of readdirSync(vdir).filter((x) => x.endsWith('.json'))) {
  const v = JSON.parse(readFileSync(new URL(f, vdir), 'utf8'));
  const res = vc.replayVector(v);
  blocks += res.blocks; match += res.blocks - res.mismatches.length;
}
console.log(`\nreplay of the 87 state-machine vectors: ${match}/${blocks} blocks match in ${fmt(performance.now() - t)} ms`);
