/**
 * Subdomains through the node's REST API: a devnet node (in-process, temp home) with the demo names;
 * alice.id's owner sends real NAME_UPDATEs whose zone files carry subdomain TXT records taken from
 * shared/vectors/zonefiles/subdomains.json; the zone files are uploaded through POST /v1/zonefile (Atlas)
 * and the subdomain endpoints of naming.md §4.4 / §4.5 answer from the subdomain indexer.
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

const V = sharedJson('vectors/zonefiles/subdomains.json');
const kase = (id: string) => V.cases.find((c: { id: string }) => c.id === id);
const home = mkdtempSync(join(tmpdir(), 'bsk-subs-'));
let node: BlockstackNode;
const get = async (p: string) => { const r = await fetch(node.apiUrl + p, { redirect: 'manual' }); return { status: r.status, body: await r.json().catch(() => null), headers: r.headers }; };

/** alice.id's zone file carrying the given subdomain TXT records (and a resolver for unknown subdomains). */
const domainZonefile = (records: string[]) => new TextEncoder().encode(
  `$ORIGIN alice.id\n$TTL 3600\n_resolver URI 10 1 "https://registrar.example.org"\n${records.join('\n')}\n_http._tcp URI 10 1 "https://example.org/alice.json"\n`);

async function publish(zf: Uint8Array): Promise<string> { return (await publishAt(zf)).txid; }
async function publishAt(zf: Uint8Array): Promise<{ txid: string; height: number }> {
  const alice = demoOwners(() => 'https://example.org/p.json')[0]!.account;
  const sent = await opsFor(node).update(alice, 'alice.id', zoneFileHash(zf));
  await node.waitForHeight(sent.height);
  const up = await fetch(node.apiUrl + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile: new TextDecoder().decode(zf) }) });
  expect(up.status).toBe(200);
  return sent;
}

describe('subdomains in the REST API', () => {
  beforeAll(async () => {
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: home }), { logToStderr: 'silent' });
    await createDemo(node);
  }, 60_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('registers subdomains from a domain zone file uploaded through Atlas', async () => {
    const reg = kase('register-seqn0');
    const ms = kase('multisig-register');
    const txid = await publish(domainZonefile([reg.txt_record, ms.txt_record]));
    const a = await get('/v1/names/alice.alice.id');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'registered_subdomain', address: reg.parsed.owner, blockchain: 'bitcoin', last_txid: txid, zonefile: reg.parsed.zonefile, zonefile_hash: reg.parsed.zonefile_hash });
    expect((await get('/v1/names/carol.alice.id')).body.address).toBe(ms.parsed.owner);
    expect((await get('/v1/names/alice.alice.id/zonefile')).body).toEqual({ zonefile: reg.parsed.zonefile });
    const recs = (await get(`/v1/subdomains/${txid}`)).body;
    expect(recs.map((r: any) => [r.fully_qualified_subdomain, r.accepted, r.sequence, r.domain, r.signature])).toEqual([
      ['alice.alice.id', 1, 0, 'alice.id', 'None'], ['carol.alice.id', 1, 0, 'alice.id', 'None']]);
    expect(Object.keys(recs[0]).sort()).toEqual(['accepted', 'block_height', 'domain', 'fully_qualified_subdomain', 'missing', 'owner', 'parent_zonefile_hash',
      'parent_zonefile_index', 'resolver', 'sequence', 'signature', 'txid', 'zonefile_hash', 'zonefile_offset']);
    expect(recs[0].resolver).toBe('https://registrar.example.org');
    expect((await get('/v1/subdomains?page=0')).body).toEqual(['alice.alice.id', 'carol.alice.id']);
    expect((await get('/v1/subdomains?page=1')).body).toEqual([]);
    expect((await get('/v1/blockchains/bitcoin/subdomains_count')).body).toEqual({ names_count: 2 });
    expect((await get(`/v1/addresses/bitcoin/${reg.parsed.owner}`)).body).toEqual({ names: ['alice.alice.id'] });
    expect((await get('/stacks/v1/names/alice.id/subdomains')).body).toEqual(['alice.alice.id', 'carol.alice.id']);
    // an unknown subdomain of a domain with a resolver: 301 there
    const miss = await get('/v1/names/zed.alice.id');
    expect(miss.status).toBe(301);
    expect(miss.headers.get('location')).toBe('https://registrar.example.org/v1/names/zed.alice.id');
    expect(miss.body).toEqual({ status: 'redirect' });
    // no domain at all: 404 as Core
    expect((await get('/v1/names/zed.nobody.id')).body).toEqual({ status: 'available', more: "failed to find parent domain's resolver" });
    expect((await get('/v1/subdomains/xyz')).status).toBe(400);
    expect((await get('/v1/subdomains')).status).toBe(400);
  }, 60_000);

  it('a signed seqn=1 record transfers; a bad signature is ignored', async () => {
    const up = kase('update-seqn1-valid');
    const txid = await publish(domainZonefile([up.txt_record]));
    expect((await get('/v1/names/alice.alice.id')).body.address).toBe(up.parsed.owner);
    expect((await get(`/v1/addresses/bitcoin/${up.parsed.owner}`)).body.names).toContain('alice.alice.id');
    expect((await get(`/v1/addresses/bitcoin/${kase('register-seqn0').parsed.owner}`)).body).toEqual({ names: [] });
    expect((await get(`/v1/subdomains/${txid}`)).body.map((r: any) => [r.sequence, r.accepted])).toEqual([[1, 1]]);
    const bad = kase('update-seqn1-bad-sig');
    const txid2 = await publish(domainZonefile([bad.txt_record]));
    expect((await get(`/v1/subdomains/${txid2}`)).body.map((r: any) => r.accepted)).toEqual([0]);
    expect((await get('/v1/names/alice.alice.id')).body.address).toBe(up.parsed.owner);
  }, 60_000);

  it('a reorg drops the subdomains its blocks carried; mined again, they come back from the held zone file', async () => {
    const mp = kase('multipart-zonefile');
    const sent = await publishAt(domainZonefile([mp.txt_record]));
    expect((await get('/v1/names/bob.alice.id')).body).toMatchObject({ status: 'registered_subdomain', zonefile_hash: mp.parsed.zonefile_hash });
    const dn = node.devnet!;
    dn.setMining('manual');
    dn.chain.reorg(dn.chain.height - sent.height + 1, dn.miner.script);
    await node.waitForHeight(dn.chain.height);
    const gone = await get('/v1/names/bob.alice.id');
    expect(gone.status).toBe(301); // unknown again; the domain's resolver comes from its previous zone file
    expect((await get(`/v1/subdomains/${sent.txid}`)).body).toEqual([]);
    expect((await get('/v1/subdomains?page=0')).body).toEqual(['alice.alice.id', 'carol.alice.id']);
    dn.mine(1);
    await node.waitForHeight(dn.chain.height);
    expect((await get('/v1/names/bob.alice.id')).body).toMatchObject({ status: 'registered_subdomain', last_txid: sent.txid, address: mp.parsed.owner });
    expect((await get(`/v1/subdomains/${sent.txid}`)).body.map((r: any) => [r.fully_qualified_subdomain, r.accepted, r.block_height])).toEqual([['bob.alice.id', 1, dn.chain.height]]);
    dn.setMining('instant');
  }, 60_000);
});
