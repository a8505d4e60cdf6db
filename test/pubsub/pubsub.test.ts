// One suite, four transports: the node's WebSocket /pubsub (PubsubServer on a real HTTP server), NATS
// (127.0.0.1:4222), Redis (127.0.0.1:6379) and MQTT (Mosquitto 127.0.0.1:1883), each reached through a restartable TCP proxy. Real keys
// from real sign-ins; every subscriber verifies; forged, tampered, foreign-key and replayed messages are
// refused (by the node at publish time, and by the subscriber in every case); subscriptions survive a
// restart of what they connect to.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTool } from '../helpers/tools.ts';
import {
  connectPubsub, makeTopic, MessageVerifier, Publisher, PubsubError, signMessage, subscribeVerified, type PubsubMessage, type PubsubTransport,
} from '../../bindings/pubsub/index.ts';
import { PubsubServer } from '../../bindings/pubsub/server.ts';
import { mqttLevel, mqttTopic } from '../../bindings/pubsub/mqtt.ts';
import { clearDiscoveryCache } from '../../bindings/auth/discover.ts';
import { APP, Proxy, twoUsers, type Users } from './fixture.ts';
import { until } from '../helpers/until.ts';

let users: Users;
let http: Server;
let httpPort = 0;
let node: PubsubServer;
beforeAll(async () => {
  users = await twoUsers();
  node = new PubsubServer({ verifier: new MessageVerifier({ lookupName: users.lookupName }) });
  http = createServer((_q, r) => { r.statusCode = 426; r.end(); });
  node.attach(http);
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
  httpPort = (http.address() as { port: number }).port;
}, 30_000);
afterAll(async () => { await node?.close(); http?.close(); await users?.close(); clearDiscoveryCache(); });

const pointer = (n: number) => ({ path: `microblog/posts/${n}.json`, size: 10 + n, sha256: (n % 16).toString(16).repeat(64), version: n });

const targets = [
  { kind: 'node WebSocket /pubsub', scheme: 'ws', port: () => httpPort, path: '/pubsub', tool: null },
  { kind: 'NATS broker', scheme: 'nats', port: () => 4222, path: '', tool: 'nats-server' },
  { kind: 'Redis broker', scheme: 'redis', port: () => 6379, path: '', tool: 'redis-server' },
  { kind: 'MQTT broker', scheme: 'mqtt', port: () => 1883, path: '', tool: 'mosquitto' },
] as const;

