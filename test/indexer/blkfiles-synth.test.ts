/**
 * The streaming Core-datadir path on a synthetic, mainnet-shaped datadir (stale blocks, out-of-order
 * storage, with and without xor.dat): best chain from headers only, bulk two-pass sender resolution in
 * worker threads (one pass over blk + rev files, or two passes without rev files), and the same verdicts / consensus hash as the per-block path and as the JSON-RPC source
 * (the devnet's RPC server serving the very same blocks).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlkChainIndex, BlkFileSource, readXorKey } from '../../bindings/chain/blkfiles.ts';
import { DevnetChain } from '../../bindings/chain/devnet/chain.ts';
import { DevnetRpcServer } from '../../bindings/chain/devnet/rpc-server.ts';
import { DEVNET } from '../../bindings/chain/devnet/params.ts';
import { RpcSource } from '../../bindings/chain/rpc.ts';
import type { ChainSource } from '../../bindings/chain/source.ts';
import { Indexer, type BlockEvent } from '../../bindings/node/indexer.ts';
import { bulkScan, type BulkOptions } from '../../bindings/node/blkscan/bulk.ts';
import { writeSynthDatadir, type SynthResult } from '../../bindings/synth/datadir.ts';
import { createNameDb, devnetRules, getConsensusHash } from '../../bindings/virtualchain/index.ts';

const dirs: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'synth-')); dirs.push(d); return d; };
const opts = { addressVersions: DEVNET.versions };

async function indexWith(src: ChainSource, o: { workers?: number; bulk?: boolean; undo?: boolean } = {}) {
  const db = createNameDb(devnetRules(1));
  const ix = new Indexer(src, db, { workers: o.workers, bulk: o.bulk, bulkOptions: { undo: o.undo } });
  const blocks: BlockEvent[] = [];
  ix.on('block', (e: BlockEvent) => blocks.push(e));
  await ix.syncOnce();
  return { db, blocks, verdicts: blocks.map((b) => `${b.height}:${b.candidates}:${b.accepted}`).join(' ') };
}

describe('synthetic Core datadir → streaming blk-file indexer', () => {
  let xored: { dir: string; r: SynthResult };
  let plain: { dir: string; r: SynthResult };
  beforeAll(() => {
    const a = tmp();
    xored = { dir: a, r: writeSynthDatadir({ dir: a, blocks: 60, txsPerBlock: 300, opEvery: 4, imports: 20, staleEvery: 8, outOfOrderEvery: 7, maxFileSize: 4 << 20, seed: 11 }) };
    const b = tmp();
    plain = { dir: b, r: writeSynthDatadir({ dir: b, blocks: 40, txsPerBlock: 200, opEvery: 3, staleEvery: 6, outOfOrderEvery: 5, xor: false, seed: 12 }) };
  }, 120_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes a Core-shaped datadir: several obfuscated blk files, stale and out-of-order records, name ops', () => {
    const blocks = join(xored.dir, 'blocks');
    const files = readdirSync(blocks).filter((f) => f.startsWith('blk'));
    expect(files.length).toBeGreaterThan(1);
    expect(readXorKey(blocks).some((x) => x !== 0)).toBe(true);
    expect(readFileSync(join(blocks, 'blk00000.dat')).subarray(0, 4).toString('hex')).not.toBe('fabfb5da');
    expect(files.reduce((s, f) => s + statSync(join(blocks, f)).size, 0)).toBeLessThan(50 << 20);
    expect(xored.r.staleHashes.length).toBeGreaterThan(0);
    expect(xored.r.outOfOrder.length).toBeGreaterThan(0);
    expect(xored.r.accepted).toBeGreaterThan(30);
    expect(readdirSync(join(plain.dir, 'blocks'))).not.toContain('xor.dat');
  });

  it('links the best chain from the headers alone, skipping stale and out-of-order records', () => {
    for (const { dir, r } of [xored, plain]) {
      const ix = new BlkChainIndex(join(dir, 'blocks'), 'fabfb5da', DEVNET.genesisHash);
      expect(ix.hashes).toEqual(r.hashes);
      expect(ix.skipped).toBe(r.staleHashes.length);
      for (const s of r.staleHashes) expect(ix.hashes).not.toContain(s);
    }
  });

  it('bulk scan, undo path and two-pass path (1 and 2 workers) = per-block path = the generator\'s own replay', async () => {
    for (const { dir, r } of [xored, plain]) {
      const src = new BlkFileSource(join(dir, 'blocks'), 'regtest', opts);
      const one = await indexWith(src, { workers: 1 });
      const two = await indexWith(src, { workers: 2 });
      const twoPass = await indexWith(src, { workers: 2, undo: false });
      expect(twoPass.verdicts).toBe(one.verdicts);
      expect(getConsensusHash(twoPass.db, r.hashes.length - 1)).toBe(r.consensusHash);
      const per = await indexWith(new BlkFileSource(join(dir, 'blocks'), 'regtest', opts), { bulk: false });
      const tip = r.hashes.length - 1;
      expect(getConsensusHash(one.db, tip)).toBe(r.consensusHash);
      expect(getConsensusHash(two.db, tip)).toBe(r.consensusHash);
      expect(getConsensusHash(per.db, tip)).toBe(r.consensusHash);
      expect(two.verdicts).toBe(one.verdicts);
      expect(per.verdicts).toBe(one.verdicts);
      expect(one.blocks.reduce((s, b) => s + b.accepted, 0)).toBe(r.accepted);
      expect(one.blocks.map((b) => b.hash)).toEqual(r.hashes.slice(1));
    }
  }, 120_000);

  it('quiet mode (the issue\'s mainnet density): op blocks in preorder/register pairs, a few per thousand blocks; indexed to the generator\'s hash', async () => {
    const d = tmp();
    const blocks = 1500;
    const q = writeSynthDatadir({ dir: d, blocks, txsPerBlock: 4, opEvery: 150, imports: 5, staleEvery: 0, outOfOrderEvery: 0, seed: 21, quiet: true });
    const dense = writeSynthDatadir({ dir: tmp(), blocks, txsPerBlock: 4, opEvery: 150, imports: 5, staleEvery: 0, outOfOrderEvery: 0, seed: 21 });
    expect(dense.opBlocks).toBeGreaterThan(blocks / 25); // a block in ~10 has ops
    expect(q.opBlocks).toBeLessThan(30); // a pair every ~160 blocks (mean gap 150): ~2 × 1500 / 160 + 3 namespace blocks ≈ 22
    expect(q.opBlocks).toBeGreaterThan(6);
    expect(q.accepted).toBeGreaterThan(10);
    const src = new BlkFileSource(join(d, 'blocks'), 'regtest', opts);
    const r = await indexWith(src, { workers: 2 });
    expect(getConsensusHash(r.db, blocks)).toBe(q.consensusHash);
    const withOps = r.blocks.filter((b) => b.candidates > 0).map((b) => b.height);
    expect(withOps.length).toBe(q.opBlocks);
    // after the namespace's blocks, every preorder block is followed within 20 blocks by its register block
    const steady = withOps.slice(3);
    for (let i = 0; i + 1 < steady.length; i += 2) expect(steady[i + 1] - steady[i]).toBeLessThanOrEqual(20);
    await src.close();
  }, 120_000);

  it('a resumed two-pass bulk scan (restart at H, no rev files) walks back only to the outputs it needs and equals the from-genesis pass 2', async () => {
    const src = new BlkFileSource(join(xored.dir, 'blocks'), 'regtest', opts);
    const tip = xored.r.hashes.length - 1;
    const run = async (from: number, o: BulkOptions) => {
      const passes: Record<number, { blocks: number; bytes: number }> = {};
      const out: string[] = [];
      for await (const b of bulkScan(src, from, tip, { ...o, workers: 2, undo: false, onPass: (p, i) => { passes[p] = i; } })) out.push(`${b.height}:${b.hash}:${JSON.stringify(b.candidates)}`);
      return { out, passes };
    };
    for (const H of [Math.floor(tip / 2), tip - 6]) {
      const resumed = await run(H + 1, {});
      const full = await run(H + 1, { resumeMaxBlocks: 0 });
      expect(resumed.out).toEqual(full.out);
      // jobs of 2 blocks: the backwards walk's jobs and the forward ones cut differently, same blocks out
      expect((await run(H + 1, { batchBlocks: 2 })).out).toEqual(full.out);
      expect((await run(H + 1, { resumeMaxBlocks: 0, batchBlocks: 2 })).out).toEqual(full.out);
      expect(resumed.out.length).toBe(tip - H);
      expect(resumed.out.some((x) => !x.endsWith(':[]'))).toBe(true);
      expect(full.passes[2].blocks).toBeGreaterThan(H); // from the genesis
      expect(resumed.passes[2].bytes).toBeLessThanOrEqual(full.passes[2].bytes);
    }
    await src.close();
  }, 120_000);

  it('the JSON-RPC source over the same chain gives the same verdicts', async () => {
    const chain = new DevnetChain(plain.dir, { obfuscate: false });
    expect(chain.tip.hash).toBe(plain.r.hashes.at(-1));
    const rpc = new DevnetRpcServer(chain, { user: 'u', password: 'p' });
    const url = await rpc.listen();
    try {
      const viaRpc = await indexWith(new RpcSource({ url, user: 'u', password: 'p', confirmations: 1, network: 'regtest', addressVersions: DEVNET.versions }));
      const viaBlk = await indexWith(new BlkFileSource(join(plain.dir, 'blocks'), 'regtest', opts), { workers: 2 });
      const viaTwoPass = await indexWith(new BlkFileSource(join(plain.dir, 'blocks'), 'regtest', opts), { workers: 2, undo: false });
      expect(viaRpc.verdicts).toBe(viaBlk.verdicts);
      expect(viaRpc.verdicts).toBe(viaTwoPass.verdicts);
      expect(getConsensusHash(viaRpc.db, plain.r.hashes.length - 1)).toBe(plain.r.consensusHash);
    } finally { await rpc.close(); }
  }, 60_000);
});
