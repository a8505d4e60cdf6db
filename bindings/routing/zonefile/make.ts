/**
 * @module routing/zonefile/make — `makeZoneFile(obj, template?)`: writes a zone-file object as text.
 *
 * With a template it fills `{$origin}`, `{$ttl}`, `{uri}`, `{txt}`, ... exactly as npm `zone-file`'s
 * `makeZoneFile` does (same line format: owner, optional ttl, `IN`, type, rdata, tab-separated), so
 * `makeZoneFile(o, '{$origin}\n{$ttl}\n{uri}\n')` gives the bytes `@stacks/profile` writes. Without a
 * template it writes only the sections present (the reference's default template leaves SOA placeholders
 * when there is no SOA), in the reference's section order.
 */
import type { ZoneFileObject, SOARecord } from './types.ts';

type Rec = { name?: string; ttl?: number | string };
// a TTL of 0 is written (the reference drops it, which silently turns "do not cache" into the zone's $TTL)
const own = (r: Rec): string => (r.name || '@') + '\t' + (r.ttl || r.ttl === 0 ? r.ttl + '\t' : '');
const q = (s: string): string => '"' + s + '"';

const SECTIONS: [keyof ZoneFileObject, (r: any) => string][] = [
  ['ns', (r) => own(r) + 'IN\tNS\t' + r.host],
  ['mx', (r) => own(r) + 'IN\tMX\t' + r.preference + '\t' + r.host],
  ['a', (r) => own(r) + 'IN\tA\t' + r.ip],
  ['aaaa', (r) => own(r) + 'IN\tAAAA\t' + r.ip],
  ['cname', (r) => own(r) + 'IN\tCNAME\t' + r.alias],
  ['ptr', (r) => own(r) + 'IN\tPTR\t' + r.host],
  ['txt', (r) => own(r) + 'IN\tTXT\t' + (typeof r.txt === 'string' ? q(r.txt) : Array.isArray(r.txt) ? r.txt.map(q).join(' ') : '')],
  ['srv', (r) => own(r) + 'IN\tSRV\t' + r.priority + '\t' + r.weight + '\t' + r.port + '\t' + r.target],
  ['spf', (r) => own(r) + 'IN\tSPF\t' + r.data],
  ['uri', (r) => own(r) + 'IN\tURI\t' + r.priority + '\t' + r.weight + '\t' + q(r.target)],
];

function section(obj: ZoneFileObject, key: keyof ZoneFileObject, fmt: (r: any) => string): string {
  const list = obj[key] as unknown[] | undefined;
  return list ? list.map((r) => fmt(r) + '\n').join('') : '';
}

function soaLines(s: SOARecord): string {
  return `${s.name || '@'}\t${s.ttl ? s.ttl + '\t' : ''}IN\tSOA\t${s.mname}\t${s.rname}\t(\n${s.serial}\t;serial\n${s.refresh}\t;refresh\n${s.retry}\t;retry\n${s.expire}\t;expire\n${s.minimum}\t;minimum ttl\n)\n`;
}

export function makeZoneFile(obj: ZoneFileObject, template?: string): string {
  if (!obj || typeof obj !== 'object') throw new TypeError('makeZoneFile: "obj" expected object');
  if (template === undefined) {
    let out = '';
    if (obj.$origin !== undefined) out += '$ORIGIN ' + obj.$origin + '\n';
    if (obj.$ttl !== undefined) out += '$TTL ' + obj.$ttl + '\n';
    if (obj.soa) out += soaLines(obj.soa);
    for (const [k, f] of SECTIONS) out += section(obj, k, f);
    return out;
  }
  let t = template;
  t = t.replace('{$origin}', obj.$origin !== undefined ? '$ORIGIN ' + obj.$origin : '');
  t = t.replace('{$ttl}', obj.$ttl !== undefined ? '$TTL ' + obj.$ttl : '');
  if (obj.soa) {
    const soa: Record<string, unknown> = { ...obj.soa, name: obj.soa.name || '@', ttl: obj.soa.ttl || '' };
    for (const k in soa) t = t.replace('{' + k + '}', soa[k] + '\t');
  }
  for (const [k, f] of SECTIONS) t = t.replace('{' + k + '}', section(obj, k, f));
  t = t.replace('{zone}', obj.$origin || obj.soa?.name || '');
  t = t.replace('{datetime}', new Date().toISOString()).replace('{time}', `${Math.round(Date.now() / 1000)}`);
  return t.replace(/\n{2,}/gm, '\n\n');
}
