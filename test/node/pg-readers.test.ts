/**
 * PostgreSQL scale-out end to end: one writer (the node on the embedded devnet, `db` = a throwaway PostgreSQL
 * database) and two `blockstack api serve --db … --read-only` processes on their own ports. Names registered
 * and updated through real operations appear on both readers within 1 s of the writer indexing the block; a
 * reorg rolls both back; a second writer is refused with a clear error; `db copy` of a SQLite index gives
 * the same API answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo, demoOwners, demoZonefile, opsFor } from '../../bindings/node/demo.ts';
import { zoneFileHash as zonefileHash } from '../../bindings/base/hash.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/blockstack.js');
const home = mkdtempSync(join(tmpdir(), 'bsk-pg-'));
let pgdb: TestDatabase;
let writer: BlockstackNode;
const readers: { proc: ChildProcess; url: string; dns: string }[] = [];

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, BLOCKSTACK_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => ok({ code, out, err }));
  });
}

function startReader(url: string): Promise<{ proc: ChildProcess; url: string; dns: string }> {
  return new Promise((ok, fail) => {
    const proc = spawn(process.execPath, [CLI, 'api', 'serve', '--db', url, '--read-only', '--port', '0', '--dns-port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const t = setTimeout(() => fail(new Error(`reader did not start: ${err}`)), 30_000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      try { const j = JSON.parse(out); clearTimeout(t); ok({ proc, url: j.api, dns: j.dns }); } catch { /* incomplete */ }
    });
    proc.on('exit', (code) => { clearTimeout(t); fail(new Error(`reader exited ${code}: ${err}`)); });
  });
}

