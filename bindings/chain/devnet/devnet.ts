/**
 * @module chain/devnet/devnet — the devnet as one object: chain (persisted under `dir`), keyring
 * (`dir/wallet.json`), JSON-RPC server and miner. Mining is `instant` (a block shortly after each
 * accepted transaction), timed (every N ms) or `manual` (RPC generatetoaddress / `blockstack devnet mine`).
 */
import { join } from 'node:path';
import { ChainError } from '../errors.ts';
import { Keyring, type Account } from '../wallet.ts';
import { DevnetChain } from './chain.ts';
import { DEVNET } from './params.ts';
import { DevnetRpcServer } from './rpc-server.ts';

export type MiningMode = 'instant' | 'manual' | number;
export interface DevnetOptions { dir: string; rpcPort?: number; rpcUser?: string; rpcPassword?: string; mining?: MiningMode; obfuscate?: boolean; instantDelayMs?: number }

export class Devnet {
  readonly chain: DevnetChain;
  readonly keyring: Keyring;
  readonly rpc: DevnetRpcServer;
  /** Wallet account 0 receives every coinbase. */
  readonly miner: Account;
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;

  constructor(readonly opts: DevnetOptions) {
    this.chain = new DevnetChain(opts.dir, { obfuscate: opts.obfuscate });
    this.keyring = Keyring.open(join(opts.dir, 'wallet.json'), DEVNET.versions);
    this.miner = this.keyring.p2pkh(0);
    this.rpc = new DevnetRpcServer(this.chain, { port: opts.rpcPort ?? 0, user: opts.rpcUser, password: opts.rpcPassword });
  }

  async start(): Promise<string> {
    const url = await this.rpc.listen();
    this.setMining(this.opts.mining ?? 'instant');
    return url;
  }

  setMining(mode: MiningMode): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.chain.removeAllListeners('tx');
    if (mode === 'instant') this.chain.on('tx', () => { this.pending ??= setTimeout(() => { this.pending = null; if (this.chain.mempool.size) this.mine(1); }, this.opts.instantDelayMs ?? 50); });
    else if (typeof mode === 'number') {
      if (!(mode >= 100)) throw new ChainError('E_BAD_MINING', `mining interval must be >= 100 ms, got ${mode}`);
      this.timer = setInterval(() => this.mine(1), mode);
      this.timer.unref();
    }
  }

  mine(n = 1): string[] { return this.chain.generate(n, this.miner.script); }

  /** Mines until the miner's first coinbase is spendable (regtest's 100-block maturity). */
  ensureMatureFunds(): void {
    const need = DEVNET.coinbaseMaturity + 1 - this.chain.height;
    if (need > 0) this.mine(need);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.chain.removeAllListeners();
    await this.rpc.close();
    this.chain.close();
  }
}
