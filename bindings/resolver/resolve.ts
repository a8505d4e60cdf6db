/**
 * @module resolver/resolve — `resolve(name, { api })`: name → record (v1 API) → zone file (hash checked
 * against the record's on-chain hash) → URLs → token file → signature checked against the owner address →
 * freshness (the token's `iat` is not older than the last one seen for the name). Runtime neutral: only
 * `fetch` and @noble; works in Node, Deno and browsers against our node or any server with the v1 API.
 */
import { zoneFileHash, toBytes } from '../base/index.ts';
import { MAX_ZONEFILE_BYTES } from '../routing/zonefile/limits.ts';
import { classifyZoneFile } from '../routing/zonefile/classify.ts';
import type { ZoneFileObject } from '../routing/zonefile/types.ts';
import { ResolverError } from './errors.ts';
import { fetchableProfileUrls, serviceUrlsOf, type ServiceUrl } from './urls.ts';
import { verifyProfileToken, type ProfileTokenPayload } from './token.ts';

/** Last-seen freshness marks per name (a Map works; persist it to keep freshness across runs). */
export interface SeenStore { get(name: string): { iat: number } | undefined; set(name: string, v: { iat: number }): unknown }

export interface ResolveOptions {
  /** base URL(s) of a v1 API (`http://host:6270`); tried in order */
  api: string | string[];
  fetch?: typeof fetch;
  seen?: SeenStore;
  /** reject a profile older than this (ms since epoch) */
  minIssuedAt?: number;
  /** stop after the zone file (no profile fetch) */
  zonefileOnly?: boolean;
  timeoutMs?: number;
}

export interface Resolved {
  name: string;
  address: string;
  zonefile: string;
  zonefile_hash: string;
  zonefileJson: ZoneFileObject | null;
  urls: ServiceUrl[];
  profileUrl: string | null;
  profile: Record<string, unknown> | null;
  token: ProfileTokenPayload | null;
  legacy: boolean;
  verified: boolean;
}

const NAME_RE = /^[a-z0-9\-_.+]{3,256}$/;

