/**
 * @module chain/devnet/rpc-server — a bitcoind-compatible JSON-RPC subset over the devnet chain
 * (shapes and error codes of Bitcoin Core's rpc/blockchain.cpp, rawtransaction.cpp, mining.cpp):
 * getblockcount, getblockhash, getbestblockhash, getblock (verbosity 0/1), getblockheader,
 * getrawtransaction (verbose 0/1), sendrawtransaction, generatetoaddress, getblockchaininfo,
 * getmempoolinfo, getrawmempool, scantxoutset (start, addr(...) descriptors), plus the devnet's own
 * `devnet_reorg n`. JSON-RPC 1.0 semantics: errors come back with HTTP 500 (404 for an unknown method).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeHeader, type Block } from '../block.ts';
import { fromHex, toHex } from '../bytes.ts';
import { ChainError } from '../errors.ts';
import { addressToScript, classify, scriptToAddress } from '../script.ts';
import { encodeTx, isCoinbase, txid as txidOf, type Tx } from '../tx.ts';
import type { DevnetChain, StoredBlock } from './chain.ts';
import { DEVNET } from './params.ts';

const V = DEVNET.versions;

class RpcError extends Error { constructor(readonly rpcCode: number, message: string) { super(message); } }
const btc = (sat: bigint): number => Number(sat) / 1e8;
const difficulty = (bits: number): number => { const e = bits >>> 24; let d = 0x0000ffff / (bits & 0x00ffffff); for (let s = e; s < 29; s++) d *= 256; for (let s = e; s > 29; s--) d /= 256; return d; };

export interface RpcServerOptions { port?: number; host?: string; user?: string; password?: string }

export class DevnetRpcServer {
  private server: Server | null = null;
  constructor(readonly chain: DevnetChain, readonly opts: RpcServerOptions = {}) {}

  get url(): string { const a = this.server?.address() as AddressInfo | null; return `http://127.0.0.1:${a?.port ?? this.opts.port}`; }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body) + '\n');
      });
    });
    await new Promise<void>((ok, fail) => { this.server!.once('error', fail); this.server!.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => ok()); });
    return this.url;
  }

  async close(): Promise<void> { await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok())); this.server?.closeAllConnections?.(); }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    if (this.opts.user !== undefined || this.opts.password !== undefined) {
      const want = 'Basic ' + Buffer.from(`${this.opts.user ?? ''}:${this.opts.password ?? ''}`).toString('base64');
      if (req.headers.authorization !== want) return { status: 401, body: { result: null, error: { code: -32600, message: 'Unauthorized' }, id: null } };
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let msg: unknown;
    try { msg = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { return { status: 500, body: { result: null, error: { code: -32700, message: 'Parse error' }, id: null } }; }
    if (Array.isArray(msg)) return { status: 200, body: msg.map((m) => this.dispatch(m).body) };
    return this.dispatch(msg);
  }

  private dispatch(m: unknown): { status: number; body: unknown } {
    const { method, params = [], id = null } = (m ?? {}) as { method?: string; params?: unknown[]; id?: unknown };
    try {
      return { status: 200, body: { result: this.run(String(method), Array.isArray(params) ? params : []), error: null, id } };
    } catch (e) {
      const code = e instanceof RpcError ? e.rpcCode : e instanceof ChainError ? chainErrorCode(e) : -1;
      return { status: code === -32601 ? 404 : 500, body: { result: null, error: { code, message: (e as Error).message }, id } };
    }
  }

  run(method: string, p: unknown[]): unknown {
    const c = this.chain;
    switch (method) {
      case 'getblockcount': return c.height;
      case 'getbestblockhash': return c.tip.hash;
      case 'getblockhash': {
        const h = Number(p[0]);
        if (!Number.isInteger(h) || h < 0 || h > c.height) throw new RpcError(-8, 'Block height out of range');
        return c.blockAt(h)!.hash;
      }
      case 'getblock': case 'getblockheader': {
        const b = c.blockByHash(String(p[0]));
        if (!b) throw new RpcError(-5, 'Block not found');
        const verbosity = method === 'getblockheader' ? (p[1] === false ? 0 : 1) : p[1] === undefined ? 1 : Number(p[1] === true ? 1 : p[1] === false ? 0 : p[1]);
        if (verbosity === 0) return toHex(method === 'getblockheader' ? encodeHeader(b.block.header) : b.raw);
        return this.blockJson(b, method === 'getblock' ? verbosity : 0);
      }
      case 'getrawtransaction': {
        const id = String(p[0]);
        const t = c.getTx(id);
        if (!t) throw new RpcError(-5, 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.');
        const hex = toHex(encodeTx(t.tx));
        if (!p[1]) return hex;
        const out: Record<string, unknown> = { ...this.txJson(t.tx), hex };
        if (t.blockHash) { const b = c.blockByHash(t.blockHash)!; Object.assign(out, { blockhash: b.hash, confirmations: c.height - b.height + 1, time: b.block.header.time, blocktime: b.block.header.time }); }
        return out;
      }
      case 'sendrawtransaction': {
        const hex = String(p[0] ?? '');
        let raw: Uint8Array;
        try { raw = fromHex(hex); } catch { throw new RpcError(-22, 'TX decode failed'); }
        return c.sendRawTransaction(raw);
      }
      case 'generatetoaddress': {
        const n = Number(p[0]);
        if (!Number.isInteger(n) || n < 0) throw new RpcError(-8, 'Invalid nblocks');
        let script: Uint8Array;
        try { script = addressToScript(String(p[1]), V); } catch { throw new RpcError(-5, 'Error: Invalid address'); }
        return c.generate(n, script);
      }
      case 'getblockchaininfo': {
        const t = c.tip;
        return { chain: 'regtest', blocks: c.height, headers: c.height, bestblockhash: t.hash, difficulty: difficulty(t.block.header.bits), time: t.block.header.time, mediantime: t.block.header.time, verificationprogress: 1, initialblockdownload: false, chainwork: (c.height + 1).toString(16).padStart(64, '0'), size_on_disk: 0, pruned: false, warnings: '' };
      }
      case 'getmempoolinfo': return { loaded: true, size: c.mempool.size, bytes: [...c.mempool.values()].reduce((s, t) => s + encodeTx(t).length, 0) };
      case 'getrawmempool': return [...c.mempool.keys()];
      case 'scantxoutset': return this.scan(p);
      case 'devnet_reorg': return c.reorg(Number(p[0]), c.blockAt(c.height)!.block.txs[0].outs[0].script, { includeTxs: Boolean(p[1]) });
      default: throw new RpcError(-32601, 'Method not found');
    }
  }

  private scan(p: unknown[]): unknown {
    if (p[0] !== 'start') throw new RpcError(-8, 'Invalid action');
    const scripts = new Set<string>();
    for (const d of (p[1] as unknown[]) ?? []) {
      const m = /^addr\((.+)\)$/.exec(typeof d === 'string' ? d : String((d as { desc?: string }).desc));
      if (!m) throw new RpcError(-5, `Invalid descriptor ${JSON.stringify(d)}`);
      try { scripts.add(toHex(addressToScript(m[1], V))); } catch { throw new RpcError(-5, `Invalid address ${m[1]}`); }
    }
    const spent = new Set<string>();
    for (const t of this.chain.mempool.values()) for (const i of t.ins) spent.add(`${i.prevTxid}:${i.vout}`);
    const unspents = [];
    let total = 0n;
    for (const [k, coin] of this.chain.utxo) {
      const sh = toHex(coin.script);
      if (!scripts.has(sh) || spent.has(k)) continue;
      const [txid, vout] = k.split(':');
      total += coin.value;
      unspents.push({ txid, vout: Number(vout), scriptPubKey: sh, desc: `addr(${scriptToAddress(coin.script, V)})`, amount: btc(coin.value), coinbase: coin.coinbase, height: coin.height, blockhash: this.chain.blockAt(coin.height)?.hash });
    }
    return { success: true, txouts: this.chain.utxo.size, height: this.chain.height, bestblock: this.chain.tip.hash, unspents, total_amount: btc(total) };
  }

  private blockJson(b: StoredBlock, verbosity: number): Record<string, unknown> {
    const h = b.block.header;
    const active = this.chain.isActive(b.hash);
    const next = active ? this.chain.blockAt(b.height + 1) : undefined;
    const out: Record<string, unknown> = {
      hash: b.hash, confirmations: active ? this.chain.height - b.height + 1 : -1, height: b.height, version: h.version,
      versionHex: (h.version >>> 0).toString(16).padStart(8, '0'), merkleroot: h.merkleRoot, time: h.time, mediantime: h.time, nonce: h.nonce,
      bits: h.bits.toString(16).padStart(8, '0'), difficulty: difficulty(h.bits), chainwork: (b.height + 1).toString(16).padStart(64, '0'), nTx: b.block.txs.length,
    };
    if (verbosity >= 1) Object.assign(out, { size: b.raw.length, strippedsize: b.raw.length, weight: b.raw.length * 4, tx: verbosity >= 2 ? b.block.txs.map((t) => this.txJson(t)) : b.txids });
    if (b.height > 0) out.previousblockhash = h.prevHash;
    if (next) out.nextblockhash = next.hash;
    return out;
  }

  private txJson(t: Tx): Record<string, unknown> {
    const raw = encodeTx(t);
    return {
      txid: txidOf(t), hash: txidOf(t), version: t.version, size: raw.length, vsize: raw.length, weight: raw.length * 4, locktime: t.locktime,
      vin: t.ins.map((i) => (isCoinbase(t) ? { coinbase: toHex(i.script), sequence: i.sequence } : { txid: i.prevTxid, vout: i.vout, scriptSig: { asm: '', hex: toHex(i.script) }, sequence: i.sequence })),
      vout: t.outs.map((o, n) => {
        const a = scriptToAddress(o.script, V);
        const type = { pubkeyhash: 'pubkeyhash', scripthash: 'scripthash', nulldata: 'nulldata', nonstandard: 'nonstandard' }[classify(o.script)];
        return { value: btc(o.value), n, scriptPubKey: { asm: '', hex: toHex(o.script), type, ...(a ? { address: a } : {}) } };
      }),
    };
  }
}

function chainErrorCode(e: ChainError): number {
  if (e.code === 'E_TX_MISSING_INPUTS') return -25;
  if (e.code === 'E_TX_ALREADY_KNOWN') return -27;
  if (e.code.startsWith('TX_')) return -26;
  if (e.code === 'E_BAD_ENCODING' || e.code === 'E_BAD_TX') return -22;
  if (e.code === 'E_BAD_REORG') return -8;
  return -1;
}

export type { Block };
