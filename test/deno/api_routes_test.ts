// The Deno-served API with the routes the node's has: Atlas XML-RPC at /RPC2 (an AtlasNode on node:sqlite,
// driven by our XML-RPC client), the subdomain routes fed by the Atlas-stored domain zone file (subdomain
// indexer on node:sqlite), and DNS over HTTPS (/dns-query) answering from the same view.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
// @ts-ignore: node:sqlite is built into Deno 2, but @types/node 20 has no declarations for it
import { DatabaseSync } from 'node:sqlite';
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import { createApp } from '../../bindings/api/app.ts';
import { atlasRoutes } from '../../bindings/api/atlas-routes.ts';
import { subdomainView } from '../../bindings/api/subdomain-view.ts';
import { serveDeno } from '../../bindings/api/serve-deno.ts';
import { AtlasClient, AtlasNode } from '../../bindings/routing/index.ts';
import { connectSubdomains, SubdomainIndexer } from '../../bindings/routing/subdomains/index.ts';
import { zoneFileHash } from '../../bindings/runtime/deno.ts';
import { fakeView } from '../fixtures/api/fake-view.ts';

const V = JSON.parse(await Deno.readTextFile(new URL('../../../shared/vectors/zonefiles/subdomains.json', import.meta.url)));

Deno.test('Deno.serve API: /RPC2, subdomains, /dns-query', async () => {
  const c = V.cases.find((x: { id: string }) => x.id === 'register-seqn0');
  const domainZf: string = c.domain_zonefile;
  const hash = zoneFileHash(domainZf);
  const atlas = new AtlasNode({ db: new DatabaseSync(':memory:') as never, chain: { lastBlock: () => 700, consensus: () => null } });
  const ix = new SubdomainIndexer(new DatabaseSync(':memory:') as never);
  connectSubdomains(atlas, ix);
  atlas.addSlots([{ hash, block_height: 650, vtxindex: 1, txid: 'ab'.repeat(32), name: c.domain }]);
  const view = { ...fakeView(), subdomains: subdomainView(ix) };
  const srv = serveDeno(createApp(view, { mounts: [{ path: '/', app: atlasRoutes(atlas) }] }), 0);
  try {
    // Atlas over XML-RPC on the API's /RPC2 (what Core peers and `blockstack zonefile push --atlas` use)
    const client = new AtlasClient(`127.0.0.1:${srv.port}`);
    deepStrictEqual(await client.putZonefiles([new TextEncoder().encode(domainZf)]), [1]);
    deepStrictEqual([...(await client.getInventory(0, 1))], [0x80]);
    strictEqual(new TextDecoder().decode((await client.getZonefiles([hash])).get(hash)!), domainZf);

    // the stored domain zone file registered its subdomain: the v1 subdomain routes answer
    const sub = await fetch(`${srv.url}/v1/names/${c.parsed.fqn}`).then((r) => r.json());
    strictEqual(sub.status, 'registered_subdomain');
    strictEqual(sub.address, c.parsed.owner);
    strictEqual(sub.zonefile_hash, c.parsed.zonefile_hash);
    const zf = await fetch(`${srv.url}/v1/names/${c.parsed.fqn}/zonefile`).then((r) => r.json());
    strictEqual(zf.zonefile, c.parsed.zonefile);
    const recs = await fetch(`${srv.url}/v1/subdomains/${'ab'.repeat(32)}`).then((r) => r.json());
    strictEqual(recs[0].fully_qualified_subdomain, c.parsed.fqn);
    deepStrictEqual(await fetch(`${srv.url}/v1/subdomains?page=0`).then((r) => r.json()), [c.parsed.fqn]);
    deepStrictEqual(await fetch(`${srv.url}/v1/blockchains/bitcoin/subdomains_count`).then((r) => r.json()), { names_count: 1 });
    strictEqual((await fetch(`${srv.url}/v1/names/nobody.${c.domain}`)).status, 404);

    // DoH (RFC 8484 POST) from the same view
    const q = packet.encode({ type: 'query', id: 7, questions: [{ type: 'UNKNOWN_256' as never, name: '_http._tcp.muneeb.id', class: 'IN' }] });
    const r = await fetch(`${srv.url}/dns-query`, { method: 'POST', headers: { 'content-type': 'application/dns-message' }, body: new Uint8Array(q) });
    strictEqual(r.status, 200);
    const a = packet.decode(Buffer.from(await r.arrayBuffer())) as packet.DecodedPacket & { rcode: string };
    strictEqual(a.rcode, 'NOERROR');
    strictEqual(a.answers!.length, 1);
    strictEqual((a.additionals!.find((x) => x.name === '_bns.muneeb.id') as packet.TxtAnswer | undefined)?.type, 'TXT');
  } finally {
    await srv.close();
  }
});
