/**
 * @module crawl/fetcher — the crawler's only way out: guarded HTTP GET (undici: about a quarter less client CPU
 * per request than node:http on the crawl bench, and less on the hubs' side too) with
 * - the SSRF guard on the URL, on every address the host resolves to (DNS `lookup` hook: checked at connect
 *   time) and again on every redirect hop (at most `maxRedirects`);
 * - conditional GET (`If-None-Match` with the stored ETag → 304);
 * - a size cap (Content-Length checked first, then counted while streaming) and a content-type allow list;
 * - time-outs (connect, then the answer's headers, each within `timeoutMs`; the body within what is left of
 *   `timeoutMs` since the request started), per-host concurrency (queue per host) and per-host exponential back-off after
 *   failures (a host in back-off is not contacted until it expires).
 * Refusals and failures are reported through `onRefused(reason)` / `onFailed(reason)` (the node counts them).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, errors as undiciErrors } from 'undici';
import { CrawlRefused, UrlGuard, type RefusalReason } from './guard.ts';

export type FailReason = 'timeout' | 'network' | 'http_status' | 'backoff';
export class FetchFailed extends Error {
  readonly code = 'E_CRAWL_FETCH';
  constructor(readonly reason: FailReason, message: string, readonly status?: number) { super(message); }
}

export interface FetchResult { status: 200 | 304; url: string; body: Buffer; etag: string | null; contentType: string }
export interface GetOptions { etag?: string | null; maxBytes?: number; types?: string[] }

export interface FetcherOptions {
  guard?: UrlGuard;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  perHost?: number;
  /** Back-off after n consecutive failures of a host: min(baseMs · 2^(n−1), maxMs). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onRefused?(reason: RefusalReason, url: string): void;
  onFailed?(reason: FailReason, url: string): void;
  userAgent?: string;
  /** Name resolution (default node:dns lookup, all addresses); every answer still goes through the guard. */
  resolve?(host: string): Promise<LookupAddress[]>;
}

export const JSON_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'binary/octet-stream'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const EMPTY = Buffer.alloc(0);

interface HostState { active: number; queue: (() => void)[]; fails: number; until: number }

export class Fetcher {
  readonly guard: UrlGuard;
  private hosts = new Map<string, HostState>();
  private agent: Agent;
  private lookup: LookupFunction;

  constructor(readonly opts: FetcherOptions = {}) {
    this.guard = opts.guard ?? new UrlGuard();
    const per = opts.perHost ?? 8;
    const guard = this.guard;
    // every connection's addresses go through the guard (no rebinding between check and connect)
    this.lookup = ((host: string, opts: any, cb: (...a: any[]) => void) => {
      const resolve = this.opts.resolve ?? ((h: string) => new Promise<LookupAddress[]>((ok, ko) => dnsLookup(h, { all: true, family: opts?.family ?? 0 }, (e, a) => (e ? ko(e) : ok(a)))));
      resolve(host).then((addrs) => {
        const ok = addrs.filter((a) => guard.allowed(a.address));
        if (!ok.length) return cb(new CrawlRefused('private_address', `${host} resolves only to refused addresses (${addrs.map((a) => a.address).join(', ')})`));
        if (opts?.all) cb(null, ok);
        else cb(null, ok[0].address, ok[0].family);
      }, (err: NodeJS.ErrnoException) => cb(new CrawlRefused('dns', `cannot resolve ${host}: ${err.code ?? err.message}`)));
    }) as LookupFunction;
    // kept-alive connections (at most perHost per origin, no pipelining); `lookup` goes to net/tls.connect, so
    // every connection's addresses pass the guard; redirects are followed here (hop by hop, each checked)
    this.agent = new Agent({ connections: per, pipelining: 1, keepAliveTimeout: 60_000, connect: { lookup: this.lookup, timeout: opts.timeoutMs ?? 10_000 } });
  }

  /** Hosts currently backing off (for status output). */
  backoffs(): number { const now = Date.now(); let n = 0; for (const h of this.hosts.values()) if (h.until > now) n++; return n; }

  async get(url: string, opts: GetOptions = {}): Promise<FetchResult> {
    try {
      return await this.follow(url, opts);
    } catch (e) {
      if (e instanceof CrawlRefused) this.opts.onRefused?.(e.reason, url);
      else if (e instanceof FetchFailed) this.opts.onFailed?.(e.reason, url);
      throw e;
    }
  }

  private async follow(start: string, opts: GetOptions): Promise<FetchResult> {
    let url = start;
    for (let hop = 0; ; hop++) {
      const u = this.guard.checkUrl(url);
      const r = await this.withHost(u.host, () => this.once(u, opts));
      if ('location' in r) {
        if (hop >= (this.opts.maxRedirects ?? 3)) throw new CrawlRefused('redirect_limit', `more than ${this.opts.maxRedirects ?? 3} redirects from ${start}`);
        url = new URL(r.location, u).toString();
        continue;
      }
      return { ...r, url };
    }
  }

