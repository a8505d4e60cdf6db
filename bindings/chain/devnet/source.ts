/** @module chain/devnet/source — the in-process ChainSource over a running DevnetChain (no RPC hop). */
import { ChainError } from '../errors.ts';
import type { ChainSource, PrevOut, SourceBlock } from '../source.ts';
import type { DevnetChain } from './chain.ts';
import { DEVNET } from './params.ts';

export class DevnetSource implements ChainSource {
  readonly kind = 'devnet' as const;
  readonly network = DEVNET.network;
  readonly addressVersions = DEVNET.versions;
  constructor(readonly chain: DevnetChain, readonly confirmations: number = DEVNET.confirmations) {}
  async tipHeight(): Promise<number> { return this.chain.height; }
  async confirmedHeight(): Promise<number> { return this.chain.height - (this.confirmations - 1); }
  async blockHash(h: number): Promise<string | null> { return this.chain.blockAt(h)?.hash ?? null; }
  async block(h: number): Promise<SourceBlock> {
    const b = this.chain.blockAt(h);
    if (!b) throw new ChainError('E_NO_SUCH_BLOCK', `devnet has no block at height ${h}`);
    return { height: h, hash: b.hash, prevHash: b.block.header.prevHash, time: b.block.header.time, raw: b.raw };
  }
  async prevOuts(ops: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]> { return ops.map((o) => this.chain.prevOut(o.txid, o.vout)); }
  async close(): Promise<void> {}
}