describe.each(targets)('pubsub over $kind', (tg) => {
  const proxy = new Proxy('127.0.0.1', 0);
  let uri = '';
  let pub: PubsubTransport;
  let sub: PubsubTransport;
  const isNode = tg.scheme === 'ws';
  beforeAll(async () => {
    if (tg.tool) haveTool(tg.tool);
    (proxy as { target: number }).target = tg.port();
    uri = `${tg.scheme}://127.0.0.1:${await proxy.start()}${tg.path}`;
    pub = await connectPubsub(uri);
    sub = await connectPubsub(uri);
  });
  afterAll(async () => { await pub?.close(); await sub?.close(); await proxy.stop(); });

  it('bob receives alice\'s signed pointer; forged, tampered, foreign and replayed messages are refused', async () => {
    // a fresh channel per transport: the node's sequence state is shared between the suites
    const topic = makeTopic('alice.id', APP, `t-${tg.scheme}-${Date.now()}`);
    const got: PubsubMessage[] = [];
    const dropped: string[] = [];
    await subscribeVerified(sub, topic, new MessageVerifier({ lookupName: users.lookupName }), { onMessage: (m) => void got.push(m), onDrop: (e) => dropped.push(e.code) });
    const alice = new Publisher(users.keys['alice.id']);
    const m1 = await alice.publish(pub, topic, pointer(1));
    await until('got.length === 1', () => got.length === 1, 5000, 20);
    expect(got[0].pointer).toEqual(pointer(1));
    expect(got[0].publisher).toBe('alice.id');

    const refused = async (m: unknown, code: string) => {
      if (isNode) {
        await expect(pub.publish(m as PubsubMessage)).rejects.toMatchObject({ code });
      } else {
        await pub.publish(m as PubsubMessage);
        await until('dropped.includes(code)', () => dropped.includes(code), 5000, 20);
      }
    };
    // replay of the very same signed message
    await refused(m1, 'E_REPLAY');
    // tampered pointer (signature no longer matches)
    const tampered = { ...alice.sign(topic, pointer(2)), pointer: { ...pointer(2), sha256: 'f'.repeat(64) } };
    await refused(tampered, 'E_BAD_SIGNATURE');
    // forged: bob signs a message on alice's topic with his own (valid, published) app key
    await refused(signMessage(users.keys['bob.id'], topic, Date.now() + 5, pointer(3)), 'E_UNKNOWN_KEY');
    // carol never published an app key: the message cannot be attributed
    await refused(signMessage(users.keys['carol.id'], makeTopic('carol.id', APP, 'x'), Date.now(), pointer(4)), isNode ? 'E_UNKNOWN_KEY' : 'E_UNKNOWN_KEY');
    // stale (outside the time window)
    await refused(signMessage(users.keys['alice.id'], topic, Date.now() + 10, pointer(5), Date.now() - 3_600_000), 'E_STALE');
    // malformed
    if (isNode) await expect(pub.publish({ v: 1, topic } as unknown as PubsubMessage)).rejects.toBeInstanceOf(PubsubError);

    await alice.publish(pub, topic, pointer(6));
    await until('got.length === 2', () => got.length === 2, 5000, 20);
    expect(got.map((m) => m.pointer.version)).toEqual([1, 6]);
    if (!isNode) expect(dropped).toEqual(expect.arrayContaining(['E_REPLAY', 'E_BAD_SIGNATURE', 'E_UNKNOWN_KEY', 'E_STALE']));
  }, 30_000);

  it('subscriptions survive a restart (reconnect with back-off, re-subscribe, reconnection reported)', async () => {
    const topic = makeTopic('alice.id', APP, `r-${tg.scheme}-${Date.now()}`);
    const got: number[] = [];
    let reconnects = 0;
    sub.onReconnect(() => reconnects++);
    pub.onReconnect(() => {});
    await subscribeVerified(sub, topic, new MessageVerifier({ lookupName: users.lookupName }), { onMessage: (m) => void got.push(m.pointer.version!) });
    const alice = new Publisher(users.keys['alice.id']);
    await alice.publish(pub, topic, pointer(1));
    await until('got.length === 1', () => got.length === 1, 5000, 20);
    await proxy.restart(400);
    await until('reconnects >= 1', () => reconnects >= 1, 15_000, 20);
    // the publisher reconnects on its own too; retry until its connection is back
    const t0 = Date.now();
    for (;;) {
      try { await alice.publish(pub, topic, pointer(2)); break; } catch (e) { if (Date.now() - t0 > 15_000) throw e; await new Promise((r) => setTimeout(r, 200)); }
    }
    await until('got.includes(2)', () => got.includes(2), 10_000, 20);
    expect(got).toEqual([1, 2]);
  }, 45_000);
});

