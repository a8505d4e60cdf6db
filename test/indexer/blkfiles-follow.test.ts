/** A node on `--chain blkfiles` follows blocks Core appends after it started (the index is extended when the files grow, rebuilt on a fork). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlkChainIndex, BlkFileSource, linkChain, NETWORK_MAGIC, readBlkRecords } from '../../bindings/chain/blkfiles.ts';
import { BlkFileWriter } from '../../bindings/chain/blkfiles-write.ts';
import { Devnet } from '../../bindings/chain/devnet/devnet.ts';
import { DEVNET } from '../../bindings/chain/devnet/params.ts';
import { Indexer } from '../../bindings/node/indexer.ts';
import { createNameDb, devnetRules } from '../../bindings/virtualchain/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('blk-file source follows the tip', () => {
  it('sees newly written blocks on the next poll', async () => {
    const dn = new Devnet({ dir, mining: 'manual' });
    dn.mine(5);
    const src = new BlkFileSource(join(dir, 'blocks'), 'regtest', { addressVersions: DEVNET.versions });
    const ix = new Indexer(src, createNameDb(devnetRules(1)));
    await ix.syncOnce();
    expect(ix.height).toBe(5);
    dn.mine(3);
    expect(await ix.syncOnce()).toBe(3);
    expect(ix.height).toBe(8);
    expect(await src.blockHash(8)).toBe(dn.chain.tip.hash);
    expect(await ix.syncOnce()).toBe(0);
    await dn.stop();
  });
});

describe('blk-file index: a following node reads only what Core appended', () => {
  const same = (a: BlkChainIndex, b: BlkChainIndex) => {
    expect(a.hashes).toEqual(b.hashes);
    expect([...a.file]).toEqual([...b.file]);
    expect([...a.offset]).toEqual([...b.offset]);
    expect([...a.len]).toEqual([...b.len]);
    expect(a.bytes).toBe(b.bytes);
  };

  it('extends the tip with appended blocks (a child stored before its parent waits for it); a fork below the tip rebuilds; always equal to a fresh index', async () => {
    const a = join(dir, 'a'), b = join(dir, 'b', 'blocks');
    const dn = new Devnet({ dir: a, mining: 'manual' });
    dn.mine(9);
    await dn.stop();
    const magic = Buffer.from(NETWORK_MAGIC.regtest, 'hex');
    const recs = linkChain([...readBlkRecords(join(a, 'blocks'), NETWORK_MAGIC.regtest)], DEVNET.genesisHash);
    expect(recs.length).toBe(10);
    const w = new BlkFileWriter(b, magic);
    for (const r of recs.slice(0, 6)) w.append(r.raw);
    const src = new BlkFileSource(b, 'regtest', { addressVersions: DEVNET.versions, genesisHash: DEVNET.genesisHash });
    const fresh = () => new BlkChainIndex(b, NETWORK_MAGIC.regtest, DEVNET.genesisHash);
    expect(await src.confirmedHeight()).toBe(5);
    const step = async (raw: Uint8Array, height: number, how: 'full' | 'extended') => {
      w.append(raw);
      expect(await src.confirmedHeight()).toBe(height);
      expect(src.index.lastBuild).toBe(how);
      same(src.index, fresh());
    };
    await step(recs[6].raw, 6, 'extended');
    await step(recs[8].raw, 6, 'full'); // 8 before 7: no parent yet, kept as an orphan by the rebuild
    await step(recs[7].raw, 8, 'extended'); // 7 arrives: 7 and the waiting 8 extend the tip
    // a stale sibling of block 5 (same parent, another header): the index is rebuilt, the best chain stays
    const stale = Uint8Array.from(recs[5].raw);
    stale[76] ^= 1; // nonce
    await step(stale, 8, 'full');
    await step(recs[9].raw, 9, 'extended');
    expect(await src.blockHash(9)).toBe(recs[9].hash);
    w.close();
    await src.close();
  });
});
