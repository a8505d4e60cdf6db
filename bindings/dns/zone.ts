/**
 * @module dns/zone — a name's zone file as DNS resource records, with the project's zone-file parser.
 * Owners are read relative to the name being answered (`@` = the name, `_http._tcp` = `_http._tcp.<name>`,
 * absolute `x.y.` as written); records whose owner is not the name or below it are dropped, so one
 * name's zone file can never answer for another. Subdomain zone files write `$ORIGIN <label>` (naming.md
 * §3), so `$ORIGIN` is not used to place owners. TTL: the record's, else `$TTL`, else `defaultTtl`.
 * Host names in CNAME / MX / SRV rdata follow RFC 1035: relative ones get the name appended.
 */
import { Buffer } from 'node:buffer';
import ipaddr from 'ipaddr.js';
import { parseZoneFile } from '../routing/zonefile/parse.ts';

export interface RR { name: string; type: string; class: 'IN'; ttl: number; data: unknown }

const MAX_TTL = 0x7fffffff;
const te = new TextEncoder();

export function absolute(host: string, origin: string): string {
  const h = host.toLowerCase();
  if (h === '@' || h === '') return origin;
  if (h.endsWith('.')) return h.slice(0, -1);
  return `${h}.${origin}`;
}

/** Splits a TXT string into ≤ 255-byte character-strings (RFC 1035 §3.3.14). */
export function txtChunks(s: string): Buffer[] {
  const b = Buffer.from(te.encode(s));
  if (b.length <= 255) return [b];
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += 255) out.push(b.subarray(i, i + 255));
  return out;
}

/** URI rdata (RFC 7553): priority, weight, target — dns-packet has no URI codec, so raw rdata. */
export function uriRdata(priority: number, weight: number, target: string): Buffer {
  const t = Buffer.from(te.encode(target));
  const b = Buffer.alloc(4 + t.length);
  b.writeUInt16BE(priority & 0xffff, 0);
  b.writeUInt16BE(weight & 0xffff, 2);
  t.copy(b, 4);
  return b;
}

const u16 = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0xffff;
const okHost = (h: string): boolean => h.length > 0 && h.length <= 253 && h.split('.').every((l) => l.length > 0 && l.length <= 63);

/** Every record of the zone file, owners absolute and lower-case; records that cannot be encoded are skipped. */
export function zoneRecords(text: string, fqn: string, defaultTtl = 3600): RR[] {
  const z = parseZoneFile(text);
  const base = Number.isInteger(z.$ttl) && z.$ttl! >= 0 ? Math.min(z.$ttl!, MAX_TTL) : defaultTtl;
  const out: RR[] = [];
  const add = (owner: string, ttl: number | undefined, type: string, data: unknown): void => {
    const name = absolute(owner, fqn);
    if (name !== fqn && !name.endsWith('.' + fqn)) return;
    if (!okHost(name)) return;
    out.push({ name, type, class: 'IN', ttl: Number.isInteger(ttl) && ttl! >= 0 ? Math.min(ttl!, MAX_TTL) : base, data });
  };
  for (const r of z.a ?? []) if (ipaddr.IPv4.isValidFourPartDecimal(r.ip)) add(r.name, r.ttl, 'A', r.ip);
  for (const r of z.aaaa ?? []) if (ipaddr.IPv6.isValid(r.ip) && !r.ip.includes('%')) add(r.name, r.ttl, 'AAAA', r.ip);
  for (const r of z.cname ?? []) { const h = absolute(r.alias, fqn); if (okHost(h)) add(r.name, r.ttl, 'CNAME', h); }
  for (const r of z.mx ?? []) { const h = absolute(r.host, fqn); if (okHost(h) && u16(r.preference)) add(r.name, r.ttl, 'MX', { preference: r.preference, exchange: h }); }
  for (const r of z.srv ?? []) {
    const h = absolute(r.target, fqn);
    if (okHost(h) && u16(r.priority) && u16(r.weight) && u16(r.port)) add(r.name, r.ttl, 'SRV', { priority: r.priority, weight: r.weight, port: r.port, target: h });
  }
  for (const r of z.txt ?? []) {
    const parts = (Array.isArray(r.txt) ? r.txt : [r.txt]).flatMap(txtChunks);
    if (parts.length && parts.reduce((n, p) => n + p.length + 1, 0) < 65000) add(r.name, r.ttl, 'TXT', parts);
  }
  for (const r of z.uri ?? []) if (u16(r.priority) && u16(r.weight) && r.target.length < 60000) add(r.name, r.ttl, 'URI', uriRdata(r.priority, r.weight, r.target));
  return out;
}
