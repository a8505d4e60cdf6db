/**
 * @module auth/discover — key discovery for multi-user apps (spec storage-auth §8, naming §1.6, §4.6):
 * name → name record {address, zonefile} → first `_http._tcp` URI → profile token file → token verified
 * against the name's owner → `apps[origin]` / `appsMeta[origin]` → bucket URL and app public key, checked
 * to agree (address(publicKey) is the bucket's address). Results are cached per (name, origin) with expiry.
 */
import { parseZoneFile } from '../routing/zonefile/index.ts';
import { profileFromTokenFile, type Person } from './profile-token.ts';
import { btcAddressOf } from './keys.ts';
import { AuthError } from './errors.ts';
import type { FetchFn } from './hub-write.ts';

export interface NameRecord {
  address: string;
  zonefile: string | null;
}

export interface DiscoveredApp {
  name: string;
  origin: string;
  owner: string;
  profileUrl: string;
  bucketUrl: string;
  bucketAddress: string;
  /** the user's app public key for this origin (absent when the profile has only `apps`) */
  appPublicKey?: string;
  profile: Person;
  /** cache expiry, ms since epoch */
  expiresAt: number;
}

export interface DiscoverOptions {
  /** node API base URL: `GET <apiUrl>/v1/names/<name>` (default http://127.0.0.1:6270) */
  apiUrl?: string;
  /** or any name lookup (e.g. the resolver) */
  lookupName?: (name: string) => Promise<NameRecord | undefined>;
  fetch?: FetchFn;
  ttlMs?: number;
  nowMs?: () => number;
  /** bypass and refresh the cache */
  fresh?: boolean;
}

const cache = new Map<string, DiscoveredApp>();
const BUCKET_ADDRESS = /[13][a-km-zA-HJ-NP-Z0-9]{26,35}/;

export function clearDiscoveryCache(): void {
  cache.clear();
}

/** The token-file URL of a zone file text (what @stacks/profile getTokenFileUrl picks). */
export function profileUrlFromZoneFile(zonefile: string): string | undefined {
  let uris: { name: string; target?: string }[] | undefined;
  try {
    uris = parseZoneFile(zonefile).uri;
  } catch {
    return undefined;
  }
  const rec = (uris ?? []).find((u) => u.name === '_http._tcp' && u.target);
  if (!rec?.target) return undefined;
  return /^https?/.test(rec.target) ? rec.target : `https://${rec.target}`;
}

async function lookupViaApi(apiUrl: string, name: string, f: FetchFn): Promise<NameRecord | undefined> {
  let res: Response;
  try {
    res = await f(`${apiUrl.replace(/\/+$/, '')}/v1/names/${encodeURIComponent(name)}`);
  } catch (e) {
    throw new AuthError('E_LOOKUP_FAILED', `name lookup failed: ${(e as Error).message}`);
  }
  if (res.status === 404) return undefined;
  if (!res.ok) throw new AuthError('E_LOOKUP_FAILED', `name lookup answered ${res.status}`);
  return (await res.json()) as NameRecord;
}

/** Resolve and verify a user's profile: returns {owner, profileUrl, profile}. */
export async function discoverProfile(name: string, o: DiscoverOptions = {}): Promise<{ owner: string; profileUrl: string; profile: Person }> {
  const f = o.fetch ?? fetch;
  const rec = o.lookupName ? await o.lookupName(name) : await lookupViaApi(o.apiUrl ?? 'http://127.0.0.1:6270', name, f);
  if (!rec || typeof rec.address !== 'string') throw new AuthError('E_UNKNOWN_NAME', `name ${name} not found`);
  if (typeof rec.zonefile !== 'string') throw new AuthError('E_PROFILE_NOT_FOUND', `name ${name} has no zone file`);
  const profileUrl = profileUrlFromZoneFile(rec.zonefile);
  if (!profileUrl) throw new AuthError('E_PROFILE_NOT_FOUND', `zone file of ${name} has no _http._tcp URI record`);
  let res: Response;
  try {
    res = await f(profileUrl);
  } catch (e) {
    throw new AuthError('E_LOOKUP_FAILED', `profile fetch failed: ${(e as Error).message}`);
  }
  if (!res.ok) throw new AuthError('E_PROFILE_NOT_FOUND', `profile ${profileUrl} answered ${res.status}`);
  const profile = profileFromTokenFile(await res.text(), rec.address, o.nowMs?.());
  return { owner: rec.address, profileUrl, profile };
}

/** name + app origin → bucket URL and app public key, verified and cached (default 5 minutes). */
export async function discoverAppKey(name: string, appOrigin: string, o: DiscoverOptions = {}): Promise<DiscoveredApp> {
  const now = o.nowMs?.() ?? Date.now();
  const key = `${name}\n${appOrigin}`;
  const hit = cache.get(key);
  if (hit && !o.fresh && hit.expiresAt > now) return hit;
  const { owner, profileUrl, profile } = await discoverProfile(name, o);
  const meta = profile.appsMeta?.[appOrigin];
  let bucketUrl = meta?.storage ?? profile.apps?.[appOrigin];
  if (typeof bucketUrl !== 'string') throw new AuthError('E_APP_NOT_FOUND', `${name} has not published a bucket for ${appOrigin}`);
  if (!bucketUrl.endsWith('/')) bucketUrl += '/';
  const bucketAddress = BUCKET_ADDRESS.exec(bucketUrl.replace(/\/$/, '').split('/').pop() ?? '')?.[0];
  if (!bucketAddress) throw new AuthError('E_PROFILE_INVALID', `bucket URL ${bucketUrl} carries no address`);
  const appPublicKey = meta?.publicKey;
  if (appPublicKey !== undefined && btcAddressOf(appPublicKey) !== bucketAddress) {
    throw new AuthError('E_PROFILE_INVALID', `appsMeta public key of ${appOrigin} does not own bucket ${bucketAddress}`);
  }
  const out: DiscoveredApp = { name, origin: appOrigin, owner, profileUrl, bucketUrl, bucketAddress, appPublicKey, profile, expiresAt: now + (o.ttlMs ?? 300_000) };
  cache.set(key, out);
  return out;
}