  private async withHost<T>(host: string, fn: () => Promise<T>): Promise<T> {
    let h = this.hosts.get(host);
    if (!h) { h = { active: 0, queue: [], fails: 0, until: 0 }; this.hosts.set(host, h); }
    if (h.until > Date.now()) throw new FetchFailed('backoff', `${host} is backing off for ${h.until - Date.now()} ms after ${h.fails} failures`);
    const per = this.opts.perHost ?? 8;
    if (h.active >= per) await new Promise<void>((ok) => h!.queue.push(ok));
    h.active++;
    try {
      const r = await fn();
      h.fails = 0;
      return r;
    } catch (e) {
      if (e instanceof FetchFailed && e.reason !== 'http_status' || e instanceof FetchFailed && (e.status ?? 0) >= 500) {
        h.fails++;
        h.until = Date.now() + Math.min((this.opts.backoffBaseMs ?? 1000) * 2 ** (h.fails - 1), this.opts.backoffMaxMs ?? 300_000);
      }
      throw e;
    } finally {
      h.active--;
      h.queue.shift()?.();
      if (h.active === 0 && h.fails === 0 && this.hosts.size > 10_000) this.hosts.delete(host);
    }
  }

  private async once(u: URL, opts: GetOptions): Promise<Omit<FetchResult, 'url'> | { location: string }> {
    const max = opts.maxBytes ?? this.opts.maxBytes ?? 1 << 20;
    const types = opts.types ?? JSON_TYPES;
    const timeoutMs = this.opts.timeoutMs ?? 10_000;
    const t0 = Date.now();
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'blockstack-wasm-crawler/1' };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    let res;
    try {
      res = await this.agent.request({ origin: u.origin, path: u.pathname + u.search, method: 'GET', headers, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    } catch (e) {
      throw failure(e, u, timeoutMs);
    }
    const { statusCode: status, body } = res;
    const header = (k: string): string | undefined => { const v = res.headers[k]; return Array.isArray(v) ? v[0] : v; };
    if (REDIRECTS.has(status)) {
      drop(body);
      const loc = header('location');
      if (!loc) throw new FetchFailed('http_status', `redirect ${status} without Location from ${u}`, status);
      return { location: loc };
    }
    const etag = header('etag') ?? null;
    const contentType = String(header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (status === 304) { drop(body); return { status: 304, body: EMPTY, etag: etag ?? opts.etag ?? null, contentType }; }
    if (status !== 200) { drop(body); throw new FetchFailed('http_status', `GET ${u} answered ${status}`, status); }
    if (contentType && !types.includes(contentType)) { drop(body); throw new CrawlRefused('content_type', `content type ${contentType} refused at ${u}`); }
    const declared = Number(header('content-length'));
    if (Number.isFinite(declared) && declared > max) { drop(body); throw new CrawlRefused('too_large', `${u} declares ${declared} bytes (cap ${max})`); }
    // the body within what is left of the request's time (bodyTimeout only bounds the gaps between chunks)
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let n = 0;
      const fail = (e: Error) => { clearTimeout(timer); reject(e); body.destroy(); };
      const timer = setTimeout(() => fail(new FetchFailed('timeout', `GET ${u} timed out after ${timeoutMs} ms`)), Math.max(1, timeoutMs - (Date.now() - t0)));
      body.on('data', (c: Buffer) => {
        n += c.length;
        if (n > max) return fail(new CrawlRefused('too_large', `${u} sent more than ${max} bytes`));
        chunks.push(c);
      });
      body.on('end', () => { clearTimeout(timer); resolve({ status: 200, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, n), etag, contentType }); });
      body.on('error', (e) => { clearTimeout(timer); reject(e instanceof CrawlRefused || e instanceof FetchFailed ? e : failure(e, u, timeoutMs)); });
    });
  }

  close(): void { this.agent.destroy().catch(() => {}); }
}

/** An answer whose body is not wanted: drained if short (the connection stays usable), else the stream is dropped. */
function drop(body: { on(e: 'error', f: () => void): unknown; dump(o?: { limit: number }): Promise<void> }): void {
  body.on('error', () => {});
  body.dump({ limit: 64 * 1024 }).catch(() => {});
}

/** undici's errors as the crawler's: time-outs, refusals from the connect-time guard, anything else a network failure. */
function failure(e: unknown, u: URL, timeoutMs: number): Error {
  if (e instanceof CrawlRefused || e instanceof FetchFailed) return e;
  const cause = (e as { cause?: unknown })?.cause;
  if (cause instanceof CrawlRefused) return cause;
  if (e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError || e instanceof undiciErrors.ConnectTimeoutError) return new FetchFailed('timeout', `GET ${u} timed out after ${timeoutMs} ms`);
  return new FetchFailed('network', `GET ${u}: ${(e as Error)?.message ?? String(e)}`);
}
