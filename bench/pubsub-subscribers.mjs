// Child of bench/pubsub.bench.mjs: N subscribers on one topic (WebSocket clients of the node's /pubsub, or
// NATS subscriptions / MQTT client connections spread over a few connections), counting deliveries and publish→delivery latency
// (receive time − the message's signed `ts`). Prints "ready", then on stdin "report" a JSON line.
import { WebSocket } from 'ws';
import { connect } from 'nats';
import mqtt from 'mqtt';

const [kind, uri, count, topic, subject] = process.argv.slice(2);
const N = Number(count);
let deliveries = 0;
let lat = [];
let first = 0;
let last = 0;
const seen = (text) => {
  const now = Date.now();
  const f = JSON.parse(text);
  const m = f.op === 'msg' ? f.msg : f;
  if (!m || typeof m.ts !== 'number') return;
  if (!first) first = now;
  last = now;
  deliveries++;
  lat.push(now - m.ts);
};

if (kind === 'ws') {
  let up = 0;
  await Promise.all(Array.from({ length: N }, () => new Promise((ok, fail) => {
    const ws = new WebSocket(uri, { perMessageDeflate: false });
    ws.on('open', () => ws.send(JSON.stringify({ op: 'sub', id: 1, topic })));
    ws.on('message', (d) => { const s = d.toString(); if (s.startsWith('{"op":"ok"')) { up++; ok(); } else seen(s); });
    ws.on('error', fail);
  })));
  if (up !== N) throw new Error('not all subscribed');
} else if (kind === 'mqtt') {
  // MQTT delivers a message once per client (overlapping subscriptions of one client are one delivery),
  // so 1,000 subscribers are 1,000 client connections, each subscribed to the mapped topic
  const conns = await Promise.all(Array.from({ length: N }, () => mqtt.connectAsync(uri, { reconnectPeriod: 0, clean: true })));
  for (const c of conns) c.on('message', (_t, payload) => seen(payload.toString()));
  await Promise.all(conns.map((c) => c.subscribeAsync(subject, { qos: 0 })));
} else {
  const CONNS = 10;
  const conns = await Promise.all(Array.from({ length: CONNS }, () => connect({ servers: uri.replace('nats://', '') })));
  const dec = new TextDecoder();
  for (let i = 0; i < N; i++) conns[i % CONNS].subscribe(subject, { callback: (_e, m) => seen(dec.decode(m.data)) });
  await Promise.all(conns.map((c) => c.flush()));
}
process.stdout.write('ready\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  if (d.includes('reset')) { deliveries = 0; lat = []; first = 0; last = 0; process.stdout.write('ok\n'); return; }
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : null;
  process.stdout.write(JSON.stringify({ deliveries, first, last, p50: q(0.5), p99: q(0.99), max: lat.at(-1) ?? null }) + '\n');
  if (d.includes('exit')) process.exit(0);
});
