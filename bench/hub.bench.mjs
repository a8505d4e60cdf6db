// Storage hub throughput with autocannon: writes/s and reads/s for 1 KiB and 1 MiB bodies against the hub
// started exactly as users start it (`blockstack hub start`, disk driver, loopback), next to a bare
// node:http baseline measured in the same run (same bodies, files written with writeFile + rename, no auth,
// no metadata) — the ratio is the cost of Gaia semantics (token check, mutex, ETag, metadata, atomic write).
// Every write is a distinct path (the hub serialises writes per path by design).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storage } from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const KEY = '9c448616d18ab3fe41a8a0dd34fcd536e1bd7b42b98c8de972db8d41677591ff';
const ADDR = storage.addressFromPrivateKey(KEY);
const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3); // median of REPEATS interleaved runs (the box is shared)
const CONNECTIONS = 16;

async function startOurHub() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const child = spawn(process.execPath, [join(here, '..', 'bin', 'blockstack.js'), 'hub', 'start', '--port', '0', '--storage', dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((res, rej) => {
    child.stdout.once('data', (d) => res(String(d)));
    child.once('exit', (c) => rej(new Error(`hub exited ${c}`)));
  });
  const { url } = JSON.parse(line);
  const info = await (await fetch(`${url}/hub_info`)).json();
  const token = storage.makeAuthToken(info.challenge_text, url, KEY);
  return { url, headers: { authorization: `bearer ${token}` }, store: (p) => `/store/${ADDR}/${p}`, read: (p) => `/read/${ADDR}/${p}`, close: () => child.kill('SIGTERM') };
}

async function startBaseline() {
  const dir = mkdtempSync(join(tmpdir(), 'base-bench-'));
  let n = 0;
  const server = createServer(async (req, res) => {
    if (req.method === 'POST') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const file = join(dir, decodeURIComponent(req.url.slice(7)).replaceAll('/', '_'));
      const tmp = join(dir, `.tmp${n++}`);
      await fs.writeFile(tmp, Buffer.concat(chunks));
      await fs.rename(tmp, file);
      res.writeHead(202, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    try {
      const body = await fs.readFile(join(dir, decodeURIComponent(req.url.slice(6)).replaceAll('/', '_')));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, headers: {}, store: (p) => `/store/${p}`, read: (p) => `/read/${p}`, close: () => server.close() };
}

async function run(target, kind, size, tag) {
  const body = Buffer.alloc(size, 7);
  if (kind === 'read') {
    const r = await fetch(target.url + target.store(`read-${tag}`), { method: 'POST', body, headers: target.headers });
    if (r.status !== 202) throw new Error(`seed write failed: ${r.status} ${await r.text()}`);
  }
  let i = 0;
  const result = await autocannon({
    url: target.url, connections: CONNECTIONS, duration: DURATION, pipelining: 1,
    requests: [kind === 'write'
      ? { method: 'POST', headers: { ...target.headers, 'content-type': 'application/octet-stream' }, body, setupRequest: (req) => ({ ...req, path: target.store(`w-${tag}/${i++}`) }) }
      : { method: 'GET', path: target.read(`read-${tag}`) }],
  });
  const bad = result.non2xx + result.errors;
  if (bad) console.error(`  (${kind} ${tag}: ${bad} non-2xx/errors)`);
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'] };
}

const ours = await startOurHub();
const base = await startBaseline();
const rows = [];
try {
  for (const [label, size] of [['1 KiB', 1024], ['1 MiB', 1024 * 1024]]) {
    for (const kind of ['write', 'read']) {
      const as = [];
      const bs = [];
      for (let k = 0; k < REPEATS; k++) {
        const tag = `${kind}-${size}-${k}`;
        as.push(await run(ours, kind, size, tag));
        bs.push(await run(base, kind, size, tag));
      }
      const med = (xs) => xs.sort((x, y) => x.rps - y.rps)[Math.floor(xs.length / 2)];
      const a = med(as);
      const b = med(bs);
      rows.push({ op: `${kind}s ${label}`, 'hub req/s': Math.round(a.rps), 'hub p99 ms': a.p99, 'baseline req/s': Math.round(b.rps), 'hub/baseline': (a.rps / b.rps).toFixed(2) });
    }
  }
} finally {
  ours.close();
  base.close();
}
console.log(`hub bench: ${CONNECTIONS} connections, ${DURATION}s per run, median of ${REPEATS}, node ${process.version}`);
console.table(rows);
