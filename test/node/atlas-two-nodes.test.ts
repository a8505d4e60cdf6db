/**
 * Two nodes, one chain: node A runs the embedded devnet (and the demo names); node B is a second full
 * node following A's devnet through the bitcoind-RPC source, with A as its only Atlas peer (A's API
 * host:port, XML-RPC at /RPC2). Zone files uploaded to A — the demo names' and a later NAME_UPDATE's
 * with a subdomain record — arrive at B through the Atlas crawl, hash-checked, and B serves them
 * (and the subdomain) from its own API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo, demoOwners, opsFor } from '../../bindings/node/demo.ts';
import { zoneFileHash } from '../../bindings/base/hash.ts';
import { sharedJson } from '../helpers/shared.ts';
import { until } from '../helpers/until.ts';

const V = sharedJson('vectors/zonefiles/subdomains.json');
const homes = [mkdtempSync(join(tmpdir(), 'bsk-atlasA-')), mkdtempSync(join(tmpdir(), 'bsk-atlasB-'))];
let a: BlockstackNode;
let b: BlockstackNode;
const json = (n: BlockstackNode, p: string) => fetch(n.apiUrl + p).then((r) => r.json());


describe('Atlas between two nodes following the same devnet', () => {
  beforeAll(async () => {
    a = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, atlas: { crawlMs: 200 } }, { BLOCKSTACK_HOME: homes[0] }), { logToStderr: 'silent' });
    await createDemo(a);
    b = await BlockstackNode.start(loadConfig({
      api: { port: 0 }, chain: { source: 'rpc', network: 'regtest', rpc: { url: a.rpcUrl!, user: 'devnet', password: 'devnet', confirmations: 1 } },
      atlas: { crawlMs: 200, peers: [new URL(a.apiUrl).host], port: 0 },
    }, { BLOCKSTACK_HOME: homes[1] }), { logToStderr: 'silent' });
  }, 60_000);
  afterAll(async () => { await b?.stop(); await a?.stop(); for (const h of homes) rmSync(h, { recursive: true, force: true }); });

  it('B follows the chain and fetches the demo zone files from A', async () => {
    expect(b.indexer.height).toBe(a.indexer.height);
    // B serves Atlas on its own port too (--atlas-port 0), and that is the identity it announces
    expect(b.urls.atlas).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/RPC2$/);
    expect(new URL(b.urls.atlas!).host).not.toBe(new URL(b.apiUrl).host);
    const ping = await fetch(b.urls.atlas!, { method: 'POST', body: '<?xml version="1.0"?><methodCall><methodName>ping</methodName><params></params></methodCall>' }).then((r) => r.text());
    expect(ping).toContain('alive');
    expect(b.atlas!.atlas.inventory.allSlots().map((s) => s.hash)).toEqual(a.atlas!.atlas.inventory.allSlots().map((s) => s.hash));
    const want = (await json(a, '/v1/names/alice.id')).zonefile;
    expect(want).toContain('$ORIGIN alice.id');
    const got = await until('alice.id zone file on B', async () => (await json(b, '/v1/names/alice.id')).zonefile);
    expect(got).toBe(want);
    expect(await until('bob.id zone file on B', async () => (await json(b, '/v1/names/bob.id')).zonefile)).toBe((await json(a, '/v1/names/bob.id')).zonefile);
  }, 30_000);

  it('a zone file uploaded to A after a NAME_UPDATE reaches B; B indexes its subdomain', async () => {
    const rec = V.cases.find((c: { id: string }) => c.id === 'register-seqn0');
    const zf = new TextEncoder().encode(`$ORIGIN bob.id\n$TTL 3600\n${rec.txt_record}\n`);
    const hash = zoneFileHash(zf);
    const sent = await opsFor(a).update(demoOwners(() => 'https://example.org/p.json')[1]!.account, 'bob.id', hash);
    await a.waitForHeight(sent.height);
    await b.waitForHeight(sent.height);
    expect(b.zonefiles.has(hash)).toBe(false);
    // B knows the hash from the chain but has no bytes, and nobody may hand it unannounced bytes
    expect((await json(b, '/v1/names/bob.id')).zonefile_hash).toBe(hash);
    const up = await fetch(a.apiUrl + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile: new TextDecoder().decode(zf) }) });
    expect(up.status).toBe(200);
    const got = await until('bob.id new zone file on B', async () => { const r = await json(b, '/v1/names/bob.id'); return r.zonefile_hash === hash && r.zonefile; });
    expect(got).toBe(new TextDecoder().decode(zf));
    const sub = await until('alice.bob.id on B', async () => { const r = await json(b, '/v1/names/alice.bob.id'); return r.status === 'registered_subdomain' && r; });
    expect(sub).toMatchObject({ address: rec.parsed.owner, zonefile_hash: rec.parsed.zonefile_hash, last_txid: sent.txid });
    expect(await json(b, `/v1/subdomains/${sent.txid}`)).toEqual(await json(a, `/v1/subdomains/${sent.txid}`));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await fetch(b.apiUrl + '/metrics').then((r) => r.text())).toMatch(/blockstack_atlas_peers 1\b/);
  }, 40_000);
});