describe('MQTT topic mapping', () => {
  it('names, app domains and channels cannot add a level or inject a wildcard', () => {
    expect(mqttTopic(makeTopic('alice.id', APP, 'posts'))).toBe('bsk/pubsub/alice.id/http%253A%252F%252F127.0.0.1%253A8555%252Fapps%252Fmicroblog/posts');
    // '+' is legal in a name; in MQTT it is the single-level wildcard
    const t = mqttTopic(makeTopic('a+b.id', 'https://x.example/#/+', 'c'));
    expect(t).toBe('bsk/pubsub/a%2Bb.id/https%253A%252F%252Fx.example%252F%2523%252F%252B/c');
    expect(t).not.toMatch(/[+#]/);
    expect(t.split('/')).toHaveLength(5);
    // the escaping is injective: distinct topics never share an MQTT topic
    expect(mqttLevel('a%2Bb')).not.toBe(mqttLevel('a+b'));
    expect(() => mqttTopic('alice.id/#/posts')).toThrow(PubsubError);
  });
  it.runIf(haveTool('mosquitto'))('a subscriber to a name with "+" gets only that name\'s messages (Mosquitto)', async () => {
    const a = await connectPubsub('mqtt://127.0.0.1:1883');
    const b = await connectPubsub('mqtt://127.0.0.1:1883');
    try {
      const ch = `w-${Date.now()}`;
      const got: string[] = [];
      // unescaped, 'a+b.id' is an invalid filter (Mosquitto drops the client) and '+' would match any level
      await a.subscribe(makeTopic('a+b.id', APP, ch), (raw) => void got.push((raw as PubsubMessage).topic));
      const other = { ...signMessage(users.keys['alice.id'], makeTopic('alice.id', APP, ch), 1, pointer(1)) };
      await b.publish(other);
      const mine = signMessage(users.keys['alice.id'], makeTopic('alice.id', APP, ch), 2, pointer(2));
      await b.publish({ ...mine, topic: makeTopic('a+b.id', APP, ch) });
      await until('got.length >= 1', () => got.length >= 1, 5000, 20);
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual([makeTopic('a+b.id', APP, ch)]);
    } finally { await a.close(); await b.close(); }
  });
});

describe('pubsub input checks', () => {
  it('bad URIs and topics are clear errors', async () => {
    await expect(connectPubsub('ftp://x')).rejects.toMatchObject({ code: 'E_BAD_URI' });
    await expect(connectPubsub('not a uri')).rejects.toMatchObject({ code: 'E_BAD_URI' });
    expect(() => makeTopic('Alice', APP, 'x')).toThrow(/not a name/);
    expect(() => makeTopic('alice.id', 'ftp://x', 'x')).toThrow(/app domain/);
    expect(() => makeTopic('alice.id', APP, 'a/b')).toThrow(/channel/);
  });
  it('the node answers bad frames with an error frame, not a crash', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/pubsub`);
    const frames: any[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    await new Promise((ok) => ws.on('open', ok));
    ws.send('not json');
    ws.send(JSON.stringify({ op: 'nope', id: 7 }));
    ws.send(JSON.stringify({ op: 'sub', id: 8, topic: 'bad' }));
    await until('frames.length === 3', () => frames.length === 3, 5000, 20);
    expect(frames.map((f) => f.code)).toEqual(['E_BAD_REQUEST', 'E_BAD_REQUEST', 'E_BAD_TOPIC']);
    ws.close();
  });
});

describe('node restart', () => {
  it('a WebSocket subscriber reconnects to a restarted /pubsub on the same port and receives again', async () => {
    const up = async (port: number) => {
      const srv = new PubsubServer({ verifier: new MessageVerifier({ lookupName: users.lookupName }) });
      const h = createServer();
      srv.attach(h);
      await new Promise<void>((ok) => h.listen(port, '127.0.0.1', () => ok()));
      return { srv, h, port: (h.address() as { port: number }).port };
    };
    const down = async (x: { srv: PubsubServer; h: Server }) => { await x.srv.close(); x.h.closeAllConnections(); await new Promise((ok) => x.h.close(ok)); };
    let a = await up(0);
    const uri = `ws://127.0.0.1:${a.port}/pubsub`;
    const s = await connectPubsub(uri);
    const p = await connectPubsub(uri);
    const topic = makeTopic('alice.id', APP, `restart-${Date.now()}`);
    const got: number[] = [];
    let reconnects = 0;
    s.onReconnect(() => reconnects++);
    await subscribeVerified(s, topic, new MessageVerifier({ lookupName: users.lookupName }), { onMessage: (m) => void got.push(m.pointer.version!) });
    const alice = new Publisher(users.keys['alice.id']);
    await alice.publish(p, topic, pointer(1));
    await until('got.length === 1', () => got.length === 1, 5000, 20);
    await down(a);
    await new Promise((r) => setTimeout(r, 300));
    a = await up(a.port);
    await until('reconnects >= 1', () => reconnects >= 1, 15_000, 20);
    const t0 = Date.now();
    for (;;) {
      try { await alice.publish(p, topic, pointer(2)); break; } catch (e) { if (Date.now() - t0 > 15_000) throw e; await new Promise((r) => setTimeout(r, 200)); }
    }
    await until('got.includes(2)', () => got.includes(2), 10_000, 20);
    expect(got).toEqual([1, 2]);
    await s.close(); await p.close(); await down(a);
  }, 45_000);
});
