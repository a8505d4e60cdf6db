/**
 * The JSON-RPC source against the devnet's bitcoind-compatible RPC with 20 ms added to every HTTP
 * request (a delaying proxy on loopback): blocks come in batches with several batches in flight, spent
 * outputs in one batch per block, so indexing is not bound by the latency — and gives the same verdicts
 * as the blk-file path over the same chain.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlkFileSource } from '../../bindings/chain/blkfiles.ts';
import { DevnetChain } from '../../bindings/chain/devnet/chain.ts';
import { DevnetRpcServer } from '../../bindings/chain/devnet/rpc-server.ts';
import { DEVNET } from '../../bindings/chain/devnet/params.ts';
import { RpcSource } from '../../bindings/chain/rpc.ts';
import { RpcClient } from '../../bindings/chain/rpc-client.ts';
import type { ChainSource } from '../../bindings/chain/source.ts';
import { Indexer, type BlockEvent } from '../../bindings/node/indexer.ts';
import { writeSynthDatadir, type SynthResult } from '../../bindings/synth/datadir.ts';
import { createNameDb, devnetRules, getConsensusHash } from '../../bindings/virtualchain/index.ts';

const LATENCY = 20;
let delay = LATENCY;
let dir: string;
let synth: SynthResult;
let rpc: DevnetRpcServer;
let proxy: Server;
let proxyUrl: string;
let requests = 0;

async function indexWith(src: ChainSource, o: { workers?: number } = {}) {
  const db = createNameDb(devnetRules(1));
  const ix = new Indexer(src, db, o);
  const blocks: BlockEvent[] = [];
  ix.on('block', (e: BlockEvent) => blocks.push(e));
  await ix.syncOnce();
  return { db, blocks, verdicts: blocks.map((b) => `${b.height}:${b.candidates}:${b.accepted}`).join(' ') };
}

describe('pipelined, batched JSON-RPC source under 20 ms latency', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rpc-pipe-'));
    synth = writeSynthDatadir({ dir, blocks: 240, txsPerBlock: 12, opEvery: 3, imports: 10, staleEvery: 0, outOfOrderEvery: 0, seed: 5 });
    rpc = new DevnetRpcServer(new DevnetChain(dir), { user: 'u', password: 'p' });
    const target = await rpc.listen();
    proxy = createServer((req, res) => {
      requests++;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => setTimeout(async () => {
        const r = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' }, body: Buffer.concat(chunks) });
        res.writeHead(r.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await r.arrayBuffer()));
      }, delay));
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((ok) => proxy.close(() => ok()));
    proxy.closeAllConnections();
    await rpc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a batch answers every call by id, RPC errors per entry', async () => {
    const c = new RpcClient({ url: proxyUrl, user: 'u', password: 'p' });
    const r = await c.batch([{ method: 'getblockhash', params: [1] }, { method: 'getblockhash', params: [99999] }, { method: 'getblockcount' }]);
    expect(r[0]).toBe(synth.hashes[1]);
    expect(r[1]).toMatchObject({ code: 'E_RPC_ERROR', rpcCode: -8 });
    expect(r[2]).toBe(240);
    await expect(new RpcClient({ url: proxyUrl, user: 'u', password: 'x' }).batch([{ method: 'getblockcount' }])).rejects.toMatchObject({ code: 'E_RPC_AUTH' });
  });

  it('indexes 240 blocks far faster than one round trip per call, same verdicts as the blk files', async () => {
    const src = () => new RpcSource({ url: proxyUrl, user: 'u', password: 'p', confirmations: 1, network: 'regtest', addressVersions: DEVNET.versions });
    delay = 0;
    let t0 = performance.now();
    await indexWith(src());
    const ms0 = performance.now() - t0; // the same work without latency (CPU-bound part, machine load included)
    delay = LATENCY;
    requests = 0;
    t0 = performance.now();
    const viaRpc = await indexWith(src());
    const ms = performance.now() - t0;
    const opBlocks = viaRpc.blocks.filter((b) => b.candidates > 0).length;
    // unpipelined: getblockhash + getblock per block (+ getrawtransaction per input) — latency adds ≥ 2 × 240 × 20 ms
    const latencyBound = 2 * 240 * LATENCY;
    console.log(`RPC source, 240 blocks: ${Math.round(ms0)} ms without latency, ${Math.round(ms)} ms with ${LATENCY} ms per request, ${requests} requests (one call per round trip would add ≥ ${latencyBound} ms)`);
    expect(ms - ms0).toBeLessThan(latencyBound / 4);
    expect(opBlocks).toBeGreaterThan(20);
    expect(requests).toBeLessThanOrEqual(3 * Math.ceil(240 / 8) + 6); // hashes, blocks, spent outputs: one batch each per 8 blocks
    const viaBlk = await indexWith(new BlkFileSource(join(dir, 'blocks'), 'regtest', { addressVersions: DEVNET.versions }), { workers: 2 });
    expect(viaRpc.verdicts).toBe(viaBlk.verdicts);
    expect(getConsensusHash(viaRpc.db, 240)).toBe(synth.consensusHash);
    expect(viaRpc.blocks.reduce((s, b) => s + b.accepted, 0)).toBe(synth.accepted);
  }, 60_000);
});
