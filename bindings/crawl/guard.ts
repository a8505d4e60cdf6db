/**
 * @module crawl/guard — what the crawler may fetch. URLs come from strangers' zone files and profiles, so
 * by default: only `http:` / `https:`, no credentials in URLs, and every address the host resolves to (or
 * the IP literal) must be public unicast — no private, loopback, link-local, CGNAT, multicast, reserved or
 * unique-local ranges (ipaddr.js `range()`), IPv4-mapped IPv6 unwrapped first. Loopback is allowed only when
 * the crawler runs on the devnet (`allowLoopback`). The address check runs again at connect time (the
 * fetcher's DNS `lookup` hook), so DNS rebinding between check and connect does not get through.
 */
import ipaddr from 'ipaddr.js';

export type RefusalReason = 'scheme' | 'bad_url' | 'credentials' | 'private_address' | 'dns' | 'redirect_limit' | 'too_large' | 'content_type' | 'timeout' | 'port';

export class CrawlRefused extends Error {
  readonly code = 'E_CRAWL_REFUSED';
  constructor(readonly reason: RefusalReason, message: string) { super(message); }
}

export interface GuardOptions {
  /** Loopback (127/8, ::1) allowed: only on the devnet. */
  allowLoopback?: boolean;
  /** Extra ranges to allow (ipaddr.js range names, e.g. 'private' for a lab network). */
  allowRanges?: string[];
}

export class UrlGuard {
  private readonly ok: Set<string>;
  constructor(readonly opts: GuardOptions = {}) {
    this.ok = new Set(['unicast', ...(opts.allowLoopback ? ['loopback'] : []), ...(opts.allowRanges ?? [])]);
  }

  /** Parses and checks scheme, credentials and (if the host is an IP literal) the address. */
  checkUrl(raw: string): URL {
    let u: URL;
    try { u = new URL(raw); } catch { throw new CrawlRefused('bad_url', `not a URL: ${JSON.stringify(String(raw).slice(0, 200))}`); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CrawlRefused('scheme', `scheme ${u.protocol} refused (http/https only)`);
    if (u.username || u.password) throw new CrawlRefused('credentials', 'credentials in URL refused');
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) this.checkAddress(host);
    else if (/^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host) && !this.opts.allowLoopback) throw new CrawlRefused('private_address', `host ${host} refused`);
    return u;
  }

  /** Throws unless `ip` is in an allowed range. */
  checkAddress(ip: string): void {
    let a: ipaddr.IPv4 | ipaddr.IPv6;
    try { a = ipaddr.process(ip); } catch { throw new CrawlRefused('bad_url', `bad address ${ip}`); }
    const range = a.range();
    if (!this.ok.has(range)) throw new CrawlRefused('private_address', `address ${ip} (${range}) refused`);
  }

  allowed(ip: string): boolean {
    try { this.checkAddress(ip); return true; } catch { return false; }
  }
}
