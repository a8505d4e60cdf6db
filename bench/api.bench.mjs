// REST API throughput: GET /v1/names/alice.id on a real `blockstack start` node (devnet, demo names),
// measured with autocannon over loopback. Target (issue 6): >= 10,000 req/s and p99 < 10 ms on the
// 2-core box. Peer in the same run: a bare node:http server answering the same JSON bytes (the ceiling).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = mkdtempSync(join(tmpdir(), 'bsk-bench-'));
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const port = 46000 + Math.floor(Math.random() * 1000);

const node = spawn(process.execPath, ['bin/blockstack.js', 'start', '--port', String(port)], {
  cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_DEVNET_RPC_PORT: '0', BLOCKSTACK_HUB_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok, fail) => {
  let out = '';
  const t = setTimeout(() => fail(new Error('node not ready in 60 s')), 60_000);
  node.stdout.on('data', (d) => { out += d; if (out.includes('Ctrl-C stops')) { clearTimeout(t); ok(); } });
  node.on('exit', (c) => fail(new Error(`node exited ${c}`)));
});

const url = `http://127.0.0.1:${port}/v1/names/alice.id`;
const body = await fetch(url).then((r) => r.text());
const run = (u) => autocannon({ url: u, connections: 32, duration: seconds, pipelining: 1 });

// the peer runs in its own process, like the node (autocannon must not share its event loop)
const peerSrc = `const b=${JSON.stringify(body)};require('http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json','access-control-allow-origin':'*'});s.end(b)}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})`;
const peer = spawn(process.execPath, ['-e', peerSrc], { stdio: ['ignore', 'pipe', 'inherit'] });
const peerPort = await new Promise((ok) => peer.stdout.once('data', (d) => ok(Number(String(d).trim()))));

await run(url); // warm-up (JIT, caches)
const ours = await run(url);
const bare = await run(`http://127.0.0.1:${peerPort}/v1/names/alice.id`);
peer.kill();
node.kill('SIGINT');
await new Promise((ok) => node.on('exit', ok));
rmSync(home, { recursive: true, force: true });

const row = (name, r) => `${name.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.non2xx}`;
console.log(`GET /v1/names/alice.id, ${seconds}s x 32 connections (autocannon, loopback)`);
console.log(row('blockstack node (hono, SQLite view)', ours));
console.log(row('peer: bare node:http, same bytes', bare));
console.log(`ratio ours/bare: ${(ours.requests.average / bare.requests.average).toFixed(2)}`);
const ok = ours.requests.average >= 10_000 && ours.latency.p99 < 10 && ours.errors + ours.non2xx === 0;
console.log(`target >= 10000 req/s and p99 < 10 ms: ${ok ? 'MET' : 'NOT MET'}`);
