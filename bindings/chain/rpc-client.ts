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

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.user || this.opts.password) headers.authorization = 'Basic ' + Buffer.from(`${this.opts.user ?? ''}:${this.opts.password ?? ''}`).toString('base64');
    return headers;
  }

  private async post(what: string, body: unknown): Promise<{ status: number; json: unknown }> {
    let res: Response;
    try {
      res = await fetch(this.opts.url, { method: 'POST', headers: this.headers(), body: JSON.stringify(body), signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
    } catch (e) {
      throw new ChainError('E_RPC_UNREACHABLE', `cannot reach bitcoind RPC at ${this.opts.url}: ${(e as Error).message}`);
    }
    if (res.status === 401) throw new ChainError('E_RPC_AUTH', `RPC at ${this.opts.url} rejected the credentials`);
    const text = await res.text();
    try { return { status: res.status, json: JSON.parse(text) }; } catch { throw new ChainError('E_RPC_BAD_REPLY', `RPC ${what}: HTTP ${res.status} ${text.slice(0, 200)}`); }
  }

  private static fail(method: string, error: { code: number; message: string }): ChainError {
    const e = new ChainError('E_RPC_ERROR', `RPC ${method}: ${error.message} (${error.code})`);
    (e as ChainError & { rpcCode?: number }).rpcCode = error.code;
    return e;
  }

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const { json } = await this.post(method, { jsonrpc: '1.0', id: ++this.id, method, params });
    const body = json as { result?: T; error?: { code: number; message: string } | null };
    if (body.error) throw RpcClient.fail(method, body.error);
    return body.result as T;
  }

  /**
   * A JSON-RPC batch: one HTTP request, replies matched by id. Each entry is the result or the RPC's
   * error (a ChainError with `rpcCode`); transport, auth and malformed replies throw.
   */
  async batch<T = unknown>(calls: { method: string; params?: unknown[] }[]): Promise<(T | ChainError)[]> {
    if (calls.length === 0) return [];
    const first = ++this.id;
    this.id += calls.length - 1;
    const { status, json } = await this.post(`batch of ${calls.length}`, calls.map((c, i) => ({ jsonrpc: '1.0', id: first + i, method: c.method, params: c.params ?? [] })));
    if (!Array.isArray(json)) throw new ChainError('E_RPC_BAD_REPLY', `RPC batch: HTTP ${status}, reply is not an array`);
    type Reply = { id: number; result?: T; error?: { code: number; message: string } | null };
    const byId = new Map<number, Reply>();
    for (const r of json as Reply[]) byId.set(Number(r.id), r);
    return calls.map((c, i) => {
      const r = byId.get(first + i);
      if (!r) return new ChainError('E_RPC_BAD_REPLY', `RPC batch: no reply for ${c.method}`);
      return r.error ? RpcClient.fail(c.method, r.error) : (r.result as T);
    });
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
