/**
 * @module chain/rpc-client — a minimal Bitcoin Core JSON-RPC client (JSON-RPC 1.0 over HTTP POST with
 * HTTP basic auth, as bitcoind's httprpc.cpp expects) plus the wallet-free calls name operations need:
 * `scantxoutset` for coins, `sendrawtransaction`, confirmations via `getrawtransaction` verbose.
 */
import { fromHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import type { Utxo } from './wallet.ts';

export interface RpcOptions { url: string; user?: string; password?: string; timeoutMs?: number }

export class RpcClient {
  private id = 0;
  constructor(readonly opts: RpcOptions) {}

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.user || this.opts.password) headers.authorization = 'Basic ' + Buffer.from(`${this.opts.user ?? ''}:${this.opts.password ?? ''}`).toString('base64');
    let res: Response;
    try {
      res = await fetch(this.opts.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '1.0', id: ++this.id, method, params }), signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
    } catch (e) {
      throw new ChainError('RPC_UNREACHABLE', `cannot reach bitcoind RPC at ${this.opts.url}: ${(e as Error).message}`);
    }
    if (res.status === 401) throw new ChainError('RPC_AUTH', `RPC at ${this.opts.url} rejected the credentials`);
    const text = await res.text();
    let body: { result?: T; error?: { code: number; message: string } | null };
    try { body = JSON.parse(text); } catch { throw new ChainError('RPC_BAD_REPLY', `RPC ${method}: HTTP ${res.status} ${text.slice(0, 200)}`); }
    if (body.error) { const e = new ChainError('RPC_ERROR', `RPC ${method}: ${body.error.message} (${body.error.code})`); (e as ChainError & { rpcCode?: number }).rpcCode = body.error.code; throw e; }
    return body.result as T;
  }

  getBlockCount(): Promise<number> { return this.call('getblockcount'); }
  getBlockHash(h: number): Promise<string> { return this.call('getblockhash', [h]); }
  async getBlockRaw(hash: string): Promise<Uint8Array> { return fromHex(await this.call<string>('getblock', [hash, 0])); }
  sendRawTransaction(hex: string): Promise<string> { return this.call('sendrawtransaction', [hex]); }

  /** Confirmations of a transaction: 0 in the mempool, -1 unknown. */
  async confirmations(txid: string): Promise<number> {
    try {
      const t = await this.call<{ confirmations?: number }>('getrawtransaction', [txid, true]);
      return t.confirmations ?? 0;
    } catch (e) {
      if ((e as { rpcCode?: number }).rpcCode === -5) return -1;
      throw e;
    }
  }

  /** Spendable coins of an address (Core's `scantxoutset start ["addr(...)"]`), immature coinbase left out. */
  async unspent(address: string, script: Uint8Array): Promise<Utxo[]> {
    const r = await this.call<{ height: number; unspents: { txid: string; vout: number; amount: number; coinbase?: boolean; height: number }[] }>('scantxoutset', ['start', [`addr(${address})`]]);
    return r.unspents
      .filter((u) => !u.coinbase || r.height - u.height + 1 > 100)
      .map((u) => ({ txid: u.txid, vout: u.vout, value: BigInt(Math.round(u.amount * 1e8)), script }));
  }
}