const getJson = async (base: string, p: string) => { const r = await fetch(base + p); return { status: r.status, body: await r.json().catch(() => null) }; };
/** The Atlas inventory a process answers (JSON bulk path of the Atlas RPC: same handler as XML-RPC /RPC2). */
const inventory = async (base: string) => (await fetch(`${base}/atlas/get_zonefile_inventory`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[0, 4096]' })).json();
const readerMetric = async (base: string, kind: string) => Number(new RegExp(`blockstack_reader_refreshes\\{kind="${kind}"\\} (\\d+)`).exec(await (await fetch(`${base}/metrics`)).text())?.[1]);
/** Every reader's Atlas inventory equals the writer's (polled: a reader may be one refresh behind). */
async function inventoriesMatch(): Promise<unknown> {
  const want = await inventory(writer.apiUrl);
  for (const r of readers) {
    const t0 = Date.now();
    while (JSON.stringify(await inventory(r.url)) !== JSON.stringify(want)) {
      if (Date.now() - t0 > 2000) expect(await inventory(r.url), `${r.url} inventory`).toEqual(want);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
  return want;
}

/** Polls every reader until `pred` holds for the answer to `path`; returns the ms it took for the slowest. */
async function allReadersSee(path: string, pred: (b: any) => boolean, limitMs = 1000): Promise<number> {
  const t0 = performance.now();
  await Promise.all(readers.map(async (r) => {
    for (;;) {
      const { body } = await getJson(r.url, path);
      if (pred(body)) return;
      if (performance.now() - t0 > limitMs) throw new Error(`${r.url}${path} still ${JSON.stringify(body)} after ${limitMs} ms`);
      await new Promise((ok) => setTimeout(ok, 20));
    }
  }));
  return performance.now() - t0;
}

describe('PostgreSQL: one writer, two read-only API processes', () => {
  beforeAll(async () => {
    pgdb = await createTestDatabase('bsk_e2e');
    const cfg = loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, db: pgdb.url, atlas: { crawlMs: 60_000 } }, { BLOCKSTACK_HOME: home });
    writer = await BlockstackNode.start(cfg, { logToStderr: 'silent' });
    readers.push(await startReader(pgdb.url), await startReader(pgdb.url));
  }, 90_000);
  afterAll(async () => {
    for (const r of readers) r.proc.kill('SIGTERM');
    await writer?.stop();
    await pgdb?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  it('a second writer on the same database is refused with a clear error', async () => {
    const r = await run(['api', 'start', '--db', pgdb.url, '--port', '0', '--no-atlas'], { BLOCKSTACK_HOME: mkdtempSync(join(tmpdir(), 'bsk-pg2-')), BLOCKSTACK_DEVNET_RPC_PORT: '0' });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/another indexer is writing to .*--standby/);
  }, 60_000);

  it('registered and updated names reach both readers within 1 s; a reorg rolls both back', async () => {
    await createDemo(writer);
    const want = (await getJson(writer.apiUrl, '/v1/names/alice.id')).body;
    expect(want.status).toBe('registered');
    await allReadersSee('/v1/names/alice.id', (b) => JSON.stringify(b) === JSON.stringify(want), 1000);
    for (const p of ['/v1/names?page=0', '/v1/namespaces', '/v1/names/bob.id/history', '/v1/info', `/v1/addresses/bitcoin/${want.address}`]) {
      const w = (await getJson(writer.apiUrl, p)).body;
      for (const r of readers) expect((await getJson(r.url, p)).body, `${r.url}${p}`).toEqual(w);
    }
    // update bob.id: visible on both readers within 1 s of the writer indexing the block
    const ops = opsFor(writer);
    const bob = demoOwners((n, a) => `${writer.apiUrl}/hub/${a}/profile.json`)[1].account;
    const zf = demoZonefile('bob.id', 'https://example.org/bob-v2.json');
    const before = writer.indexer.height;
    const oldHash = (await getJson(writer.apiUrl, '/v1/names/bob.id')).body.zonefile_hash;
    await ops.update(bob, 'bob.id', zonefileHash(zf));
    expect(writer.zonefiles.put(zf).saved).toBe(true);
    const ms = await allReadersSee('/v1/names/bob.id', (b) => b.zonefile_hash === zonefileHash(zf) && b.zonefile === new TextDecoder().decode(zf), 1000);
    expect(ms).toBeLessThan(1000);
    // the readers' Atlas inventories follow the new blocks in place (no rebuild since their first load)
    const inv = (await inventoriesMatch()) as { status: boolean; inv: string };
    expect(inv.status).toBe(true);
    const bits = Buffer.from(inv.inv, 'base64');
    expect(bits.length).toBeGreaterThan(0);
    expect(bits[0]! & 0x80).toBe(0x80);
    for (const r of readers) {
      expect(await readerMetric(r.url, 'all'), r.url).toBeGreaterThan(2);
      expect(await readerMetric(r.url, 'atlas_rebuilds'), r.url).toBe(1);
    }
    // reorg the update away (manual mining: it stays in the mempool): both readers roll back
    writer.devnet!.setMining('manual');
    writer.devnet!.chain.reorg(writer.devnet!.chain.height - before, writer.devnet!.miner.script);
    await writer.waitForHeight(writer.devnet!.chain.height);
    expect((await getJson(writer.apiUrl, '/v1/names/bob.id')).body.zonefile_hash).toBe(oldHash);
    await allReadersSee('/v1/names/bob.id', (b) => b.zonefile_hash === oldHash, 1000);
    const info = (await getJson(writer.apiUrl, '/v1/info')).body;
    await allReadersSee('/v1/info', (b) => b.consensus === info.consensus && b.last_block_processed === info.last_block_processed, 1000);
    // after the reorg the readers rebuilt their inventories (fallback) and answer like the writer
    await inventoriesMatch();
    for (const r of readers) expect(await readerMetric(r.url, 'atlas_rebuilds'), r.url).toBeGreaterThanOrEqual(2);
    // and new blocks after the reorg append in place again
    writer.devnet!.setMining('instant');
    const alice = demoOwners((n, a) => `${writer.apiUrl}/hub/${a}/profile.json`)[0].account;
    const zf3 = demoZonefile('alice.id', 'https://example.org/alice-v2.json');
    await ops.update(alice, 'alice.id', zonefileHash(zf3));
    expect(writer.zonefiles.put(zf3).saved).toBe(true);
    await allReadersSee('/v1/names/alice.id', (b) => b.zonefile_hash === zonefileHash(zf3) && b.zonefile === new TextDecoder().decode(zf3), 2000);
    const rebuilt = await Promise.all(readers.map((r) => readerMetric(r.url, 'atlas_rebuilds')));
    await inventoriesMatch();
    expect(await Promise.all(readers.map((r) => readerMetric(r.url, 'atlas_rebuilds')))).toEqual(rebuilt);
  }, 120_000);

  it('readers answer DNS (UDP and DoH) like the writer', async () => {
    const q = dnsPacket.encode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'TXT', name: '_bns.alice.id' }, ] });
    const doh = async (base: string) => dnsPacket.decode(Buffer.from(await (await fetch(`${base}/dns-query?dns=${q.toString('base64url')}`)).arrayBuffer()));
    const want = await doh(writer.apiUrl);
    expect((want as { rcode?: string }).rcode).toBe('NOERROR');
    expect(want.answers?.length).toBeGreaterThan(0);
    for (const r of readers) {
      expect((await doh(r.url)).answers).toEqual(want.answers);
      const [host, port] = [r.dns.slice(0, r.dns.lastIndexOf(':')), Number(r.dns.slice(r.dns.lastIndexOf(':') + 1))];
      const sock = createSocket('udp4');
      const udp = await new Promise<Buffer>((ok, fail) => {
        const t = setTimeout(() => fail(new Error('no DNS answer')), 3000);
        sock.once('message', (m) => { clearTimeout(t); ok(m); });
        sock.send(q, port, host);
      });
      sock.close();
      expect(dnsPacket.decode(udp).answers).toEqual(want.answers);
    }
  });

  it('readers refuse writes: zone-file uploads are not stored there', async () => {
    const r = await fetch(readers[0].url + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile: '$ORIGIN x.id\n' }) });
    expect(r.status).toBeGreaterThanOrEqual(400);
  });
});