async function getJson(f: typeof fetch, url: string, timeoutMs: number): Promise<{ status: number; body: any }> {
  let res: Response;
  try {
    res = await f(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (e) {
    throw new ResolverError('E_API_ERROR', `GET ${url} failed: ${(e as Error).message}`);
  }
  const text = await res.text();
  try { return { status: res.status, body: JSON.parse(text) }; } catch { return { status: res.status, body: null }; }
}

async function lookupRecord(name: string, o: ResolveOptions, f: typeof fetch, t: number): Promise<{ base: string; rec: any }> {
  let last: ResolverError | null = null;
  for (const base of ([] as string[]).concat(o.api).map((b) => b.replace(/\/+$/, ''))) {
    try {
      const { status, body } = await getJson(f, `${base}/v1/names/${encodeURIComponent(name)}`, t);
      if (status === 404) throw new ResolverError('E_NAME_NOT_FOUND', `name ${name} not found${body?.error ? `: ${body.error}` : ''}`);
      if (status !== 200 || !body || typeof body !== 'object') throw new ResolverError('E_API_ERROR', `GET /v1/names/${name} answered ${status}`);
      return { base, rec: body };
    } catch (e) {
      if (e instanceof ResolverError && e.code === 'E_NAME_NOT_FOUND') throw e;
      last = e as ResolverError;
    }
  }
  throw last ?? new ResolverError('E_API_ERROR', 'no API given');
}

async function fetchZoneFileByHash(base: string, name: string, hash: string, f: typeof fetch, t: number): Promise<string | null> {
  try {
    const res = await f(`${base}/v1/names/${encodeURIComponent(name)}/zonefile/${hash}?raw=1`, { signal: AbortSignal.timeout(t) });
    if (res.status !== 200) return null;
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.length > MAX_ZONEFILE_BYTES) throw new ResolverError('E_ZONEFILE_TOO_LARGE', `zone file of ${buf.length} bytes exceeds ${MAX_ZONEFILE_BYTES}`);
    return new TextDecoder().decode(buf);
  } catch (e) {
    if (e instanceof ResolverError) throw e;
    return null;
  }
}

async function fetchTokenFile(urls: string[], f: typeof fetch, t: number): Promise<{ url: string; json: unknown }> {
  const errors: string[] = [];
  for (const url of urls) {
    try {
      const res = await f(url, { signal: AbortSignal.timeout(t) });
      if (res.status !== 200) { errors.push(`${url}: HTTP ${res.status}`); continue; }
      return { url, json: JSON.parse(await res.text()) };
    } catch (e) {
      errors.push(`${url}: ${(e as Error).message}`);
    }
  }
  throw new ResolverError('E_PROFILE_FETCH_FAILED', `could not fetch the profile: ${errors.join('; ')}`);
}

export async function resolve(name: string, o: ResolveOptions): Promise<Resolved> {
  const f = o.fetch ?? globalThis.fetch.bind(globalThis);
  const t = o.timeoutMs ?? 10_000;
  const n = String(name).toLowerCase();
  if (!NAME_RE.test(n) || !n.includes('.')) throw new ResolverError('E_INVALID_NAME', `invalid name ${JSON.stringify(name)}`);
  const { base, rec } = await lookupRecord(n, o, f, t);
  if (rec.status === 'revoked') throw new ResolverError('E_NAME_REVOKED', `name ${n} is revoked`);
  const address = rec.address;
  if (typeof address !== 'string' || !address) throw new ResolverError('E_API_ERROR', `record of ${n} has no owner address`);
  const hash = rec.zonefile_hash;
  if (typeof hash !== 'string' || !/^[0-9a-f]{40}$/.test(hash)) throw new ResolverError('E_ZONEFILE_MISSING', `name ${n} has no zone-file hash`);
  let zonefile: string | null = typeof rec.zonefile === 'string' ? rec.zonefile : null;
  if (zonefile === null) zonefile = await fetchZoneFileByHash(base, n, hash, f, t);
  if (zonefile === null) throw new ResolverError('E_ZONEFILE_MISSING', `the API does not hold the zone file ${hash} of ${n}`);
  const bytes = toBytes(zonefile);
  if (bytes.length > MAX_ZONEFILE_BYTES) throw new ResolverError('E_ZONEFILE_TOO_LARGE', `zone file of ${bytes.length} bytes exceeds ${MAX_ZONEFILE_BYTES}`);
  const actual = zoneFileHash(bytes);
  if (actual !== hash) throw new ResolverError('E_ZONEFILE_HASH_MISMATCH', `zone file of ${n} hashes to ${actual}, but the record says ${hash}`);

  const kind = classifyZoneFile(zonefile);
  const out: Resolved = { name: n, address, zonefile, zonefile_hash: hash, zonefileJson: null, urls: [], profileUrl: null, profile: null, token: null, legacy: false, verified: false };
  if (kind.kind === 'non-standard') throw new ResolverError('E_ZONEFILE_NON_STANDARD', `zone file of ${n} is neither a DNS zone file nor JSON`);
  if (kind.kind === 'legacy-json') {
    // pre-2016 profile stored in the zone-file slot itself: authentic through the on-chain hash alone
    return { ...out, legacy: true, profile: kind.json as Record<string, unknown>, verified: true };
  }
  out.zonefileJson = kind.zonefile;
  out.urls = serviceUrlsOf(kind.zonefile);
  const candidates = fetchableProfileUrls(kind.zonefile);
  out.profileUrl = candidates[0] ?? null;
  if (o.zonefileOnly) return out;
  if (!candidates.length) throw new ResolverError('E_NO_PROFILE_URL', `zone file of ${n} has no _http._tcp / _https._tcp URL`);

  const { url, json } = await fetchTokenFile(candidates, f, t);
  out.profileUrl = url;
  const first = Array.isArray(json) ? json[0] : null;
  const token = first && typeof first === 'object' ? (first as { token?: unknown }).token : null;
  if (typeof token !== 'string') throw new ResolverError('E_PROFILE_MALFORMED', `token file at ${url} is not [{token: ...}]`);
  const payload = verifyProfileToken(token, address);

  const iat = payload.iat ? Date.parse(payload.iat) : NaN;
  const last = o.seen?.get(n);
  if (last && (Number.isNaN(iat) || iat < last.iat)) {
    throw new ResolverError('E_STALE_PROFILE', `profile of ${n} was issued ${payload.iat ?? '(no iat)'}, older than the last seen ${new Date(last.iat).toISOString()}`);
  }
  if (o.minIssuedAt !== undefined && (Number.isNaN(iat) || iat < o.minIssuedAt)) {
    throw new ResolverError('E_STALE_PROFILE', `profile of ${n} was issued ${payload.iat ?? '(no iat)'}, before ${new Date(o.minIssuedAt).toISOString()}`);
  }
  if (!Number.isNaN(iat)) o.seen?.set(n, { iat });
  return { ...out, profile: payload.claim ?? null, token: payload, verified: true };
}
