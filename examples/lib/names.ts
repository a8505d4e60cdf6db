/**
 * @module examples/lib/names — what the apps read from a user's zone file (through the node's name API,
 * which checks the zone-file hash against the chain): the `_pubsub` URI (where their notifications go)
 * and the `TXT "mailto:…"` address.
 */
import { parseZoneFile } from '../../bindings/routing/zonefile/index.ts';

export async function zoneFileOf(apiUrl: string, name: string): Promise<string> {
  const res = await fetch(`${apiUrl.replace(/\/+$/, '')}/v1/names/${encodeURIComponent(name)}`);
  if (res.status === 404) throw new Error(`${name} is not registered`);
  if (!res.ok) throw new Error(`name lookup of ${name} answered ${res.status}`);
  const rec = (await res.json()) as { zonefile?: string | null };
  if (typeof rec.zonefile !== 'string') throw new Error(`${name} has no zone file`);
  return rec.zonefile;
}

export async function pubsubUriOf(apiUrl: string, name: string): Promise<string> {
  const zf = parseZoneFile(await zoneFileOf(apiUrl, name));
  const rec = (zf.uri ?? []).find((u) => u.name === '_pubsub');
  if (!rec?.target) throw new Error(`the zone file of ${name} has no _pubsub URI record`);
  return rec.target;
}

export async function mailtoOf(apiUrl: string, name: string): Promise<string> {
  const zf = parseZoneFile(await zoneFileOf(apiUrl, name));
  for (const t of zf.txt ?? []) {
    const txt = Array.isArray(t.txt) ? t.txt.join('') : t.txt;
    const m = /^mailto:([^\s@]+@[^\s@]+)$/.exec(txt);
    if (m) return m[1];
  }
  throw new Error(`the zone file of ${name} has no TXT "mailto:…" record`);
}
