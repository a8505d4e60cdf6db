/**
 * Atlas: inventory vectors, the RPC surface driven by an independent XML-RPC client (npm `xmlrpc`, acting
 * as a Core peer), and multi-node replication on loopback (reach-all, late joiner, hostile peers banned).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import xmlrpc from 'xmlrpc';
import { Inventory, encodeBits, countMissing, getBit } from '../../bindings/routing/atlas/index.ts';
import { zoneFileHash } from '../../bindings/index.ts';
import { DevChain, SAMPLES, startNode, startHostilePeer, crawlAll, type TestNode } from './atlas-helpers.ts';
import { sharedJson } from '../helpers/shared.ts';

const INV = sharedJson('vectors/zonefiles/atlas_inventory.json');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('inventory vectors', () => {
  it('basic encodings', () => {
    for (const v of INV.basic) {
      const bits = [...v.bits].map((c: string) => c === '1');
      const enc = encodeBits(bits);
      expect(hex(enc)).toBe(v.hex);
      expect(Buffer.from(enc).toString('base64')).toBe(v.base64);
      bits.forEach((b, i) => expect(getBit(enc, i)).toBe(b));
    }
  });
  it('history → slots → inventories → missing → byte ranges', () => {
    const h = INV.history_example;
    const inv = new Inventory();
    const ops = h.operations.filter((o: any) => ['NAME_IMPORT', 'NAME_REGISTRATION', 'NAME_RENEWAL', 'NAME_UPDATE'].includes(o.opcode) && o.value_hash);
    inv.addSlots(ops.map((o: any) => ({ hash: o.value_hash, block_height: o.block_height, vtxindex: o.vtxindex, name: o.name })));
    expect(inv.allSlots().map((s) => s.hash)).toEqual(h.slots.map((s: any) => s.value_hash));
    for (const x of h.local_present_hashes) inv.markStored(x);
    expect(hex(inv.vector())).toBe(h.local_inventory.hex);
    const remote = new Inventory();
    remote.addSlots(inv.allSlots() as any);
    for (const x of h.remote_present_hashes) remote.markStored(x);
    expect(hex(remote.vector())).toBe(h.remote_inventory.hex);
    expect(countMissing(inv.vector(), remote.vector())).toBe(h.count_missing_local_vs_remote);
    const fetch = inv.missingHashes().filter((x) => inv.peerHas(remote.vector(), x));
    expect(fetch).toEqual(h.zonefile_hashes_to_fetch_from_remote);
    for (const ex of h.byte_range_examples) expect(hex(inv.range(ex.request.offset, ex.request.length))).toBe(ex.reply_hex);
  });
});

const call = (c: any, m: string, p: unknown[]) => new Promise<any>((res, rej) => c.methodCall(m, p, (e: Error, v: string) => (e ? rej(e) : res(JSON.parse(v)))));

describe('RPC surface against the npm xmlrpc client (a Core peer)', () => {
  const chain = new DevChain();
  const texts = SAMPLES.slice(0, 8).map((z) => z.text);
  chain.announce(texts);
  let n: TestNode;
  let c: any;
  afterAll(async () => { await n?.server.close(); });

  it('ping, getinfo', async () => {
    n = await startNode(chain);
    c = xmlrpc.createClient({ host: '127.0.0.1', port: n.server.port, path: '/RPC2' });
    expect(await call(c, 'ping', [])).toEqual({ status: 'alive', version: '21.0.0.0' });
    const info = await call(c, 'getinfo', []);
    expect(info).toMatchObject({ server_alive: true, last_block_processed: chain.height, testnet: false, zonefile_count: 8 });
  });
  it('put_zonefiles: announced ones saved, unknown and oversized refused, > 5 is an error', async () => {
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const r = await call(c, 'put_zonefiles', [[b64(texts[0]), b64('$ORIGIN not.announced\n'), b64('x'.repeat(40_961)), b64(texts[1])]]);
    expect(r.saved).toEqual([1, 0, 0, 1]);
    expect(r.status).toBe(true);
    expect((await call(c, 'put_zonefiles', [Array(6).fill(b64(texts[2]))])).error).toMatch(/Too many/);
  });
  it('get_zonefile_inventory with byte ranges', async () => {
    const r = await call(c, 'get_zonefile_inventory', [0, 10]);
    expect(Buffer.from(r.inv, 'base64').toString('hex')).toBe('c0');
    expect((await call(c, 'get_zonefile_inventory', [5, 1])).inv).toBe('');
    expect((await call(c, 'get_zonefile_inventory', [0, 524_289])).error).toBeTruthy();
  });
  it('get_zonefiles returns held ones as base64, limits enforced', async () => {
    const h0 = zoneFileHash(texts[0]);
    const r = await call(c, 'get_zonefiles', [[h0, zoneFileHash(texts[5])]]);
    expect(Object.keys(r.zonefiles)).toEqual([h0]);
    expect(Buffer.from(r.zonefiles[h0], 'base64').toString()).toBe(texts[0]);
    expect((await call(c, 'get_zonefiles', [['nothex']])).error).toBe('Invalid zone file hash');
    expect((await call(c, 'get_zonefiles', [Array(101).fill(h0)])).error).toBe('Too many requests (no more than 100 allowed)');
  });
  it('peer exchange and get_zonefiles_by_block', async () => {
    const r = await call(c, 'atlas_peer_exchange', ['127.0.0.1:9']);
    expect(Array.isArray(r.peers)).toBe(true);
    expect(n.node.candidates).toContain('127.0.0.1:9');
    expect((await call(c, 'get_atlas_peers', [])).peers).toEqual([]);
    const z = await call(c, 'get_zonefiles_by_block', [0, chain.height, 0, 3]);
    expect(z.zonefile_info).toHaveLength(3);
    expect(z.zonefile_info[0]).toMatchObject({ zonefile_hash: zoneFileHash(texts[0]), block_height: chain.slots[0].block_height });
  });
  it('malformed XML gets a fault, not a crash', async () => {
    const res = await fetch(`http://${n.hp}/RPC2`, { method: 'POST', body: '<methodCall><bogus>' });
    expect(await res.text()).toMatch(/<fault>/);
  });
});

describe('multi-node replication on loopback', () => {
  const chain = new DevChain();
  const nodes: TestNode[] = [];
  const hostile: { close(): Promise<void>; hp: string }[] = [];
  afterAll(async () => { for (const n of nodes) await n.server.close(); for (const h of hostile) await h.close(); });
  const texts = SAMPLES.slice(0, 60).map((z) => z.text);

  it('zone files written to one node reach all 4', async () => {
    chain.announce(texts);
    const a = await startNode(chain);
    nodes.push(a);
    for (let i = 0; i < 3; i++) nodes.push(await startNode(chain, [nodes[i].hp], i % 2 ? 'json' : 'xmlrpc'));
    // uploads land on A only (5 per call, as Core clients do)
    for (let i = 0; i < texts.length; i += 5) {
      const r = a.node.acceptUploads(texts.slice(i, i + 5).map((t) => new TextEncoder().encode(t)));
      expect(r.every((x) => x.saved)).toBe(true);
    }
    const rounds = await crawlAll(nodes, 10, () => nodes.every((n) => n.node.store.count() === texts.length));
    expect(rounds).toBeGreaterThan(0);
    for (const n of nodes) expect(n.node.inventory.missingHashes()).toEqual([]);
  });

  it('a late joiner catches up, including zone files announced later', async () => {
    const more = SAMPLES.slice(60, 80).map((z) => z.text);
    const slots = chain.announce(more);
    for (const n of nodes) n.node.addSlots(slots);
    nodes[2].node.acceptUploads(more.map((t) => new TextEncoder().encode(t)));
    const late = await startNode(chain, [nodes[3].hp]);
    nodes.push(late);
    const all = texts.length + more.length;
    const rounds = await crawlAll(nodes, 12, () => nodes.every((n) => n.node.store.count() === all));
    expect(rounds).toBeGreaterThan(0);
    // the late joiner learnt about others through peer exchange
    expect(late.node.peers.size()).toBeGreaterThan(1);
  });

  it('peers serving wrong or oversized bytes are rejected and banned; nothing unverified is stored', async () => {
    const liar = await startHostilePeer(chain, (h) => new TextEncoder().encode(`$ORIGIN evil\n; not ${h}\n`));
    const fat = await startHostilePeer(chain, () => new Uint8Array(40_961).fill(0x41));
    hostile.push(liar, fat);
    const victim = await startNode(chain, [liar.hp, fat.hp]);
    await victim.node.crawler.crawlOnce();
    expect(victim.node.peers.isBanned(liar.hp)).toBe(true);
    expect(victim.node.peers.get(liar.hp)!.banReason).toMatch(/hashes to/);
    expect(victim.node.peers.isBanned(fat.hp)).toBe(true);
    expect(victim.node.peers.get(fat.hp)!.banReason).toMatch(/oversized/);
    expect(victim.node.store.count()).toBe(0);
    // with an honest peer it then completes, and still never contacts the banned ones
    victim.node.addPeer(nodes[0].hp);
    nodes.push(victim);
    const rounds = await crawlAll([victim], 6, () => victim.node.inventory.missingHashes().length === 0);
    expect(rounds).toBeGreaterThan(0);
    for (const h of victim.node.store.hashes()) {
      expect(zoneFileHash(victim.node.store.get(h)!)).toBe(h);
      expect(victim.node.inventory.isKnown(h)).toBe(true);
    }
    expect(victim.node.peers.liveNeighbors()).not.toContain(liar.hp);
  });

  it('a slow peer is backed off and the fast one serves the rest', async () => {
    const byHash = new Map(chain.slots.map((s) => [s.hash, SAMPLES.find((z) => z.hash === s.hash)!.text]));
    const slow = await startHostilePeer(chain, (h) => new TextEncoder().encode(byHash.get(h)!), 150);
    hostile.push(slow);
    const n = await startNode(chain, [slow.hp], 'xmlrpc', 100);
    nodes.push(n);
    n.node.crawler['opts'].maxFetchCallsPerRound = 1; // one call from the slow peer, then it is backing off
    await n.node.crawler.crawlOnce();
    expect(n.node.store.count()).toBeGreaterThan(0); // its bytes were correct: stored, not banned
    expect(n.node.peers.isBanned(slow.hp)).toBe(false);
    expect(n.node.peers.isBackingOff(slow.hp)).toBe(true);
    expect(n.node.peers.get(slow.hp)!.lastRttMs).toBeGreaterThanOrEqual(100);
    n.node.addPeer(nodes[0].hp);
    n.node.crawler['opts'].maxFetchCallsPerRound = 1000;
    const rounds = await crawlAll([n], 4, () => n.node.inventory.missingHashes().length === 0);
    expect(rounds).toBeGreaterThan(0);
  });

  it('inventory refresh: chunked requests, then only the tail is re-read (§2.7 step 1)', async () => {
    const n = await startNode(chain, [nodes[0].hp], 'json', 2_000, { inventoryChunk: 2 });
    nodes.push(n);
    const calls: number[][] = [];
    const orig = globalThis.fetch;
    globalThis.fetch = (async (url: any, init?: any) => {
      if (String(url) === `http://${nodes[0].hp}/atlas/get_zonefile_inventory`) calls.push(JSON.parse(init.body));
      return orig(url, init);
    }) as typeof fetch;
    try {
      await n.node.crawler.crawlOnce();
      const len = n.node.inventory.byteLength;
      expect(calls.map((c) => c[0])).toEqual(Array.from({ length: Math.ceil(len / 2) }, (_, i) => i * 2));
      expect(calls.every((c) => c[1] <= 2)).toBe(true);
      calls.length = 0;
      await n.node.crawler.crawlOnce();
      expect(calls[0][0]).toBe(len - 1); // the known head except its last byte is kept
    } finally { globalThis.fetch = orig; }
  });

  it('a peer on the other network is not adopted', async () => {
    const t = await startNode(chain, [nodes[0].hp], 'xmlrpc', 2_000, { testnet: true });
    nodes.push(t);
    await t.node.crawler.crawlOnce();
    expect(t.node.peers.get(nodes[0].hp)!.validated).toBe(false);
    expect(t.node.store.count()).toBe(0);
  });

  it('a dead peer is backed off, not retried every call', async () => {
    const n = await startNode(chain, ['127.0.0.1:1']);
    nodes.push(n);
    await n.node.crawler.crawlOnce();
    const p = n.node.peers.get('127.0.0.1:1');
    expect(p === undefined || p.backoffUntil > Date.now() - 1).toBe(true);
  });
});

describe('AtlasNode wiring for the full node', () => {
  it('shares an existing store, takes block events, rolls back on reorg', async () => {
    const { ZoneFileStore } = await import('../../bindings/routing/store/zonefile-store.ts');
    const { openSqlite } = await import('../../bindings/routing/store/sqlite.ts');
    const { AtlasNode } = await import('../../bindings/routing/atlas/index.ts');
    const known = new Set<string>();
    const seen: string[] = [];
    const store = new ZoneFileStore({ db: openSqlite(), isKnownHash: (h) => known.has(h), onStored: (h) => seen.push(h) });
    const atlas = new AtlasNode({ store, chain: { lastBlock: () => 2, consensus: () => null } });
    const [a, b] = [SAMPLES[0], SAMPLES[1]];
    known.add(a.hash); known.add(b.hash);
    atlas.addBlock({ height: 1, zonefileOps: [{ name: a.name, valueHash: a.hash, txid: 'aa'.repeat(32), vtxindex: 3 }] });
    atlas.addBlock({ height: 2, zonefileOps: [{ name: b.name, valueHash: b.hash, txid: 'bb'.repeat(32), vtxindex: 1 }] });
    expect(atlas.inventory.missingHashes()).toEqual([a.hash, b.hash]);
    store.put(a.text); // the node's own upload path: Atlas sees it too
    expect(seen).toEqual([a.hash]);
    expect(atlas.inventory.missingHashes()).toEqual([b.hash]);
    atlas.rollbackTo(1);
    expect(atlas.inventory.slotCount).toBe(1);
    expect([...atlas.inventory.vector()]).toEqual([0x80]);
  });
});

describe('push (§2.7 step 5)', () => {
  it('an upload is pushed to a neighbour that lacks it, without that neighbour crawling', async () => {
    const chain = new DevChain();
    const texts = SAMPLES.slice(200, 212).map((z) => z.text);
    chain.announce(texts);
    const b = await startNode(chain);
    const a = await startNode(chain, [b.hp]);
    try {
      a.node.acceptUploads(texts.map((t) => new TextEncoder().encode(t)));
      expect(a.node.pushQueue.length).toBe(12);
      const stats = await a.node.crawler.crawlOnce();
      expect(stats.pushed).toBe(12);
      expect(b.node.store.count()).toBe(12);
      expect(a.node.pushQueue).toEqual([]);
    } finally { await a.server.close(); await b.server.close(); }
  });
});
