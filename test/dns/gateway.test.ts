/**
 * The DNS gateway against a real devnet node (`--dns-port 0` as a node service), asked by the real `dig`
 * and by Node's `dns.Resolver`: the demo name's URI record, the `_bns` proof matching /v1/info, SOA/NS at
 * the namespace apex, a zone file announced but not replicated (SERVFAIL + EDE 14), the same name after an
 * update and a transfer (the answer follows the chain), a subdomain, a revoked and an expired name
 * (NXDOMAIN), a truncated UDP answer retried over TCP, ANY (RFC 8482) and names outside our namespaces.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Resolver } from 'node:dns/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { DnsService } from '../../bindings/node/dns.ts';
import { createDemo, demoOwners, opsFor } from '../../bindings/node/demo.ts';
import { zoneFileHash as zonefileHash } from '../../bindings/base/hash.ts';
import { haveTool, inCI } from '../helpers/tools.ts';
import { until } from '../helpers/until.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-dns-'));
let node: BlockstackNode;
let dns: DnsService;
let port = 0;
const hasDig = haveTool('dig');

const dig = (...args: string[]): Promise<string> => new Promise((ok, fail) =>
  execFile('dig', ['@127.0.0.1', '-p', String(port), '+norecurse', '+time=2', '+tries=1', ...args], (e, out) => (e && !out ? fail(e) : ok(out))));
const status = (out: string) => /status: (\w+)/.exec(out)?.[1];
/** The lines of dig's ANSWER SECTION. */
const answer = (out: string | false | 0): string[] => {
  const m = /;; ANSWER SECTION:\n([\s\S]*?)(?:\n\n|$)/.exec(String(out));
  return m ? m[1].split('\n').filter(Boolean) : [];
};
const json = (p: string) => fetch(node.apiUrl + p).then((r) => r.json());
const resolver = () => { const r = new Resolver({ timeout: 2000, tries: 1 }); r.setServers([`127.0.0.1:${port}`]); return r; };
const upload = (zf: Uint8Array) => fetch(node.apiUrl + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile: new TextDecoder().decode(zf) }) });
const enc = (s: string) => new TextEncoder().encode(s);
const owners = () => demoOwners(() => 'https://example.org/p.json');


