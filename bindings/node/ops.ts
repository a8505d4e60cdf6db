/**
 * @module node/ops — sends name operations: builds the outputs (chain/nameops), funds and signs them
 * from a wallet account (P2PKH or P2SH multisig), submits with `sendrawtransaction`, then waits until
 * the transaction has the wanted confirmations AND the node has indexed its block (so the next step
 * sees the new state). Works against the devnet or any bitcoind with `scantxoutset`.
 */
import { toHex } from '../chain/bytes.ts';
import { ChainError } from '../chain/errors.ts';
import * as N from '../chain/nameops.ts';
import type { RpcClient } from '../chain/rpc-client.ts';
import { addressToScript, type AddressVersions } from '../chain/script.ts';
import { encodeTx } from '../chain/tx.ts';
import { buildTx, type Account, type OutputSpec } from '../chain/wallet.ts';

export interface OpsDeps {
  rpc: RpcClient;
  versions: AddressVersions;
  /** Current consensus hash and last indexed height of the node (in-process or over the REST API). */
  consensusHash(): Promise<string>;
  nodeHeight(): Promise<number>;
  /** Makes the chain move when waiting (devnet manual mining); optional. */
  mine?(): Promise<void>;
  fee?: bigint;
  dust?: bigint;
  confirmations?: number;
  timeoutMs?: number;
  onProgress?(e: { step: string; txid?: string; confirmations?: number; want?: number; done?: boolean }): void;
}

export interface SentOp { step: string; txid: string; height: number }

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

export class NameOps {
  constructor(readonly deps: OpsDeps) {}
  private get fee(): bigint { return this.deps.fee ?? 10_000n; }
  private get dust(): bigint { return this.deps.dust ?? 5_500n; }

  scriptOf(address: string): Uint8Array { return addressToScript(address, this.deps.versions); }

  /** Funds, signs and sends `outputs` from `from`; returns the txid (not yet confirmed). */
  async submit(from: Account, outputs: OutputSpec[]): Promise<string> {
    const coins = await this.deps.rpc.unspent(from.address, from.script);
    const tx = buildTx(from, coins, outputs, this.fee);
    return this.deps.rpc.sendRawTransaction(toHex(encodeTx(tx)));
  }

  /** Waits for `confirmations` and for the node to index the tx's block; returns that block height. */
  async wait(step: string, txid: string): Promise<number> {
    const want = this.deps.confirmations ?? 1;
    const deadline = Date.now() + (this.deps.timeoutMs ?? 120_000);
    let conf = 0;
    for (;;) {
      conf = await this.deps.rpc.confirmations(txid);
      this.deps.onProgress?.({ step, txid, confirmations: Math.max(conf, 0), want });
      if (conf < 0) throw new ChainError('E_TX_DROPPED', `${step}: transaction ${txid} is no longer known to the chain (dropped by a reorg?)`);
      if (conf >= want) {
        const height = (await this.deps.rpc.getBlockCount()) - conf + 1;
        if ((await this.deps.nodeHeight()) >= height) { this.deps.onProgress?.({ step, txid, confirmations: conf, want, done: true }); return height; }
      }
      if (Date.now() > deadline) throw new ChainError('E_TX_TIMEOUT', `${step}: ${txid} has ${conf}/${want} confirmations after ${(this.deps.timeoutMs ?? 120_000) / 1000}s`);
      if (this.deps.mine && conf === 0) await this.deps.mine();
      await sleep(100);
    }
  }

  async run(step: string, from: Account, outputs: OutputSpec[]): Promise<SentOp> {
    const txid = await this.submit(from, outputs);
    this.deps.onProgress?.({ step, txid, confirmations: 0, want: this.deps.confirmations ?? 1 });
    return { step, txid, height: await this.wait(step, txid) };
  }

  fund(from: Account, address: string, amount: bigint): Promise<SentOp> {
    return this.run(`fund ${address}`, from, [{ value: amount, script: this.scriptOf(address) }, 'change']);
  }

  async namespacePreorder(from: Account, nsid: string, revealAddress: string, burn: bigint): Promise<SentOp> {
    return this.run(`namespace-preorder ${nsid}`, from, N.namespacePreorder(nsid, from.script, revealAddress, await this.deps.consensusHash(), burn));
  }
  namespaceReveal(from: Account, nsid: string, params: N.NamespaceParams, revealAddress: string): Promise<SentOp> {
    return this.run(`namespace-reveal ${nsid}`, from, N.namespaceReveal(nsid, params, this.scriptOf(revealAddress), this.dust));
  }
  namespaceReady(from: Account, nsid: string): Promise<SentOp> { return this.run(`namespace-ready ${nsid}`, from, N.namespaceReady(nsid)); }
  nameImport(from: Account, name: string, recipient: string, valueHash: string): Promise<SentOp> {
    return this.run(`name-import ${name}`, from, N.nameImport(name, this.scriptOf(recipient), this.dust, valueHash));
  }

  async preorder(from: Account, name: string, owner: string, price: bigint): Promise<SentOp> {
    return this.run(`preorder ${name}`, from, N.namePreorder(name, from.script, owner, await this.deps.consensusHash(), price));
  }
  register(from: Account, name: string, owner: string, valueHash?: string | null): Promise<SentOp> {
    return this.run(`register ${name}`, from, N.nameRegister(name, this.scriptOf(owner), this.dust, valueHash));
  }
  /** Preorder then register, both from `from`, the name going to `owner`. */
  async preorderRegister(from: Account, name: string, owner: string, price: bigint, valueHash?: string | null): Promise<SentOp[]> {
    const a = await this.preorder(from, name, owner, price);
    return [a, await this.register(from, name, owner, valueHash)];
  }
  async update(from: Account, name: string, valueHash: string): Promise<SentOp> {
    return this.run(`update ${name}`, from, N.nameUpdate(name, await this.deps.consensusHash(), valueHash));
  }
  async transfer(from: Account, name: string, to: string, keepData: boolean): Promise<SentOp> {
    return this.run(`transfer ${name}`, from, N.nameTransfer(name, this.scriptOf(to), this.dust, keepData, await this.deps.consensusHash()));
  }
  renew(from: Account, name: string, price: bigint, newOwner?: string): Promise<SentOp> {
    return this.run(`renew ${name}`, from, N.nameRenew(name, newOwner ? this.scriptOf(newOwner) : from.script, this.dust, price));
  }
  revoke(from: Account, name: string): Promise<SentOp> { return this.run(`revoke ${name}`, from, N.nameRevoke(name)); }
}
