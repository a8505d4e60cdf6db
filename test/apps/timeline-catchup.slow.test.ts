// Microblog catch-up after a reconnection, on a real devnet node: bob's timeline watches alice's posts
// through a TCP proxy standing for his connection to the pubsub service (the node's /pubsub, Mosquitto,
// NATS, Redis). The proxy goes down (every socket killed, the port refusing) while alice posts and notifies;
// when it is back, bob's transport reconnects, re-subscribes and reports it, and the timeline lists
// alice's storage index: the missed posts appear (via 'storage'), the ones already seen are neither
// fetched nor announced again, and live notifications work again afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPubsub } from '../../bindings/pubsub/connect.ts';
import { clientOf } from '../../examples/lib/storage.ts';
import { signInJson, type Session } from '../../examples/lib/session.ts';
import { follow, post, Timeline, type Post } from '../../examples/microblog/lib.ts';
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { haveTool } from '../helpers/tools.ts';
import { Proxy } from '../pubsub/fixture.ts';
import { startNode, type TestNode } from './node.ts';
import { until } from '../helpers/until.ts';

let n: TestNode;
let alice: { s: Session; c: StorageClient };
let bob: { s: Session; c: StorageClient };
beforeAll(async () => {
  n = await startNode();
  const user = async (name: string) => { const s = await signInJson(n.api, 'microblog', name); return { s, c: clientOf(s) }; };
  alice = await user('alice.id');
  bob = await user('bob.id');
  await follow(bob.c, 'alice.id');
}, 120_000);
afterAll(async () => { await n?.stop(); });


// where bob's subscription goes (through the proxy) and where alice publishes (directly)
const cases = [
  { kind: 'node WebSocket /pubsub', tool: null, target: () => Number(new URL(n.api).port), uri: (port: number) => `ws://127.0.0.1:${port}/pubsub` },
  { kind: 'MQTT broker (Mosquitto)', tool: 'mosquitto', target: () => 1883, uri: (port: number) => `mqtt://127.0.0.1:${port}` },
  { kind: 'NATS broker', tool: 'nats-server', target: () => 4222, uri: (port: number) => `nats://127.0.0.1:${port}` },
  { kind: 'Redis broker', tool: 'redis-server', target: () => 6379, uri: (port: number) => `redis://127.0.0.1:${port}` },
] as const;

describe.each(cases)('microblog timeline catch-up over $kind', (tc) => {
  it('posts made while the follower\'s connection was down are found by listing storage, once each', async () => {
    if (tc.tool) haveTool(tc.tool);
    const proxy = new Proxy('127.0.0.1', tc.target());
    const port = await proxy.start();
    const direct = tc.uri(tc.target());
    const arrivals: { text: string; via: string }[] = [];
    let reconnects = 0;
    const tl = new Timeline(bob.c, bob.s, { onPost: (p: Post, via) => arrivals.push({ text: p.text, via }) });
    const tag = `${tc.tool ?? 'ws'}-${Date.now()}`;
    const say = (t: string) => post(alice.c, alice.s, `${t} ${tag}`, { connect: () => connectPubsub(direct) });
    try {
      await tl.rebuild(['alice.id']);
      const before = arrivals.length; // posts of earlier cases, all from storage
      expect(arrivals.every((a) => a.via === 'storage')).toBe(true);
      await tl.watch(async (u) => {
        // the node names its own /pubsub in alice's zone file; bob reaches it (or the broker) through the proxy
        expect(u).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/pubsub$/);
        const t = await connectPubsub(tc.uri(port));
        t.onReconnect(() => reconnects++);
        return t;
      }, ['alice.id']);

      expect((await say('live one')).published).toBe(true);
      await until('the live post', () => arrivals.some((a) => a.text === `live one ${tag}`));

      await proxy.stop(); // bob's connection is killed, and reconnecting is refused while alice posts
      for (const t of ['missed one', 'missed two']) expect((await say(t)).published).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      const missed = () => arrivals.filter((a) => a.text.startsWith('missed') && a.text.endsWith(tag)).length;
      expect(missed()).toBe(0);

      await proxy.start(); // same port: bob's transport reconnects with back-off and reports it
      await until('the reconnection', () => reconnects >= 1, 30_000);
      await until('the catch-up listing', () => missed() === 2);

      expect((await say('live two')).published).toBe(true);
      await until('live notifications after the reconnection', () => arrivals.some((a) => a.text === `live two ${tag}`));
      await new Promise((r) => setTimeout(r, 500)); // any late duplicate would arrive by now

      const mine = arrivals.slice(before);
      expect(mine).toEqual([
        { text: `live one ${tag}`, via: 'notification' },
        { text: `missed one ${tag}`, via: 'storage' },
        { text: `missed two ${tag}`, via: 'storage' },
        { text: `live two ${tag}`, via: 'notification' },
      ]);
      const texts = tl.sorted().map((p) => p.text);
      expect(texts.slice(-4)).toEqual(['live one', 'missed one', 'missed two', 'live two'].map((t) => `${t} ${tag}`));
      expect(new Set(tl.sorted().map((p) => p.id)).size).toBe(texts.length);
      expect(texts.length).toBe(before + 4);
    } finally {
      await tl.close();
      await proxy.stop();
    }
  }, 90_000);
});
