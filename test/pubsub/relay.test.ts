// The node's /pubsub across processes (pubsub/relay.ts): two PubsubServers (two "API processes", each with its
// own HTTP server and verifier) share a real broker (NATS 4222, Redis 6379, Mosquitto 1883 on loopback). A subscriber
// of server A receives, exactly once, what was published to server B; B's own subscriber gets it once (its
// echo from the broker is dropped); a forgery injected straight into the broker is refused by the receiving
// process and reaches nobody; a forged publish to B is refused there and relayed nowhere.
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../bindings/node/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from '../helpers/tools.ts';
import { connectPubsub, makeTopic, MessageVerifier, Publisher, signMessage, type PubsubMessage, type PubsubTransport } from '../../bindings/pubsub/index.ts';
import { PubsubServer } from '../../bindings/pubsub/server.ts';
import { connectBroker, PubsubRelay } from '../../bindings/pubsub/relay.ts';
import { clearDiscoveryCache } from '../../bindings/auth/discover.ts';
import { APP, twoUsers, type Users } from './fixture.ts';
import { until } from '../helpers/until.ts';

let users: Users;
beforeAll(async () => { users = await twoUsers(); }, 30_000);
afterAll(async () => { await users?.close(); clearDiscoveryCache(); });

const pointer = (n: number) => ({ path: `microblog/posts/${n}.json`, size: 10 + n, sha256: (n % 16).toString(16).repeat(64), version: n });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc { srv: PubsubServer; relay: PubsubRelay; http: Server; url: string }
async function proc(brokerUri: string): Promise<Proc> {
  const verifier = new MessageVerifier({ lookupName: users.lookupName });
  const relay = new PubsubRelay(await connectBroker(brokerUri), verifier);
  const srv = new PubsubServer({ verifier, relay });
  const http = createServer();
  srv.attach(http);
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
  return { srv, relay, http, url: `ws://127.0.0.1:${(http.address() as { port: number }).port}/pubsub` };
}

describe.each([
  { kind: 'NATS', uri: 'nats://127.0.0.1:4222', tool: 'nats-server' },
  { kind: 'Redis', uri: 'redis://127.0.0.1:6379', tool: 'redis-server' },
  { kind: 'MQTT', uri: 'mqtt://127.0.0.1:1883', tool: 'mosquitto' },
])('pubsub relay through $kind', ({ uri, tool }) => {
  let a: Proc, b: Proc;
  const clients: PubsubTransport[] = [];
  beforeAll(async () => {
    haveTool(tool);
    a = await proc(uri);
    b = await proc(uri);
  });
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    for (const p of [a, b]) { await p?.srv.close(); p?.http.closeAllConnections(); p?.http.close(); }
  });
  const client = async (u: string) => { const c = await connectPubsub(u); clients.push(c); return c; };
  /** Raw frames of one topic as a WebSocket subscriber sees them (no client-side verification: the node's job is tested). */
  const rawSub = async (t: PubsubTransport, topic: string) => { const got: PubsubMessage[] = []; await t.subscribe(topic, (m) => void got.push(m as PubsubMessage)); return got; };

  it('a publish to B reaches A\'s subscriber once and B\'s own subscriber once; forgeries reach nobody', async () => {
    const topic = makeTopic('alice.id', APP, `relay-${Date.now()}`);
    const onA = await rawSub(await client(a.url), topic);
    const onB = await rawSub(await client(b.url), topic);
    const pubB = await client(b.url);
    const alice = new Publisher(users.keys['alice.id']);
    await alice.publish(pubB, topic, pointer(1));
    await until('onA.length === 1 && onB.length === 1', () => onA.length === 1 && onB.length === 1, 5000, 20);
    await alice.publish(pubB, topic, pointer(2));
    await until('onA.length === 2 && onB.length === 2', () => onA.length === 2 && onB.length === 2, 5000, 20);
    await sleep(300); // any duplicate or echo would have arrived by now
    expect(onA.map((m) => m.pointer.version)).toEqual([1, 2]);
    expect(onB.map((m) => m.pointer.version)).toEqual([1, 2]);
    expect(b.relay.stats.relayed).toBeGreaterThanOrEqual(2);
    expect(b.relay.stats.echoes).toBeGreaterThanOrEqual(2); // B's own publishes came back from the broker and were dropped
    expect(a.relay.stats.received).toBeGreaterThanOrEqual(2);

    // a forged publish to B (bob's key on alice's topic) is refused there, so nothing is relayed
    const relayedBefore = b.relay.stats.relayed;
    await expect(pubB.publish(signMessage(users.keys['bob.id'], topic, Date.now() + 5, pointer(3)))).rejects.toMatchObject({ code: 'E_UNKNOWN_KEY' });
    expect(b.relay.stats.relayed).toBe(relayedBefore);

    // forgeries injected straight into the broker (bypassing every node): refused by each receiving process
    const direct = await connectPubsub(uri);
    clients.push(direct);
    const refusedA = a.relay.stats.refused;
    await direct.publish(signMessage(users.keys['bob.id'], topic, Date.now() + 10, pointer(4)));
    const good = alice.sign(topic, pointer(5));
    await direct.publish({ ...good, pointer: { ...good.pointer, sha256: 'e'.repeat(64) } });
    await until('a.relay.stats.refused >= refusedA + 2', () => a.relay.stats.refused >= refusedA + 2, 5000, 20);
    // a genuine message injected into the broker is verified by both and delivered once to each
    await direct.publish(alice.sign(topic, pointer(6)));
    await until('onA.length === 3 && onB.length === 3', () => onA.length === 3 && onB.length === 3, 5000, 20);
    await sleep(300);
    expect(onA.map((m) => m.pointer.version)).toEqual([1, 2, 6]);
    expect(onB.map((m) => m.pointer.version)).toEqual([1, 2, 6]);
  }, 30_000);

  it('the broker subscription follows the local subscribers (dropped with the last one)', async () => {
    const topic = makeTopic('alice.id', APP, `follow-${Date.now()}`);
    const c = await client(a.url);
    await c.subscribe(topic, () => {});
    expect((a.relay as unknown as { subs: Map<string, unknown> }).subs.has(topic)).toBe(true);
    await c.close();
    await until('the relay to drop its broker subscription', () => !(a.relay as unknown as { subs: Map<string, unknown> }).subs.has(topic), 5000, 20);
  });

  it('a ws:// URI is not a broker (relay and node config refuse it)', async () => {
    await expect(connectBroker('ws://127.0.0.1:1/pubsub')).rejects.toMatchObject({ code: 'E_BAD_URI' });
    expect(() => loadConfig({ pubsub: { broker: 'ws://127.0.0.1:6270/pubsub' } }, { BLOCKSTACK_HOME: tmpdir() })).toThrow(/pubsub.broker must be/);
    expect(loadConfig({}, { BLOCKSTACK_HOME: tmpdir(), BLOCKSTACK_PUBSUB_BROKER: uri }).pubsub.broker).toBe(uri);
  });
});
