/**
 * @module routing/atlas/client — calls one Atlas peer, speaking Core's XML-RPC (naming.md §2.2/2.3) or
 * our JSON form (`POST /atlas/<method>`). Every call has the reference client's timeout, and replies are
 * read with a byte cap so an oversized answer is cut off rather than buffered.
 */
import { RoutingError } from '../errors.ts';
import { b64decode } from '../_base64.ts';
import { readCappedText } from '../../base/body.ts';
import { b64encode, decodeMethodResponse, encodeMethodCall, type XValue } from './xmlrpc.ts';

export const TIMEOUTS_MS: Record<string, number> = {
  ping: 3_000, getinfo: 3_000, get_zonefile_inventory: 10_000, get_atlas_peers: 10_000,
  atlas_peer_exchange: 10_000, get_zonefiles: 30_000, put_zonefiles: 10_000, get_zonefiles_by_block: 10_000,
};

/** Largest reply accepted: 100 zone files of 40,960 bytes, base64 (×4/3), plus JSON/XML overhead. */
export const MAX_REPLY_BYTES = 100 * 40_960 * 2 + 65_536;

export interface AtlasClientOptions {
  transport?: 'xmlrpc' | 'json';
  timeoutScale?: number;
  fetch?: typeof fetch;
  maxReplyBytes?: number;
}

async function readReply(res: Response, cap: number): Promise<string> {
  const text = await readCappedText(res.headers, res.body, cap);
  if (text === null) throw new RoutingError('E_ATLAS_REPLY_TOO_LARGE', `reply exceeds ${cap} bytes`);
  return text;
}

export class AtlasClient {
  readonly hostport: string;
  private readonly opts: Required<Omit<AtlasClientOptions, 'fetch'>> & { fetch: typeof fetch };
  constructor(hostport: string, opts: AtlasClientOptions = {}) {
    this.hostport = hostport;
    this.opts = {
      transport: opts.transport ?? 'xmlrpc', timeoutScale: opts.timeoutScale ?? 1,
      fetch: opts.fetch ?? globalThis.fetch.bind(globalThis), maxReplyBytes: opts.maxReplyBytes ?? MAX_REPLY_BYTES,
    };
  }

  /** Call `method` and return its JSON reply object; `{error}` replies become RoutingError('E_ATLAS_RPC'). */
  async call(method: string, params: XValue[] = []): Promise<any> {
    const ms = (TIMEOUTS_MS[method] ?? 10_000) * this.opts.timeoutScale;
    const signal = AbortSignal.timeout(ms);
    const json = this.opts.transport === 'json';
    let text: string;
    try {
      const res = await this.opts.fetch(`http://${this.hostport}${json ? `/atlas/${method}` : '/RPC2'}`, {
        method: 'POST', signal,
        headers: { 'content-type': json ? 'application/json' : 'text/xml' },
        body: json ? JSON.stringify(params) : encodeMethodCall(method, params),
      });
      text = await readReply(res, this.opts.maxReplyBytes);
      if (json && res.status !== 200 && !text.startsWith('{')) throw new RoutingError('E_ATLAS_RPC', `HTTP ${res.status}`);
    } catch (e) {
      if (e instanceof RoutingError) throw e;
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new RoutingError('E_ATLAS_TIMEOUT', `${method} to ${this.hostport} timed out after ${ms} ms`);
      throw new RoutingError('E_ATLAS_RPC', `${method} to ${this.hostport}: ${err.message}`);
    }
    let reply: any;
    try {
      reply = JSON.parse(json ? text : String(decodeMethodResponse(text)));
    } catch (e) {
      if (e instanceof RoutingError) throw e;
      throw new RoutingError('E_ATLAS_RPC', `${method} to ${this.hostport}: reply is not JSON`);
    }
    if (!reply || typeof reply !== 'object') throw new RoutingError('E_ATLAS_RPC', `${method}: reply is not an object`);
    if (reply.error) throw new RoutingError('E_ATLAS_RPC', `${method} to ${this.hostport}: ${reply.error}`);
    return reply;
  }

  ping() { return this.call('ping'); }
  getinfo() { return this.call('getinfo'); }
  getAtlasPeers() { return this.call('get_atlas_peers'); }
  peerExchange(self: string) { return this.call('atlas_peer_exchange', [self]); }
  getZonefilesByBlock(from: number, to: number, offset: number, count: number) { return this.call('get_zonefiles_by_block', [from, to, offset, count]); }

  /** Inventory bytes [offset, offset+length); a reply longer than requested is rejected (§2.3). */
  async getInventory(offset: number, length: number): Promise<Uint8Array> {
    const r = await this.call('get_zonefile_inventory', [offset, length]);
    if (typeof r.inv !== 'string') throw new RoutingError('E_ATLAS_RPC', 'inventory reply without inv');
    let out: Uint8Array;
    try { out = b64decode(r.inv); } catch { throw new RoutingError('E_ATLAS_RPC', 'inventory reply is not base64'); }
    if (out.length > length) throw new RoutingError('E_ATLAS_RPC', `inventory reply of ${out.length} bytes, asked ${length}`);
    return out;
  }

  /** Raw (unverified) bytes per hash, as the peer sent them. The caller must verify. */
  async getZonefiles(hashes: string[]): Promise<Map<string, Uint8Array>> {
    const r = await this.call('get_zonefiles', [hashes]);
    const out = new Map<string, Uint8Array>();
    const zf = r.zonefiles && typeof r.zonefiles === 'object' ? r.zonefiles : {};
    for (const [h, b64] of Object.entries(zf)) {
      if (typeof b64 !== 'string') continue;
      try { out.set(h, b64decode(b64)); } catch { out.set(h, new Uint8Array(0)); }
    }
    return out;
  }

  async putZonefiles(files: Uint8Array[]): Promise<number[]> {
    const r = await this.call('put_zonefiles', [files.map(b64encode)]);
    return Array.isArray(r.saved) ? r.saved : [];
  }
}
