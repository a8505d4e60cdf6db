// PostgreSQL scale-out: (1) index throughput of the same generated chain into SQLite and into PostgreSQL
// (group commit, one multi-row statement per table per batch; goal PostgreSQL ≥ 0.5x SQLite ops/s);
// (2) GET /v1/names/{name} req/s from 1 and from 2 `api serve --read-only` processes over that PostgreSQL
// database (goal: 2 readers ≥ 1.5x one; the load generator runs on the same 2-core box).
// PG_BENCH_BLOCKS (default 3000), BENCH_SECONDS (default 6), PG_TEST_URL (admin URL, default local trust).
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { virtualchain as vc, virtualchainNode as vn } from '../dist/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLOCKS = Number(process.env.PG_BENCH_BLOCKS ?? 3000);
const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const admin = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const rules = vc.devnetRules(1000);

// throwaway database
const dbName = `bsk_bench_${process.pid}_${Date.now().toString(36)}`;
const adm = new pg.Client({ connectionString: admin });
await adm.connect();
await adm.query(`CREATE DATABASE ${dbName}`);
const u = new URL(admin); u.pathname = '/' + dbName;
const url = u.toString();
const dir = mkdtempSync(join(tmpdir(), 'pg-bench-'));
const readers = [];
async function cleanup() {
  for (const r of readers) r.kill('SIGTERM');
  await new Promise((ok) => setTimeout(ok, 300));
  await adm.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await adm.end();
  rmSync(dir, { recursive: true, force: true });
}

try {
  // 1. the chain (not timed)
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
  const finalHash = gdb.state.consensus.get(rules.firstBlock + BLOCKS - 1);
  const names = [...gdb.state.names.keys()];

  async function index(label, db) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const [h, txs] of chain) {
      vc.applyBlock(db, h, txs);
      if (h % 64 === 0) await vc.flushNameDb(db); // as the indexer does during a catch-up
    }
    await vc.flushNameDb(db);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (db.state.consensus.get(rules.firstBlock + BLOCKS - 1) !== finalHash) throw new Error(`${label}: consensus hash differs`);
    await vc.closeNameDbAsync(db);
    return { label, ms, opsS: nTx / ms * 1000, cpuOpsS: nTx / ((cpu.user + cpu.system) / 1000) * 1000, blocksS: BLOCKS / ms * 1000 };
  }
  const sqlite = await index('SQLite (WAL, 1 tx/block)', vn.openNameDb(join(dir, 'names.sqlite'), rules));
  const postgres = await index('PostgreSQL (group commit, multi-row)', await vn.openPgNameDb(url, rules));
  console.log(`index ${fmt(BLOCKS)} generated blocks, ${fmt(nTx)} operations (full validation + consensus hashes; final hash checked)`);
  console.log('| store | ops/s (wall) | ops/s (this process CPU) | blocks/s |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of [sqlite, postgres]) console.log(`| ${r.label} | ${fmt(r.opsS)} | ${fmt(r.cpuOpsS)} | ${fmt(r.blocksS)} |`);
  const ratio = postgres.opsS / sqlite.opsS;
  console.log(`PostgreSQL / SQLite: ${ratio.toFixed(2)}x (goal >= 0.5x: ${ratio >= 0.5 ? 'MET' : 'NOT MET'})`);

  // 2. read-only API processes over the PostgreSQL database
  const startReader = () => new Promise((ok, fail) => {
    const p = spawn(process.execPath, [join(root, 'bin/blockstack.js'), 'api', 'serve', '--db', url, '--read-only', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    readers.push(p);
    let out = '';
    p.stdout.on('data', (d) => { out += d; try { ok(JSON.parse(out).api); } catch { /* more */ } });
    p.on('exit', (c) => fail(new Error(`reader exited ${c}`)));
  });
  const r1 = await startReader();
  const r2 = await startReader();
  const paths = names.slice(0, 200).map((n) => `/v1/names/${n}`);
  // load generators in their own processes (two, 16 connections each, in both cases), so that the generator's
  // event loop is not the limit; 1 reader: both aim at it; 2 readers: one each
  // wrk (Debian package; C, a fraction of autocannon's CPU per request) when on PATH: on 2 cores the load
  // generator shares the CPU with the readers, so a cheaper one leaves the second reader a core to use.
  // BENCH_LOADGEN=autocannon forces the npm generator.
  const useWrk = process.env.BENCH_LOADGEN !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;
  const lua = join(dir, 'paths.lua');
  writeFileSync(lua, `local p = {${paths.map((x) => JSON.stringify(x)).join(',')}}\nlocal i = 0\nrequest = function() i = i % #p + 1; return wrk.format('GET', p[i]) end\n`);
  const wrkGen = (base, s) => new Promise((ok, fail) => {
    const p = spawn('wrk', ['-t1', '-c16', `-d${s}s`, '--latency', '-s', lua, base], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (c) => {
      if (c !== 0) return fail(new Error(`wrk exited ${c}`));
      const num = (re) => Number((out.match(re) ?? [])[1] ?? 0);
      const p99 = out.match(/99%\s+([\d.]+)(us|ms|s)/);
      const ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 1e-3 : p99[2] === 's' ? 1e3 : 1) : NaN;
      ok({ req: num(/Requests\/sec:\s+([\d.]+)/), p99: Math.round(ms * 10) / 10, bad: num(/Non-2xx or 3xx responses:\s+(\d+)/) + num(/Socket errors:.*?timeout (\d+)/) });
    });
  });
  const loadGen = (base, s) => useWrk ? wrkGen(base, s) : new Promise((ok, fail) => {
    const src = `require('autocannon')({url:${JSON.stringify(base)},connections:16,duration:${s},pipelining:1,requests:${JSON.stringify(paths.map((path) => ({ method: 'GET', path })))}},(e,r)=>{if(e)throw e;console.log(JSON.stringify({req:r.requests.average,p99:r.latency.p99,bad:r.errors+r.non2xx}))})`;
    const p = spawn(process.execPath, ['-e', src], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (c) => (c === 0 ? ok(JSON.parse(out)) : fail(new Error(`load generator exited ${c}`))));
  });
  await Promise.all([loadGen(r1, 2), loadGen(r2, 2)]); // warm-up (JIT, caches)
  const oneRuns = await Promise.all([loadGen(r1, seconds), loadGen(r1, seconds)]);
  const two = await Promise.all([loadGen(r1, seconds), loadGen(r2, seconds)]);
  const one = { requests: { average: oneRuns[0].req + oneRuns[1].req }, latency: { p99: Math.max(oneRuns[0].p99, oneRuns[1].p99) } };
  const twoReq = two[0].req + two[1].req;
  const errs = [...oneRuns, ...two].reduce((a, x) => a + x.bad, 0);
  console.log(`\nGET /v1/names/{name} (200 names cycled), ${seconds}s, 2 ${useWrk ? 'wrk' : 'autocannon'} processes x 16 connections`);
  console.log('| read-only API processes | req/s | p99 ms |');
  console.log('| --- | ---: | ---: |');
  console.log(`| 1 | ${fmt(one.requests.average)} | ${one.latency.p99} |`);
  console.log(`| 2 | ${fmt(twoReq)} | ${Math.max(two[0].p99, two[1].p99)} |`);
  const scale = twoReq / one.requests.average;
  console.log(`2 readers / 1 reader: ${scale.toFixed(2)}x (goal >= 1.5x: ${scale >= 1.5 ? 'MET' : 'NOT MET'}); errors/non-2xx: ${errs}`);
} finally {
  await cleanup();
}
process.exit(0);
