/**
 * @module chain/rpc — ChainSource that follows a Bitcoin Core node over JSON-RPC (mainnet, testnet,
 * regtest, or the devnet's RPC). Blocks come from batched `getblockhash` + `getblock <hash> 0`, several
 * batches in flight ahead of the indexer (pipelined); a block is
 * usable once it has `confirmations` confirmations; spent outputs come from one batch of
 * `getrawtransaction <txid> 0` per block
 * (the node needs -txindex=1, as Blockstack Core required). Reorgs are visible to the caller as a
 * changed `blockHash(h)` at an indexed height (the node compares previous hashes block by block).
 */
import { rawBlockHash } from './block.ts';
import { scanBlock } from '../core/index.ts';
import { fromHex, hashToHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import { RpcClient, type RpcOptions } from './rpc-client.ts';
import { MAINNET_VERSIONS, type AddressVersions } from './script.ts';
import type { ChainSource, PrevOut, SourceBlock } from './source.ts';
import { decodeTx } from './tx.ts';

/**
 * `batch`: blocks per JSON-RPC batch (default 8); `depth`: batches in flight ahead of the indexer (default
 * 4) — block fetches are pipelined up to the last confirmed height, so throughput is not bound by latency.
 */
export interface RpcSourceOptions extends RpcOptions { confirmations?: number; network?: string; addressVersions?: AddressVersions; batch?: number; depth?: number }

export class RpcSource implements ChainSource {
  readonly kind = 'rpc' as const;
  readonly client: RpcClient;
  readonly confirmations: number;
  readonly addressVersions: AddressVersions;
  network: string;
  private txCache = new Map<string, PrevOut[]>();
  /** Prefetched batches by first height. */
  private ahead = new Map<number, Promise<SourceBlock[]>>();
  private limit = -1;
  private readonly batchSize: number;
  private readonly depth: number;

  constructor(opts: RpcSourceOptions) {
    this.client = new RpcClient(opts);
    this.confirmations = Math.max(1, opts.confirmations ?? 6);
    this.network = opts.network ?? 'main';
    this.addressVersions = opts.addressVersions ?? MAINNET_VERSIONS;
    this.batchSize = Math.max(1, opts.batch ?? 8);
    this.depth = Math.max(1, opts.depth ?? 4);
  }

  /** Reads `getblockchaininfo` to learn the network (`main`, `test`, `regtest`, ...). */
  async detectNetwork(): Promise<string> {
    const info = await this.client.call<{ chain: string }>('getblockchaininfo');
    this.network = info.chain;
    return this.network;
  }

  tipHeight(): Promise<number> { return this.client.getBlockCount(); }
  async confirmedHeight(): Promise<number> { return (this.limit = (await this.client.getBlockCount()) - (this.confirmations - 1)); }

  async blockHash(h: number): Promise<string | null> {
    this.ahead.clear(); // a direct hash query means the caller checks for a reorg: refetch what was prefetched
    try { return await this.client.getBlockHash(h); } catch (e) {
      if ((e as { rpcCode?: number }).rpcCode === -8) return null;
      throw e;
    }
  }

  /** Blocks [from, from + n) in two batches (hashes, then raw blocks). */
  private async fetchRange(from: number, n: number): Promise<SourceBlock[]> {
    const hashes = await this.client.batch<string>(Array.from({ length: n }, (_, i) => ({ method: 'getblockhash', params: [from + i] })));
    const ok = hashes.map((x, i) => {
      if (x instanceof ChainError) throw (x as { rpcCode?: number }).rpcCode === -8 ? new ChainError('E_NO_SUCH_BLOCK', `bitcoind has no block at height ${from + i}`) : x;
      return x;
    });
    const raws = await this.client.batch<string>(ok.map((hash) => ({ method: 'getblock', params: [hash, 0] })));
    const blocks = raws.map((x, i) => {
      if (x instanceof ChainError) throw x;
      const raw = fromHex(x);
      if (rawBlockHash(raw) !== ok[i]) throw new ChainError('E_RPC_BAD_BLOCK', `block ${ok[i]} returned by RPC does not hash to its id`);
      return { height: from + i, hash: ok[i], prevHash: hashToHex(raw.subarray(4, 36)), time: new DataView(raw.buffer, raw.byteOffset + 68, 4).getUint32(0, true), raw };
    });
    // the outputs the range's name-operation candidates spend, in the same pipeline (one more batch)
    const spent = blocks.flatMap((b) => scanBlock(b.raw, 'id').txs.filter((t) => t.vtxindex !== 0).flatMap((t) => t.inputs.map((i) => ({ txid: i.prevTxid, vout: i.prevVout }))));
    if (spent.length) await this.prevOuts(spent);
    return blocks;
  }

  async block(h: number): Promise<SourceBlock> {
    const b = this.batchSize;
    const start = h - (h % b);
    const limit = Math.max(h, this.limit);
    // keep `depth` batches in flight from h's batch on (never past the last confirmed height seen)
    for (let k = 0, s = start; k < this.depth && s <= limit; k++, s += b) {
      if (!this.ahead.has(s)) {
        const p = this.fetchRange(s, Math.min(b, limit - s + 1));
        p.catch(() => undefined);
        this.ahead.set(s, p);
      }
    }
    for (const s of this.ahead.keys()) if (s < start) this.ahead.delete(s);
    const got = await this.ahead.get(start)!;
    const r = got[h - start];
    if (!r) { this.ahead.delete(start); return (await this.fetchRange(h, 1))[0]; }
    return r;
  }

  /** Spent outputs in ONE batch of `getrawtransaction` (cached per txid; -5 = unknown → null). */
  async prevOuts(ops: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]> {
    const need = [...new Set(ops.map((o) => o.txid).filter((t) => !this.txCache.has(t)))];
    const got = await this.client.batch<string>(need.map((t) => ({ method: 'getrawtransaction', params: [t, 0] })));
    const unknown = new Set<string>();
    got.forEach((x, i) => {
      if (x instanceof ChainError) {
        if ((x as { rpcCode?: number }).rpcCode === -5) { unknown.add(need[i]); return; }
        throw x;
      }
      if (this.txCache.size > 50_000) this.txCache.delete(this.txCache.keys().next().value!);
      this.txCache.set(need[i], decodeTx(fromHex(x)).outs.map((o) => ({ value: o.value, script: o.script })));
    });
    return ops.map((o) => (unknown.has(o.txid) ? null : this.txCache.get(o.txid)?.[o.vout] ?? null));
  }

  async close(): Promise<void> { this.txCache.clear(); this.ahead.clear(); }
}
