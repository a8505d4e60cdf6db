/**
 * @module resolver/urls — the URLs a zone file points to (naming.md §1.2, §1.6).
 * `profileUrl` follows `@stacks/profile` `getTokenFileUrl` exactly (first `_http._tcp` URI with a target,
 * `https://` prefixed when the target has no http(s) scheme). `urls` lists every service URI in the order a
 * resolver tries them: `_http._tcp`, then `_https._tcp`, `_file`, `_dht._udp`, `_resolver`, then others.
 */
import type { ZoneFileObject } from '../routing/zonefile/types.ts';

export interface ServiceUrl { service: string; url: string; priority: number; weight: number }

const ORDER = ['_http._tcp', '_https._tcp', '_file', '_dht._udp', '_resolver'];

export function profileUrlOf(z: ZoneFileObject): string | null {
  if (!Array.isArray(z.uri) || !z.uri.length) return null;
  const rec = z.uri.find((r) => r.name === '_http._tcp' && typeof r.target === 'string');
  if (!rec) return null;
  return rec.target.startsWith('http') ? rec.target : `https://${rec.target}`;
}

export function serviceUrlsOf(z: ZoneFileObject): ServiceUrl[] {
  const list = (z.uri ?? []).filter((r) => typeof r.target === 'string' && r.target.length > 0)
    .map((r, i) => ({ service: r.name, url: r.target, priority: r.priority, weight: r.weight, i }));
  const rank = (s: string) => (ORDER.indexOf(s) < 0 ? ORDER.length : ORDER.indexOf(s));
  list.sort((a, b) => rank(a.service) - rank(b.service) || a.i - b.i);
  return list.map(({ i: _i, ...u }) => u);
}

/** URLs the resolver can fetch a token file from (http/https only), the profile URL first. */
export function fetchableProfileUrls(z: ZoneFileObject): string[] {
  const out: string[] = [];
  const first = profileUrlOf(z);
  if (first) out.push(first);
  for (const u of serviceUrlsOf(z)) {
    if ((u.service === '_http._tcp' || u.service === '_https._tcp') && /^https?:\/\//.test(u.url) && !out.includes(u.url)) out.push(u.url);
  }
  return out;
}
