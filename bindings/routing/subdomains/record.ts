/**
 * @module routing/subdomains/record — subdomain records in a domain's zone file (naming.md §3.2).
 *
 * A TXT record is a subdomain record iff it is multi-string and has `owner=`, `seqn=` and `parts=`.
 * Reserved owners `_missing`, `_resolver`, `_registrar` are skipped. Strings split at the first `=`; `\=`
 * in a value stands for `=`; a repeated key, a non-integer seqn/parts, a missing zf chunk, bad base64 or a
 * bad owner address makes the record invalid (skipped with a reason, the rest of the zone file still counts).
 */
import { parseZoneFile } from '../zonefile/parse.ts';
import { zoneFileHash } from '../../base/hash.ts';
import { isHashAddress as verifyAddressSyntax } from '../../base/address.ts';
import type { ZoneFileObject } from '../zonefile/types.ts';

export interface SubdomainRecord {
  name: string;            // label as written (lower-cased), or the full name if independent
  fqn: string;
  independent: boolean;
  owner: string;
  seqn: number;
  parts: number;
  chunks: string[];        // zf0.. values (unescaped)
  zonefile: string;        // decoded subdomain zone file
  zonefile_hash: string;
  sig: string | null;      // base64 scriptSig
  zonefile_offset: number; // index among parsed subdomain records of the domain zone file
}

export interface DomainZoneFileInfo {
  records: SubdomainRecord[];
  skipped: { name: string; reason: string }[];
  resolver: string | null;
  missing: number[];
}

const RESERVED = new Set(['_missing', '_resolver', '_registrar']);
const LABEL_RE = /^[a-z0-9\-_+]+(\.[a-z0-9\-_+]+)*$/;
const unescapeValue = (v: string): string => v.replace(/\\=/g, '=');

function b64ToUtf8(b64: string): string | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return null;
  try {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Parse one TXT record into a subdomain record, or a reason it is not one / is invalid. */
export function decodeSubdomainTxt(owner: string, strings: string[], domain: string, offset: number):
  { record?: SubdomainRecord; notRecord?: true; reason?: string } {
  const kv = new Map<string, string>();
  for (const s of strings) {
    const i = s.indexOf('=');
    if (i < 0) continue;
    const k = s.slice(0, i);
    if (kv.has(k)) return { reason: `repeated key ${k}` };
    kv.set(k, unescapeValue(s.slice(i + 1)));
  }
  if (!kv.has('owner') || !kv.has('seqn') || !kv.has('parts')) return { notRecord: true };
  const name = owner.toLowerCase();
  if (!LABEL_RE.test(name)) return { reason: `invalid name ${owner}` };
  const seqnS = kv.get('seqn')!, partsS = kv.get('parts')!;
  if (!/^\d+$/.test(seqnS) || !/^\d+$/.test(partsS)) return { reason: 'seqn and parts must be integers' };
  const seqn = parseInt(seqnS, 10), parts = parseInt(partsS, 10);
  const ownerAddr = kv.get('owner')!;
  if (!verifyAddressSyntax(ownerAddr)) return { reason: `invalid owner address ${ownerAddr}` };
  const chunks: string[] = [];
  for (let i = 0; i < parts; i++) {
    const c = kv.get(`zf${i}`);
    if (c === undefined) return { reason: `missing zf${i}` };
    chunks.push(c);
  }
  const zonefile = b64ToUtf8(chunks.join(''));
  if (zonefile === null) return { reason: 'zone file chunks are not valid base64' };
  const independent = name.includes('.');
  return {
    record: {
      name, fqn: independent ? name : `${name}.${domain}`, independent, owner: ownerAddr, seqn, parts, chunks,
      zonefile, zonefile_hash: zoneFileHash(zonefile), sig: kv.get('sig') ?? null, zonefile_offset: offset,
    },
  };
}

/** All subdomain records of a domain zone file (deduplicated per §3.4), its `_resolver` and `_missing`. */
export function decodeDomainZoneFile(text: string | ZoneFileObject, domain: string): DomainZoneFileInfo {
  const z = typeof text === 'string' ? parseZoneFile(text) : text;
  const out: DomainZoneFileInfo = { records: [], skipped: [], resolver: null, missing: [] };
  const res = (z.uri ?? []).find((u) => u.name === '_resolver');
  if (res) out.resolver = res.target;
  let offset = 0;
  const all: SubdomainRecord[] = [];
  for (const t of z.txt ?? []) {
    if (t.name === '_missing') {
      const s = Array.isArray(t.txt) ? t.txt.join(',') : t.txt;
      out.missing = s.split(',').map((x) => x.trim()).filter((x) => /^\d+$/.test(x)).map(Number);
      continue;
    }
    if (RESERVED.has(t.name) || !Array.isArray(t.txt)) continue;
    const r = decodeSubdomainTxt(t.name, t.txt, domain, offset);
    if (r.notRecord) continue;
    if (r.reason) { out.skipped.push({ name: t.name, reason: r.reason }); continue; }
    all.push(r.record!);
    offset++;
  }
  // within one zone file: lowest seqn per name wins, first wins a tie; zone-file order kept
  const best = new Map<string, SubdomainRecord>();
  for (const r of all) {
    const b = best.get(r.fqn);
    if (!b || r.seqn < b.seqn) best.set(r.fqn, r);
  }
  out.records = all.filter((r) => best.get(r.fqn) === r);
  return out;
}
