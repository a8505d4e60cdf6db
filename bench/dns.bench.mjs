// DNS gateway throughput: `blockstack start --dns-port P` (devnet, demo names), asked over UDP on loopback
// by a Node load generator in its own process (a window of outstanding queries, retries none): queries/s
// and p50/p99 latency for `_http._tcp.alice.id URI`, with the gateway's response cache on (1 s) and off
// (every query parses, looks up the name view and encodes). Issue 16 goal: >= 30,000 q/s on this machine.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as packet from 'dns-packet';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

if (process.argv[2] === 'load') {
  // child: node dns.bench.mjs load PORT SECONDS WINDOW
  const [port, secs, window] = process.argv.slice(3).map(Number);
  const sock = createSocket('udp4');
  const sent = new Map();
  const lat = [];
  let id = 0, done = 0, lost = 0;
  const t0 = performance.now();
  const end = t0 + secs * 1000;
  const q = (i) => packet.encode({ type: 'query', id: i, flags: 0, questions: [{ type: 'UNKNOWN_256', name: '_http._tcp.alice.id', class: 'IN' }] });
  const send = () => { id = (id + 1) & 0xffff; sent.set(id, performance.now()); sock.send(q(id), port, '127.0.0.1'); };
  sock.on('message', (m) => {
    const t = sent.get(m.readUInt16BE(0));
    if (t === undefined) return;
    sent.delete(m.readUInt16BE(0));
    const now = performance.now();
    lat.push(now - t);
    done++;
    if (now < end) send();
  });
  sock.bind(0, '127.0.0.1', () => { for (let i = 0; i < window; i++) send(); });
  // refill the window for lost datagrams
  const timer = setInterval(() => { const now = performance.now(); for (const [k, t] of sent) if (now - t > 500) { sent.delete(k); lost++; if (now < end) send(); } }, 100);
  setTimeout(() => {
    clearInterval(timer); sock.close();
    lat.sort((a, b) => a - b);
    const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? NaN;
    console.log(JSON.stringify({ qps: done / secs, p50: pct(0.5), p99: pct(0.99), lost }));
  }, secs * 1000 + 600);
} else {
  const run = async (cacheMs) => {
    const home = mkdtempSync(join(tmpdir(), 'bsk-dnsbench-'));
    const port = 47000 + Math.floor(Math.random() * 1000);
    const node = spawn(process.execPath, ['bin/blockstack.js', 'start', '--port', '0', '--dns-port', String(port)], {
      cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_DEVNET_RPC_PORT: '0', BLOCKSTACK_HUB_PORT: '0', BLOCKSTACK_DNS_RATE_LIMIT: '0', BLOCKSTACK_DNS_CACHE_MS: String(cacheMs) }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((ok, fail) => {
      let out = '';
      const t = setTimeout(() => fail(new Error('node not ready in 90 s')), 90_000);
      node.stdout.on('data', (d) => { out += d; if (out.includes('Ctrl-C stops')) { clearTimeout(t); ok(); } });
      node.on('exit', (c) => fail(new Error(`node exited ${c}`)));
    });
    const load = (secs) => new Promise((ok) => {
      const c = spawn(process.execPath, [fileURLToPath(import.meta.url), 'load', String(port), String(secs), '64'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let o = '';
      c.stdout.on('data', (d) => { o += d; });
      c.on('exit', () => ok(JSON.parse(o)));
    });
    await load(1); // warm-up
    const r = await load(seconds);
    node.kill('SIGINT');
    await new Promise((ok) => node.on('exit', ok));
    rmSync(home, { recursive: true, force: true });
    return r;
  };
  const cached = await run(1000);
  const uncached = await run(0);
  const row = (n, r) => `| ${n} | ${Math.round(r.qps).toLocaleString('en-US')} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms | ${r.lost} |`;
  console.log(`DNS gateway, UDP, \`_http._tcp.alice.id URI\`, 64 outstanding, ${seconds} s (loaded shared machine)\n`);
  console.log('| cache | queries/s | p50 | p99 | lost |\n| --- | --- | --- | --- | --- |');
  console.log(row('response cache on (1 s)', cached));
  console.log(row('off (parse + view + encode each query)', uncached));
}
