/** The indexer gives the same name state (consensus hash) from all three chain sources over one devnet history. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo } from '../../bindings/node/demo.ts';
import { Indexer } from '../../bindings/node/indexer.ts';
import { RpcSource } from '../../bindings/chain/rpc.ts';
import { BlkFileSource } from '../../bindings/chain/blkfiles.ts';
import { DevnetSource } from '../../bindings/chain/devnet/source.ts';
import { createNameDb, devnetRules, getConsensusHash, getNameAt } from '../../bindings/virtualchain/index.ts';
import type { ChainSource } from '../../bindings/chain/source.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-src-'));
let node: BlockstackNode;

async function indexWith(src: ChainSource) {
  const db = createNameDb(devnetRules(1));
  const ix = new Indexer(src, db);
  await ix.syncOnce();
  return { db, ix };
}

describe('indexer over devnet, RPC and blk-file sources', () => {
  beforeAll(async () => {
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: home }), { logToStderr: 'silent' });
    await createDemo(node);
  }, 60_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('same consensus hash and names from every source', async () => {
    const tip = node.devnet!.chain.height;
    const want = getConsensusHash(node.db, tip);
    expect(want).toMatch(/^[0-9a-f]{32}$/);
    const sources: ChainSource[] = [
      new DevnetSource(node.devnet!.chain),
      new RpcSource({ url: node.rpcUrl!, user: 'devnet', password: 'devnet', confirmations: 1, network: 'regtest', addressVersions: { p2pkh: 0x6f, p2sh: 0xc4 } }),
      new BlkFileSource(join(home, 'devnet', 'blocks'), 'regtest', { addressVersions: { p2pkh: 0x6f, p2sh: 0xc4 } }),
    ];
    for (const s of sources) {
      const { db } = await indexWith(s);
      expect(db.state.lastBlock, s.kind).toBe(tip);
      expect(getConsensusHash(db, tip), s.kind).toBe(want);
      expect(getNameAt(db, 'alice.id')?.record.address, s.kind).toBe(getNameAt(node.db, 'alice.id')?.record.address);
    }
  }, 60_000);

  it('RPC source with 3 confirmations stays 2 blocks behind, and a reorg is rolled back', async () => {
    node.devnet!.setMining('manual');
    const src = new RpcSource({ url: node.rpcUrl!, user: 'devnet', password: 'devnet', confirmations: 3, network: 'regtest', addressVersions: { p2pkh: 0x6f, p2sh: 0xc4 } });
    const { db, ix } = await indexWith(src);
    expect(db.state.lastBlock).toBe(node.devnet!.chain.height - 2);
    const events: unknown[] = [];
    ix.on('reorg', (e) => events.push(e));
    node.devnet!.chain.reorg(4, node.devnet!.miner.script);
    await ix.syncOnce();
    expect(events.length).toBe(1);
    expect(db.state.lastBlock).toBe(node.devnet!.chain.height - 2);
    await node.waitForHeight(node.devnet!.chain.height);
    expect(getConsensusHash(db, db.state.lastBlock)).toBe(getConsensusHash(node.db, db.state.lastBlock));
  }, 60_000);
});
