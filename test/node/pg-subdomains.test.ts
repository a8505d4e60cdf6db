/**
 * Subdomains on PostgreSQL are written incrementally: the writer (devnet, a throwaway PostgreSQL database)
 * indexes NAME_UPDATEs of bob.id whose zone files carry subdomain records; its mirror pushes only the
 * subdomain rows that changed (keys logged by SQLite triggers), and a read-only process applies only those
 * rows. After every block, and after a reorg that undoes the last one, PostgreSQL's subdomain tables equal the
 * writer's SQLite tables row for row and the reader answers like the writer — with one whole-table push and one
 * whole-table load in all (the start), never a copy per change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneFileHash } from '../../bindings/base/hash.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { createDemo, demoOwners, opsFor } from '../../bindings/node/demo.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { ReadOnlyNode, readSubdomainChanges } from '../../bindings/node/reader.ts';
import { columnsOf } from '../../bindings/virtualchain/db/layout.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';
import { sharedJson } from '../helpers/shared.ts';

const V = sharedJson('vectors/zonefiles/subdomains.json');
const home = mkdtempSync(join(tmpdir(), 'bsk-pgsub-'));
let pgdb: TestDatabase;
let writer: BlockstackNode;
let reader: ReadOnlyNode;
let client: pg.Client;

const ORDER: Record<string, string> = { subdomain_records: 'parent_zonefile_index, zonefile_offset', subdomain_domains: 'domain' };
const norm = (t: string, rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(columnsOf(t).map((c) => [c, r[c] === null ? null : String(r[c])])));
async function tablesEqual(): Promise<void> {
  await writer.mirror!.idle();
  for (const t of Object.keys(ORDER)) {
    const local = norm(t, writer.mirror!.sql.prepare(`SELECT * FROM ${t} ORDER BY ${ORDER[t]}`).all() as Record<string, unknown>[]);
    const remote = norm(t, (await client.query(`SELECT * FROM ${t} ORDER BY ${ORDER[t]}`)).rows);
    expect(remote, t).toEqual(local);
  }
}
const json = async (base: string, p: string) => (await fetch(base + p)).json();
async function readerAnswers(paths: string[]): Promise<void> {
  for (const p of paths) {
    const want = await json(writer.apiUrl, p);
    const t0 = Date.now();
    while (JSON.stringify(await json(reader.url, p)) !== JSON.stringify(want)) {
      if (Date.now() - t0 > 3000) expect(await json(reader.url, p), p).toEqual(want);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}

describe('PostgreSQL: subdomain rows pushed and read incrementally, with undo on reorg', () => {
  beforeAll(async () => {
    pgdb = await createTestDatabase('bsk_sub');
    const cfg = loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, db: pgdb.url, atlas: { crawlMs: 60_000 } }, { BLOCKSTACK_HOME: home });
    writer = await BlockstackNode.start(cfg, { logToStderr: 'silent' });
    await createDemo(writer);
    reader = await ReadOnlyNode.start({ url: pgdb.url, port: 0, log: pino({ level: 'silent' }) });
    client = new pg.Client({ connectionString: pgdb.url });
    await client.connect();
  }, 90_000);
  afterAll(async () => {
    await client?.end();
    await reader?.stop();
    await writer?.stop();
    await pgdb?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  it('each block pushes only its changed rows; a reorg pushes the undo; readers never reload whole tables', async () => {
    const bob = demoOwners(() => 'https://example.org/p.json')[1]!.account;
    const ops = opsFor(writer);
    const rowsBefore: number[] = [];
    let lastHeight = 0;
    let lastTxid = '';
    for (const id of ['register-seqn0', 'update-seqn1-valid', 'independent-seqn0']) {
      const rec = V.cases.find((c: { id: string }) => c.id === id);
      const zf = new TextEncoder().encode(`$ORIGIN bob.id\n$TTL 3600\n${rec.txt_record}\n`);
      const sent = await ops.update(bob, 'bob.id', zoneFileHash(zf));
      await writer.waitForHeight(sent.height);
      expect(writer.zonefiles.put(zf).saved).toBe(true);
      lastHeight = sent.height;
      lastTxid = sent.txid;
      await readerAnswers(['/v1/names/bob.id', '/v1/names/alice.bob.id', '/v1/names/alice.bob.id/history', `/v1/subdomains/${sent.txid}`, '/v1/subdomains?page=0']);
      await tablesEqual();
      rowsBefore.push(writer.mirror!.pushed.rows);
    }
    const sub = await json(reader.url, '/v1/names/alice.bob.id');
    expect(sub.status).toBe('registered_subdomain');
    const total = Number((await client.query('SELECT COUNT(*) AS n FROM subdomain_records')).rows[0].n);
    expect(total).toBeGreaterThanOrEqual(3);
    // one whole-table push (the writer's start) and one whole-table load (the reader's first refresh)
    expect(writer.mirror!.pushed.full).toBe(1);
    expect(reader.subReloads).toBe(1);
    // the last block changed a handful of rows, not the table
    const lastPush = rowsBefore[2] - rowsBefore[1];
    expect(lastPush).toBeGreaterThan(0);
    expect(lastPush).toBeLessThan(total + 1);

    // reorg the last update away: its subdomain rows are deleted on the writer, pushed as deletes, undone on the reader
    writer.devnet!.setMining('manual');
    const chain = writer.devnet!.chain;
    chain.reorg(chain.height - lastHeight + 1, writer.devnet!.miner.script);
    await writer.waitForHeight(chain.height);
    await readerAnswers(['/v1/names/bob.id', '/v1/names/alice.bob.id', '/v1/names/alice.bob.id/history', `/v1/subdomains/${lastTxid}`, '/v1/subdomains?page=0']);
    await tablesEqual();
    expect(Number((await client.query('SELECT COUNT(*) AS n FROM subdomain_records')).rows[0].n)).toBeLessThan(total);
    expect(writer.mirror!.pushed.full).toBe(1);
    expect(reader.subReloads).toBe(1);
  }, 120_000);

  it('a long-running writer prunes the change log; a reader whose mark fell below it reloads whole, one that kept up does not', async () => {
    const bob = demoOwners(() => 'https://example.org/p.json')[1]!.account;
    const ops = opsFor(writer);
    const logSize = async () => Number((await client.query('SELECT COUNT(*) AS n FROM subdomain_changes')).rows[0].n);
    const maxId = async () => Number((await client.query('SELECT COALESCE(MAX(id), 0) AS id FROM subdomain_changes')).rows[0].id);
    const oldMark = await maxId();
    writer.mirror!.keepLog = 2;
    writer.devnet!.setMining('instant');
    await ops.fund(writer.devnet!.miner, bob.address, 10n ** 7n);
    const reloads = reader.subReloads;
    for (const id of ['independent-seqn0', 'multipart-zonefile', 'update-seqn1-valid', 'register-seqn0']) {
      const rec = V.cases.find((c: { id: string }) => c.id === id);
      const zf = new TextEncoder().encode(`$ORIGIN bob.id\n$TTL 3600\n${rec.txt_record}\n`);
      const sent = await ops.update(bob, 'bob.id', zoneFileHash(zf));
      await writer.waitForHeight(sent.height);
      writer.zonefiles.put(zf);
      await readerAnswers(['/v1/names/bob.id', '/v1/subdomains?page=0', `/v1/subdomains/${sent.txid}`]);
      await tablesEqual();
    }
    const minId = Number((await client.query('SELECT MIN(id) AS id FROM subdomain_changes')).rows[0].id);
    expect(minId).toBeGreaterThan(oldMark + 1);
    expect(await logSize()).toBeLessThan(await maxId() - oldMark);
    // the following reader kept up: deltas only
    expect(reader.subReloads).toBe(reloads);
    // a reader still at the old mark finds the entries above it pruned: the whole tables
    const behind = await readSubdomainChanges(client, oldMark);
    expect(behind?.full).toBe(true);
    expect(behind!.mark).toBe(await maxId());
    const total = Number((await client.query('SELECT COUNT(*) AS n FROM subdomain_records')).rows[0].n);
    expect(behind!.records.length).toBe(total);
    // one at the current mark: nothing to do
    expect(await readSubdomainChanges(client, await maxId())).toBeNull();
  }, 120_000);
});