describe.runIf(inCI || hasDig)('DNS gateway on a devnet node', () => {
  beforeAll(async () => {
    const cfg = loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, atlas: { crawlMs: 200 }, dns: { port: 0, rateLimit: 0 } }, { BLOCKSTACK_HOME: home });
    dns = new DnsService(cfg);
    node = await BlockstackNode.start(cfg, { logToStderr: 'silent', services: [dns] });
    await createDemo(node);
    port = dns.server!.port;
  }, 90_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('answers the demo name: URI record, _bns proof = the node state, SOA/NS at the apex', async () => {
    const out = await dig('_http._tcp.alice.id', 'URI');
    expect(status(out)).toBe('NOERROR');
    expect(out).toMatch(/flags: qr aa;/);
    const rec = await json('/v1/names/alice.id');
    const url = /"(http[^"]+)"/.exec(rec.zonefile)![1];
    expect(answer(out)).toEqual([`_http._tcp.alice.id.\t3600\tIN\tURI\t10 1 "${url}"`]);
    const info = await json('/v1/info');
    expect(out).toContain(`_bns.alice.id.\t\t60\tIN\tTXT\t"zonefile_hash=${rec.zonefile_hash}" "height=${info.last_block_processed}" "consensus_hash=${info.consensus}"`);
    expect(rec.zonefile_hash).toBe(zonefileHash(enc(rec.zonefile)));

    const r = resolver();
    expect(await r.resolveSoa('id')).toMatchObject({ nsname: 'localhost', hostmaster: 'hostmaster.id', serial: info.last_block_processed, minttl: 60 });
    expect(await r.resolveNs('id')).toEqual(['localhost']);
    expect(await r.resolveTxt('_bns.bob.id')).toEqual([[`zonefile_hash=${(await json('/v1/names/bob.id')).zonefile_hash}`, `height=${info.last_block_processed}`, `consensus_hash=${info.consensus}`]]);
    // the name exists but has no A record: NODATA (NOERROR, no answer, SOA for negative caching)
    const nodata = await dig('alice.id', 'A');
    expect(status(nodata)).toBe('NOERROR');
    expect(answer(nodata)).toEqual([]);
    expect(nodata).toMatch(/AUTHORITY SECTION:\nid\.\s+60\s+IN\s+SOA\s+localhost\. hostmaster\.id\./);
    await expect(r.resolveTxt('nobody.id')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(status(await dig('nobody.id', 'A'))).toBe('NXDOMAIN');
    expect(status(await dig('example.com', 'A'))).toBe('REFUSED');
    const any = await dig('_http._tcp.alice.id', 'ANY');
    expect(answer(any)).toEqual(['_http._tcp.alice.id.\t60\tIN\tHINFO\t"RFC8482" ""']);
    expect(await dig('id', 'AXFR')).toMatch(/Transfer failed/);
  }, 30_000);

  it('follows the chain: SERVFAIL (EDE 14) until the new zone file arrives, then its records, still after a transfer', async () => {
    const alice = owners()[0]!;
    const big = Array.from({ length: 12 }, (_, i) => `big TXT "${String(i).padStart(2, '0')}${'x'.repeat(90)}"`).join('\n');
    const zf = enc(`$ORIGIN alice.id\n$TTL 600\n@ 120 IN TXT "v=2"\n@ IN A 192.0.2.7\n@ IN AAAA 2001:db8::7\nwww IN CNAME alice.id.\n@ IN MX 10 mail\nmail IN A 192.0.2.8\n_http._tcp IN URI 10 1 "https://example.org/alice.json"\n${big}\n`);
    const hash = zonefileHash(zf);
    const ops = opsFor(node);
    const up = await ops.update(alice.account, 'alice.id', hash);
    await node.waitForHeight(up.height);
    const fail = await dig('alice.id', 'TXT');
    expect(status(fail)).toBe('SERVFAIL');
    expect(fail).toContain(`EDE: 14 (Not Ready): (zone file ${hash} of alice.id not replicated yet)`);
    expect((await upload(zf)).status).toBe(200);
    const txt = await until('new TXT', async () => { const o = await dig('alice.id', 'TXT'); return status(o) === 'NOERROR' && answer(o).length && o; });
    expect(answer(txt)).toEqual(['alice.id.\t\t120\tIN\tTXT\t"v=2"']);
    expect(txt).toContain(`"zonefile_hash=${hash}"`);
    expect(answer(await dig('alice.id', 'A'))).toEqual(['alice.id.\t\t600\tIN\tA\t192.0.2.7']);
    expect(answer(await dig('alice.id', 'AAAA'))).toEqual(['alice.id.\t\t600\tIN\tAAAA\t2001:db8::7']);
    expect(answer(await dig('www.alice.id', 'A'))).toEqual(['www.alice.id.\t\t600\tIN\tCNAME\talice.id.']);
    expect(answer(await dig('alice.id', 'MX'))).toEqual(['alice.id.\t\t600\tIN\tMX\t10 mail.alice.id.']);

    // 12 x 93-byte TXT strings do not fit 512 bytes: TC over UDP, then dig retries over TCP
    const tc = await dig('big.alice.id', 'TXT', '+noedns', '+ignore');
    expect(tc).toMatch(/flags: qr aa tc;/);
    expect(answer(tc)).toEqual([]);
    const full = await dig('big.alice.id', 'TXT', '+noedns');
    expect(full).toContain('Truncated, retrying in TCP mode');
    expect(answer(full)).toHaveLength(12);
    const r = resolver();
    expect((await r.resolveTxt('big.alice.id')).length).toBe(12);

    const to = node.devnet!.keyring.p2pkh(3).address;
    const tr = await ops.transfer(alice.account, 'alice.id', to, true);
    await node.waitForHeight(tr.height);
    expect((await json('/v1/names/alice.id')).address).toBe(to);
    await new Promise((ok) => setTimeout(ok, 1100)); // the gateway's 1 s response cache
    const after = await dig('alice.id', 'TXT');
    expect(answer(after)).toEqual(['alice.id.\t\t120\tIN\tTXT\t"v=2"']);
    const info = await json('/v1/info');
    expect(after).toContain(`"zonefile_hash=${hash}" "height=${info.last_block_processed}" "consensus_hash=${info.consensus}"`);
    expect(await r.resolve4('mail.alice.id')).toEqual(['192.0.2.8']);
  }, 60_000);

  it('answers a subdomain from its own zone file', async () => {
    const bob = owners()[1]!;
    const subZf = '$ORIGIN carol\n$TTL 3600\n@ TXT "sub=carol"\n_http._tcp URI 10 1 "https://example.org/carol.json"\n';
    const rec = `carol TXT "owner=12WwAxdEeWgzaA1F3Suai1RYRF5qXkgcV6" "seqn=0" "parts=1" "zf0=${Buffer.from(subZf).toString('base64')}"`;
    const zf = enc(`$ORIGIN bob.id\n$TTL 3600\n${rec}\n`);
    const sent = await opsFor(node).update(bob.account, 'bob.id', zonefileHash(zf));
    await node.waitForHeight(sent.height);
    expect((await upload(zf)).status).toBe(200);
    await until('carol.bob.id indexed', async () => (await json('/v1/names/carol.bob.id')).status === 'registered_subdomain');
    const out = await until('subdomain TXT', async () => { const o = await dig('carol.bob.id', 'TXT'); return answer(o).length && o; });
    expect(answer(out)).toEqual(['carol.bob.id.\t\t3600\tIN\tTXT\t"sub=carol"']);
    expect(out).toContain(`_bns.carol.bob.id.\t60\tIN\tTXT\t"zonefile_hash=${zonefileHash(enc(subZf))}"`);
    expect(answer(await dig('_http._tcp.carol.bob.id', 'URI'))).toEqual(['_http._tcp.carol.bob.id. 3600\tIN\tURI\t10 1 "https://example.org/carol.json"']);
    expect(await resolver().resolveTxt('carol.bob.id')).toEqual([['sub=carol']]);
    expect(status(await dig('nobody.bob.id', 'TXT'))).toBe('NXDOMAIN');
  }, 60_000);

  it('revoked and expired names are NXDOMAIN', async () => {
    const ops = opsFor(node);
    const kr = node.devnet!.keyring;
    const a2 = kr.p2pkh(2);
    await ops.fund(node.devnet!.miner, a2.address, 20n * 10n ** 8n);
    const zf = enc('$ORIGIN dave.id\n$TTL 3600\n@ TXT "dave"\n');
    await ops.preorderRegister(a2, 'dave.id', a2.address, node.view.priceName('dave.id')!, zonefileHash(zf));
    await upload(zf);
    expect(answer(await until('dave.id', async () => { const o = await dig('dave.id', 'TXT'); return answer(o).length && o; }))).toEqual(['dave.id.\t\t3600\tIN\tTXT\t"dave"']);
    const rv = await ops.revoke(a2, 'dave.id');
    await node.waitForHeight(rv.height);
    await new Promise((ok) => setTimeout(ok, 1100));
    expect(status(await dig('dave.id', 'TXT'))).toBe('NXDOMAIN');

    // namespace `tmp`: lifetime 1 (x2 epoch multiplier) + the 5000-block grace period
    await ops.namespacePreorder(a2, 'tmp', a2.address, node.view.priceNamespace('tmp')!);
    await ops.namespaceReveal(a2, 'tmp', { lifetime: 1, coeff: 1, base: 2, buckets: Array(16).fill(1), nonalphaDiscount: 1, noVowelDiscount: 1, version: 1 }, a2.address);
    await ops.namespaceReady(a2, 'tmp');
    const ezf = enc('$ORIGIN eve.tmp\n$TTL 3600\n@ TXT "eve"\n');
    await ops.preorderRegister(a2, 'eve.tmp', a2.address, node.view.priceName('eve.tmp')!, zonefileHash(ezf));
    await upload(ezf);
    expect(answer(await until('eve.tmp', async () => { const o = await dig('eve.tmp', 'TXT'); return answer(o).length && o; }))).toEqual(['eve.tmp.\t\t3600\tIN\tTXT\t"eve"']);
    const deadline = (await json('/v1/names/eve.tmp')).renewal_deadline as number;
    node.devnet!.mine(deadline - node.indexer.height + 1);
    await node.waitForHeight(deadline + 1);
    expect(node.view.name('eve.tmp')!.expired).toBe(true);
    await new Promise((ok) => setTimeout(ok, 1100));
    expect(status(await dig('eve.tmp', 'TXT'))).toBe('NXDOMAIN');
    await expect(resolver().resolveTxt('eve.tmp')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  }, 120_000);

  it('DoH on the REST API answers the same (RFC 8484 GET and POST)', async () => {
    const q = packet.encode({ type: 'query', id: 0, flags: 0, questions: [{ type: 'TXT', name: 'carol.bob.id', class: 'IN' }] });
    const get = await fetch(`${node.apiUrl}/dns-query?dns=${q.toString('base64url')}`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/dns-message');
    const a = packet.decode(Buffer.from(await get.arrayBuffer()));
    expect(a.answers![0]).toMatchObject({ name: 'carol.bob.id', type: 'TXT', ttl: 3600 });
    expect(get.headers.get('cache-control')).toBe('max-age=3600'); // the smallest TTL of the answer section
    const post = await fetch(`${node.apiUrl}/dns-query`, { method: 'POST', headers: { 'content-type': 'application/dns-message' }, body: new Uint8Array(q) });
    expect((packet.decode(Buffer.from(await post.arrayBuffer())).answers![0] as packet.TxtAnswer).data).toEqual([Buffer.from('sub=carol')]);
    expect((await fetch(`${node.apiUrl}/dns-query?dns=***`)).status).toBe(400);
    expect((await fetch(`${node.apiUrl}/dns-query`, { method: 'POST', body: new Uint8Array(q) })).status).toBe(415);
    const m = await fetch(node.apiUrl + '/metrics').then((r) => r.text());
    expect(m).toMatch(/blockstack_dns_queries_total\{transport="udp",rcode="NOERROR"\} \d+/);
  });

  it('`blockstack dns` serves the same answers from the node\'s REST API', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const p = spawn(process.execPath, ['bin/blockstack.js', 'dns', '--port', '0', '--api', node.apiUrl, '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const ready = await new Promise<{ dns: string }>((ok, fail) => {
        let o = '';
        p.stdout.on('data', (d) => { o += d; try { ok(JSON.parse(o)); } catch { /* more */ } });
        p.on('exit', (c) => fail(new Error(`blockstack dns exited ${c}`)));
      });
      const saved = port;
      port = Number(ready.dns.split(':')[1]);
      try {
        expect(answer(await dig('alice.id', 'TXT'))).toEqual(['alice.id.\t\t120\tIN\tTXT\t"v=2"']);
        expect(answer(await dig('carol.bob.id', 'TXT'))).toEqual(['carol.bob.id.\t\t3600\tIN\tTXT\t"sub=carol"']);
        for (const n of ['dave.id', 'eve.tmp', 'nobody.id']) expect(status(await dig(n, 'TXT')), n).toBe('NXDOMAIN');
        expect(status(await dig('example.com', 'A'))).toBe('REFUSED');
      } finally { port = saved; }
    } finally { p.kill('SIGINT'); }
  }, 30_000);
});
