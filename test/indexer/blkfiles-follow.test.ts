/** A node on `--chain blkfiles` follows blocks Core appends after it started (the index is rebuilt when the files grow). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlkFileSource } from '../../bindings/chain/blkfiles.ts';
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
