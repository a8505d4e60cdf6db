/**
 * Reorgs that happen while the node is stopped, and after a restart while it runs (issue 12 §2): name ops
 * land in blocks that a devnet reorg of depth N (1, 3, 10) orphans; an indexer over a persisted SQLite
 * name database, through the RPC source (the devnet's bitcoind-compatible JSON-RPC server) and through the
 * blk-file source, must then equal a fresh replay: names, history and every consensus hash. Before the block
 * hash was persisted with its undo record, a restarted indexer resumed on the stale branch (no reorg event),
 * and a reorg after a restart rolled back one block however deep it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlkFileSource } from '../../bindings/chain/blkfiles.ts';
import { RpcSource } from '../../bindings/chain/rpc.ts';
import type { ChainSource } from '../../bindings/chain/source.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { createDemo, opsFor } from '../../bindings/node/demo.ts';
import { Indexer } from '../../bindings/node/indexer.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { closeNameDb, createNameDb, devnetRules, getNameAt, type NameDb } from '../../bindings/virtualchain/index.ts';
import { openNameDb } from '../../bindings/virtualchain/stores.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-reorg-restart-'));
const rules = devnetRules(1);
const V = { p2pkh: 0x6f, p2sh: 0xc4 };
let node: BlockstackNode;

const sources: Record<string, () => ChainSource> = {
  rpc: () => new RpcSource({ url: node.rpcUrl!, user: 'devnet', password: 'devnet', confirmations: 1, network: 'regtest', addressVersions: V }),
  blkfiles: () => new BlkFileSource(join(home, 'node', 'devnet', 'blocks'), 'regtest', { addressVersions: V }),
};
const dbPath = (kind: string) => join(home, `names-${kind}.sqlite`);
const snap = (db: NameDb): string => JSON.stringify(db.state.snapshot());

/** One run of the node: open the persisted DB, sync to the source's tip, return it (with the reorg events seen). */
async function runOnce(kind: string, during?: (ix: Indexer) => Promise<void>) {
  const db = openNameDb(dbPath(kind), rules);
  const src = sources[kind]();
  const ix = new Indexer(src, db, { bulk: false });
  const reorgs: { from: number; to: number }[] = [];
  ix.on('reorg', (e) => reorgs.push(e));
  await ix.syncOnce();
  if (during) await during(ix);
  const s = snap(db);
  closeNameDb(db);
  await src.close();
  return { snap: s, reorgs, db };
}

async function freshReplay(kind: string): Promise<{ snap: string; db: NameDb }> {
  const db = createNameDb(rules);
  const src = sources[kind]();
  await new Indexer(src, db, { bulk: false }).syncOnce();
  await src.close();
  return { snap: snap(db), db };
}

/** Name ops in the last blocks: depth 1 an update of miner.id; deeper, a new name preordered + registered (+ an update). */
async function opsInLastBlocks(n: number): Promise<{ first: number; name: string | null }> {
  const ops = opsFor(node);
  const miner = node.devnet!.miner;
  const first = node.devnet!.chain.height + 1;
  const fresh = n >= 3 ? `orph${n}x${node.devnet!.chain.height}.id` : null;
  if (fresh) await ops.preorderRegister(miner, fresh, miner.address, node.view.priceName(fresh)!);
  if (n !== 3) await ops.update(miner, 'miner.id', (n.toString(16) + 'ab').padStart(40, '0'));
  return { first, name: fresh };
}

describe('reorg while the node is stopped, and after a restart (RPC and blk-file sources)', () => {
  beforeAll(async () => {
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: join(home, 'node') }), { logToStderr: 'silent' });
    await createDemo(node);
    await opsFor(node).preorderRegister(node.devnet!.miner, 'miner.id', node.devnet!.miner.address, node.view.priceName('miner.id')!);
    for (const kind of Object.keys(sources)) await runOnce(kind); // both persisted DBs at the tip
  }, 120_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  for (const n of [1, 3, 10]) {
    it(`reorg of depth ${n} while stopped: restart rolls back to the fork point and equals a fresh replay`, async () => {
      const { first, name } = await opsInLastBlocks(n);
      const tip = node.devnet!.chain.height;
      // the node indexes the op blocks, then stops
      for (const kind of Object.keys(sources)) {
        const r = await runOnce(kind);
        expect(JSON.parse(r.snap).lastBlock, kind).toBe(tip);
      }
      const depth = Math.max(n, tip - first + 1); // every op block is orphaned
      node.devnet!.chain.reorg(depth, node.devnet!.miner.script);
      for (const kind of Object.keys(sources)) {
        const restarted = await runOnce(kind);
        expect(restarted.reorgs, kind).toEqual([{ from: tip, to: tip - depth, depth }]);
        const fresh = await freshReplay(kind);
        expect(restarted.snap, kind).toBe(fresh.snap); // names, namespaces, preorders, history, every consensus hash
        if (name) expect(getNameAt(fresh.db, name), kind).toBeNull();
      }
    }, 120_000);
  }

  it('reorg of depth 3 after a restart, while running, rolls back the full depth', async () => {
    for (const kind of Object.keys(sources)) {
      const res = await runOnce(kind, async (ix) => {
        const reload = () => { if (ix.source instanceof BlkFileSource) ix.source.reload(); }; // a blk-file source is a snapshot
        const { first } = await opsInLastBlocks(3);
        reload();
        await ix.syncOnce();
        const tip = node.devnet!.chain.height;
        const depth = Math.max(3, tip - first + 1);
        const events: unknown[] = [];
        ix.on('reorg', (e) => events.push(e));
        node.devnet!.chain.reorg(depth, node.devnet!.miner.script);
        reload();
        await ix.syncOnce();
        expect(events, kind).toEqual([{ from: tip, to: tip - depth, depth }]);
      });
      expect(res.snap, kind).toBe((await freshReplay(kind)).snap);
    }
  }, 120_000);

  it('a spent output the source cannot find stops indexing with the txid, the outpoint and the -txindex=1 hint', async () => {
    const rpc = sources.rpc() as RpcSource;
    // bitcoind without -txindex: getrawtransaction fails for the funding transaction (simulated: one outpoint unknown)
    const blind = Object.create(rpc) as RpcSource;
    let hidden = '';
    blind.prevOuts = async (ops) => { const r = await rpc.prevOuts(ops); hidden ||= `${ops[0].txid}:${ops[0].vout}`; r[0] = null; return r; };
    const db = createNameDb(rules);
    const err = await new Indexer(blind, db, { bulk: false }).syncOnce().then(() => null, (e) => e);
    expect(err?.code).toBe('E_MISSING_PREVOUT');
    expect(err.message).toContain(hidden);
    expect(err.message).toMatch(/transaction [0-9a-f]{64} input 0 spends/);
    expect(err.message).toContain('-txindex=1');
    expect(db.state.lastBlock).toBeLessThan(node.devnet!.chain.height); // stopped before the block, nothing skipped
  }, 60_000);
});
