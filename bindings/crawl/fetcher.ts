/**
 * @module crawl/fetcher — the crawler's only way out: guarded HTTP GET (node:http/https) with
 * - the SSRF guard on the URL, on every address the host resolves to (DNS `lookup` hook: checked at connect
 *   time) and again on every redirect hop (at most `maxRedirects`);
 * - conditional GET (`If-None-Match` with the stored ETag → 304);
 * - a size cap (Content-Length checked first, then counted while streaming) and a content-type allow list;
 * - a per-request time-out, per-host concurrency (queue per host) and per-host exponential back-off after
 *   failures (a host in back-off is not contacted until it expires).
 * Refusals and failures are reported through `onRefused(reason)` / `onFailed(reason)` (the node counts them).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
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

interface HostState { active: number; queue: (() => void)[]; fails: number; until: number }

export class Fetcher {
  readonly guard: UrlGuard;
  private hosts = new Map<string, HostState>();
  private agents: { http: http.Agent; https: https.Agent };
  private lookup: LookupFunction;

  constructor(readonly opts: FetcherOptions = {}) {
    this.guard = opts.guard ?? new UrlGuard();
    const per = opts.perHost ?? 8;
    this.agents = { http: new http.Agent({ keepAlive: true, maxSockets: per, maxFreeSockets: per }), https: new https.Agent({ keepAlive: true, maxSockets: per, maxFreeSockets: per }) };
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

  private once(u: URL, opts: GetOptions): Promise<Omit<FetchResult, 'url'> | { location: string }> {
    const max = opts.maxBytes ?? this.opts.maxBytes ?? 1 << 20;
    const types = opts.types ?? JSON_TYPES;
    const timeoutMs = this.opts.timeoutMs ?? 10_000;
    const mod = u.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'blockstack-wasm-crawler/1' };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      // request options from the already-parsed URL (no per-request URL → options conversion)
      const req = mod.request({ protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port || undefined, path: u.pathname + u.search, method: 'GET', headers, agent: u.protocol === 'https:' ? this.agents.https : this.agents.http, lookup: this.lookup, timeout: timeoutMs }, (res) => {
        const status = res.statusCode ?? 0;
        const done = (e: Error) => { res.destroy(); reject(e); };
        if ([301, 302, 303, 307, 308].includes(status)) {
          res.resume();
          const loc = res.headers.location;
          if (!loc) return reject(new FetchFailed('http_status', `redirect ${status} without Location from ${u}`, status));
          return resolve({ location: loc });
        }
        const etag = typeof res.headers.etag === 'string' ? res.headers.etag : null;
        const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (status === 304) { res.resume(); return resolve({ status: 304, body: Buffer.alloc(0), etag: etag ?? opts.etag ?? null, contentType }); }
        if (status !== 200) { res.resume(); return reject(new FetchFailed('http_status', `GET ${u} answered ${status}`, status)); }
        if (contentType && !types.includes(contentType)) return done(new CrawlRefused('content_type', `content type ${contentType} refused at ${u}`));
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > max) return done(new CrawlRefused('too_large', `${u} declares ${declared} bytes (cap ${max})`));
        const chunks: Buffer[] = [];
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
          if (n > max) return done(new CrawlRefused('too_large', `${u} sent more than ${max} bytes`));
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: 200, body: Buffer.concat(chunks, n), etag, contentType }));
        res.on('error', (e) => reject(new FetchFailed('network', `GET ${u}: ${e.message}`)));
      });
      const timer = setTimeout(() => req.destroy(new FetchFailed('timeout', `GET ${u} timed out after ${timeoutMs} ms`)), timeoutMs);
      req.on('timeout', () => req.destroy(new FetchFailed('timeout', `GET ${u} timed out after ${timeoutMs} ms`)));
      req.on('error', (e) => reject(e instanceof CrawlRefused || e instanceof FetchFailed ? e : new FetchFailed('network', `GET ${u}: ${e.message}`)));
      req.on('close', () => clearTimeout(timer));
      req.end();
    });
  }

  close(): void { this.agents.http.destroy(); this.agents.https.destroy(); }
}
