// Pubsub fan-out: 1,000 subscribers on loopback, one publisher. (1) the node's WebSocket /pubsub
// (PubsubServer on node:http, exactly as the node mounts it): every publish verified once (signature +
// app key through key discovery, cached + sequence) then one serialised frame written to 1,000 sockets;
// (2) beside it, the same messages through the NATS adapter (127.0.0.1:4222) to 1,000 NATS subscriptions
// (10 connections), and through the MQTT adapter (Mosquitto 127.0.0.1:1883, QoS 1 publish, 1,000 client
// connections: MQTT delivers once per client). Subscribers live in a child process (the second core). Two phases each: saturated
// (publish as fast as acks come back → deliveries/s) and paced at ~half that rate (→ p50/p99 publish→delivery
// latency, receive time − the signed ms timestamp). With a broker, verification moves to the subscribers;
// the bench counts transport delivery only for both.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pubsub, makeProfileJson, withApp, emptyPerson, publicKeyOf, btcAddressOf, profileZoneFile } from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const SUBS = Number(process.env.BENCH_PUBSUB_SUBS ?? 1000);
const SAT_MSGS = Number(process.env.BENCH_PUBSUB_MSGS ?? 400);
const APP = 'http://127.0.0.1:6270/apps/microblog';
const NAME = 'bench.id';

// a publisher identity: owner key signs the profile, whose appsMeta names the app key
const ownerKey = randomBytes(32).toString('hex');
const appKey = randomBytes(32).toString('hex');
const appPub = publicKeyOf(appKey);
const profile = makeProfileJson(withApp(emptyPerson(NAME), APP, `http://hub.invalid/${btcAddressOf(appPub)}/`, appPub), ownerKey);
const zonefile = profileZoneFile(NAME, 'http://hub.invalid/profile.json');
const verifier = new pubsub.MessageVerifier({
  lookupName: async () => ({ address: btcAddressOf(publicKeyOf(ownerKey)), zonefile }),
  fetch: async () => new Response(profile),
});
const topic = pubsub.makeTopic(NAME, APP, 'posts');
const publisher = new pubsub.Publisher(appKey);
const pointer = { path: 'microblog/posts/1-00000000.json', size: 120, sha256: 'ab'.repeat(32), version: 1 };

function subscribers(kind, uri) {
  const subject = kind === 'mqtt' ? pubsub.mqttTopic(topic) : pubsub.natsSubject(topic);
  const child = spawn(process.execPath, [join(here, 'pubsub-subscribers.mjs'), kind, uri, String(SUBS), topic, subject], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = [];
  let waiters = [];
  let buf = '';
  child.stdout.on('data', (d) => { buf += d; let i; while ((i = buf.indexOf('\n')) >= 0) { lines.push(buf.slice(0, i)); buf = buf.slice(i + 1); } const w = waiters; waiters = []; w.forEach((f) => f()); });
  const next = async () => { while (!lines.length) await new Promise((r) => waiters.push(r)); return lines.shift(); };
  return { child, next, ask: async (cmd) => { child.stdin.write(cmd + '\n'); return next(); } };
}

async function phase(t, subs, msgs, intervalMs) {
  await subs.ask('reset');
  const t0 = Date.now();
  for (let i = 0; i < msgs; i++) {
    await publisher.publish(t, topic, pointer);
    if (intervalMs) { const due = t0 + (i + 1) * intervalMs; const w = due - Date.now(); if (w > 0) await new Promise((r) => setTimeout(r, w)); }
  }
  // wait for the deliveries to drain
  let r;
  for (let k = 0; k < 100; k++) { r = JSON.parse(await subs.ask('report')); if (r.deliveries >= msgs * SUBS) break; await new Promise((x) => setTimeout(x, 100)); }
  const secs = Math.max(1, r.last - t0) / 1000;
  return { msgs, deliveries: r.deliveries, expected: msgs * SUBS, perSec: Math.round(r.deliveries / secs), p50: r.p50, p99: r.p99, max: r.max };
}

async function run(kind, uri) {
  const subs = subscribers(kind, uri);
  if ((await subs.next()) !== 'ready') throw new Error('subscribers failed');
  const t = await pubsub.connectPubsub(uri);
  await publisher.publish(t, topic, pointer); // warm: key discovery cached, connections up
  await new Promise((r) => setTimeout(r, 300));
  const sat = await phase(t, subs, SAT_MSGS, 0);
  const rate = Math.max(5, Math.round(sat.perSec / SUBS / 2)); // messages/s for the paced phase
  const paced = await phase(t, subs, Math.min(300, rate * 3), 1000 / rate);
  await subs.ask('report exit');
  await t.close();
  return { sat, paced, rate };
}

const http = createServer((_q, r) => { r.statusCode = 426; r.end(); });
const server = new pubsub.PubsubServer({ verifier, maxBufferedBytes: 64 * 1024 * 1024 });
server.attach(http);
await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
const wsUri = `ws://127.0.0.1:${http.address().port}/pubsub`;

const rows = [];
const ws = await run('ws', wsUri);
rows.push(['node /pubsub (verify once, fan out)', ws]);
try {
  rows.push(['NATS adapter (127.0.0.1:4222)', await run('nats', 'nats://127.0.0.1:4222')]);
} catch (e) {
  console.log(`NATS not measured: ${e.message}`);
}
try {
  rows.push(['MQTT adapter (Mosquitto 127.0.0.1:1883)', await run('mqtt', 'mqtt://127.0.0.1:1883')]);
} catch (e) {
  console.log(`MQTT not measured: ${e.message}`);
}
await server.close();
http.close();

console.log(`pubsub fan-out to ${SUBS} subscribers (loopback; subscribers in a child process)`);
console.log('| transport | saturated: msgs → deliveries/s | paced: msgs/s → p50 / p99 / max ms | delivered |');
console.log('| --- | --- | --- | --- |');
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.sat.msgs} → ${r.sat.perSec.toLocaleString('en')} /s | ${r.rate}/s → ${r.paced.p50} / ${r.paced.p99} / ${r.paced.max} ms | ${r.sat.deliveries + r.paced.deliveries}/${r.sat.expected + r.paced.expected} |`);
}
console.log(`node verified ${server.stats.published} publishes once each, refused ${server.stats.refused}`);
process.exit(0);
