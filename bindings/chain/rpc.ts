/**
 * @module chain/rpc — ChainSource that follows a Bitcoin Core node over JSON-RPC (mainnet, testnet,
 * regtest, or the devnet's RPC). Blocks come from `getblockhash` + `getblock <hash> 0`; a block is
 * usable once it has `confirmations` confirmations; spent outputs come from `getrawtransaction <txid> 1`
 * (the node needs -txindex=1, as Blockstack Core required). Reorgs are visible to the caller as a
 * changed `blockHash(h)` at an indexed height (the node compares previous hashes block by block).
 */
import { rawBlockHash } from './block.ts';
import { fromHex, hashToHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import { RpcClient, type RpcOptions } from './rpc-client.ts';
import { MAINNET_VERSIONS, type AddressVersions } from './script.ts';
import type { ChainSource, PrevOut, SourceBlock } from './source.ts';
import { decodeTx } from './tx.ts';

export interface RpcSourceOptions extends RpcOptions { confirmations?: number; network?: string; addressVersions?: AddressVersions }

export class RpcSource implements ChainSource {
  readonly kind = 'rpc' as const;
  readonly client: RpcClient;
  readonly confirmations: number;
  readonly addressVersions: AddressVersions;
  network: string;
  private txCache = new Map<string, PrevOut[]>();

  constructor(opts: RpcSourceOptions) {
    this.client = new RpcClient(opts);
    this.confirmations = Math.max(1, opts.confirmations ?? 6);
    this.network = opts.network ?? 'main';
    this.addressVersions = opts.addressVersions ?? MAINNET_VERSIONS;
  }

  /** Reads `getblockchaininfo` to learn the network (`main`, `test`, `regtest`, ...). */
  async detectNetwork(): Promise<string> {
    const info = await this.client.call<{ chain: string }>('getblockchaininfo');
    this.network = info.chain;
    return this.network;
  }

  tipHeight(): Promise<number> { return this.client.getBlockCount(); }
  async confirmedHeight(): Promise<number> { return (await this.client.getBlockCount()) - (this.confirmations - 1); }

  async blockHash(h: number): Promise<string | null> {
    try { return await this.client.getBlockHash(h); } catch (e) {
      if ((e as { rpcCode?: number }).rpcCode === -8) return null;
      throw e;
    }
  }

  async block(h: number): Promise<SourceBlock> {
    const hash = await this.blockHash(h);
    if (!hash) throw new ChainError('NO_SUCH_BLOCK', `bitcoind has no block at height ${h}`);
    const raw = await this.client.getBlockRaw(hash);
    if (rawBlockHash(raw) !== hash) throw new ChainError('RPC_BAD_BLOCK', `block ${hash} returned by RPC does not hash to its id`);
    return { height: h, hash, prevHash: hashToHex(raw.subarray(4, 36)), time: new DataView(raw.buffer, raw.byteOffset + 68, 4).getUint32(0, true), raw };
  }

  async prevOuts(ops: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]> {
    const out: (PrevOut | null)[] = [];
    for (const o of ops) {
      let outs = this.txCache.get(o.txid);
      if (!outs) {
        try {
          const hex = await this.client.call<string>('getrawtransaction', [o.txid, 0]);
          outs = decodeTx(fromHex(hex)).outs.map((x) => ({ value: x.value, script: x.script }));
          if (this.txCache.size > 10_000) this.txCache.clear();
          this.txCache.set(o.txid, outs);
        } catch (e) {
          if ((e as { rpcCode?: number }).rpcCode === -5) { out.push(null); continue; }
          throw e;
        }
      }
      out.push(outs[o.vout] ?? null);
    }
    return out;
  }

  async close(): Promise<void> { this.txCache.clear(); }
}
