/**
 * @module routing/zonefile/parse — `parseZoneFile(text)`: our own parser for Blockstack zone files,
 * producing exactly the JSON of npm `zone-file`'s `parseZoneFile` (naming.md §1.2) on well-formed input.
 *
 * Unlike the reference (which classifies a line by searching the whole upper-cased line for ` TXT `,
 * ` A `, ...), this parser reads `owner [ttl] [class] TYPE rdata` token by token, so quoted text and
 * comments inside strings cannot change a record's type. Unknown types are ignored (§1.7). It never throws
 * on any string input (Atlas stores unparseable zone files too).
 */
import { tokenizeZoneFile, type Token } from './tokenize.ts';
import type { ZoneFileObject, ARecord, PTRRecord } from './types.ts';

const TYPES = new Set(['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'PTR', 'TXT', 'SRV', 'SPF', 'URI', 'CAA']);
const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);
const isInt = (t: Token | undefined): boolean => !!t && !t.quoted && /^\d+$/.test(t.text);
const int = (t: Token | undefined): number => (t ? parseInt(t.text, 10) : NaN);
const unquote = (t: Token | undefined): string => (t ? t.text : '');

export function parseZoneFile(text: string): ZoneFileObject {
  if (typeof text !== 'string') throw new TypeError('parseZoneFile: "text" expected string, got ' + typeof text);
  const out: ZoneFileObject = {};
  for (const { tokens } of tokenizeZoneFile(text)) {
    const head = tokens[0].text.toUpperCase();
    if (!tokens[0].quoted && head === '$ORIGIN') {
      if (tokens[1]) out.$origin = tokens[1].text;
      continue;
    }
    if (!tokens[0].quoted && head === '$TTL') {
      if (tokens[1]) out.$ttl = int(tokens[1]);
      continue;
    }
    // owner [ttl] [class] TYPE rdata — or TYPE rdata when the owner is omitted (inherits)
    let owner: string | undefined = tokens[0].text;
    let i = 1;
    if (!tokens[0].quoted && TYPES.has(head) && !isInt(tokens[1]) && !TYPES.has(tokens[1]?.text.toUpperCase() ?? '')) {
      owner = undefined;
      i = 0;
    }
    let ttl: number | undefined;
    if (i === 1 && isInt(tokens[1])) { ttl = int(tokens[1]); i++; }
    if (tokens[i] && !tokens[i].quoted && CLASSES.has(tokens[i].text.toUpperCase())) i++;
    if (i === 2 && ttl === undefined && isInt(tokens[i])) i++; // `owner IN ttl TYPE` (RFC 1035 order)
    const typeTok = tokens[i];
    if (!typeTok || typeTok.quoted) continue;
    const type = typeTok.text.toUpperCase();
    if (!TYPES.has(type)) continue;
    const rd = tokens.slice(i + 1);
    const withTtl = <T extends object>(r: T): T => (ttl !== undefined ? { ...r, ttl } : r);
    const name = owner ?? '@';
    switch (type) {
      case 'URI': {
        if (rd.length < 3) break;
        const l = rd.length;
        (out.uri ??= []).push(withTtl({ name, target: unquote(rd[l - 1]).replace(/"/g, ''), priority: int(rd[l - 3]), weight: int(rd[l - 2]) }));
        break;
      }
      case 'TXT': {
        if (rd.length === 0) break;
        const txt = rd.length > 1 ? rd.map((t) => t.text) : rd[0].text;
        (out.txt ??= []).push(withTtl({ name, txt }));
        break;
      }
      case 'A':
      case 'AAAA': {
        if (rd.length === 0) break;
        const list: ARecord[] = type === 'A' ? (out.a ??= []) : (out.aaaa ??= []);
        const nm = owner ?? (type === 'A' && list.length ? list[list.length - 1].name : '@');
        list.push(withTtl({ name: nm, ip: rd[rd.length - 1].text }));
        break;
      }
      case 'NS':
        if (rd.length) (out.ns ??= []).push(withTtl({ name, host: rd[rd.length - 1].text }));
        break;
      case 'CNAME':
        if (rd.length) (out.cname ??= []).push(withTtl({ name, alias: rd[rd.length - 1].text }));
        break;
      case 'MX':
        if (rd.length >= 2) (out.mx ??= []).push(withTtl({ name, preference: int(rd[rd.length - 2]), host: rd[rd.length - 1].text }));
        break;
      case 'PTR': {
        if (!rd.length) break;
        const list: PTRRecord[] = (out.ptr ??= []);
        const nm = owner ?? (list.length ? list[list.length - 1].name : '@');
        list.push(withTtl({ name: nm, fullname: nm + '.' + out.$origin, host: rd[rd.length - 1].text }));
        break;
      }
      case 'SRV': {
        if (rd.length < 4) break;
        const l = rd.length;
        (out.srv ??= []).push(withTtl({ name, target: rd[l - 1].text, priority: int(rd[l - 4]), weight: int(rd[l - 3]), port: int(rd[l - 2]) }));
        break;
      }
      case 'SPF':
        // rdata strings space-joined, quotes kept (the reference splits quoted strings at spaces: not emulated)
        if (rd.length) (out.spf ??= []).push(withTtl({ name, data: rd.map((t) => (t.quoted ? `"${t.text}"` : t.text)).join(' ') }));
        break;
      case 'SOA': {
        if (rd.length < 7) break;
        const l = rd.length;
        const soa = {
          name, minimum: int(rd[l - 1]), expire: int(rd[l - 2]), retry: int(rd[l - 3]), refresh: int(rd[l - 4]),
          serial: int(rd[l - 5]), rname: rd[l - 6].text, mname: rd[l - 7].text,
        };
        out.soa = withTtl(soa);
        break;
      }
      default:
        break; // CAA and others: recognised as a type so the line is not misread, but not part of the JSON shape
    }
  }
  return out;
}
