/**
 * @module storage/client/storage-config — a user's storage configuration from their name: name → v1 API
 * record → zone file (hash checked) → profile token (signature checked against the owner) via the resolver,
 * then from the verified profile claim:
 * - `hubUrls`: the write hubs — `api.gaiaHubUrl` (the field Blockstack-browser profiles carry) followed by
 *   `api.gaiaHubUrls[]` (our replication extension), de-duplicated, trailing slashes dropped;
 * - `bucketUrls`: the app's bucket on every replica — `appsMeta[origin].storage` and `apps[origin]` (a string
 *   or an array), then `<read_url_prefix><bucket address>/` of every hub (from its public `/hub_info`) and
 *   of `api.gaiaHubConfig.url_prefix`. All bucket URLs must name the same address.
 * Zone-file URI records are NOT taken as hubs: `_http._tcp` / `_https._tcp` point to the profile token file.
 */
import { resolve, ResolverError, type ResolveOptions } from '../../resolver/index.ts';
import { StorageError } from '../errors.ts';
import type { FetchFn } from './hub-connection.ts';

export interface StorageConfig {
  name: string;
  /** owner address of the name (who signed the profile) */
  owner: string;
  profileUrl: string | null;
  /** write hubs of the user's storage configuration, primary first */
  hubUrls: string[];
  appOrigin?: string;
  /** read URLs (ending in `/`) of the app's bucket on every known replica; empty without appOrigin */
  bucketUrls: string[];
  /** the app bucket's address (the user's app key for appOrigin), when published */
  bucketAddress?: string;
  /** the user's app public key for appOrigin (`appsMeta[origin].publicKey`), when published */
  appPublicKey?: string;
}

export interface StorageConfigOptions {
  /** v1 API base URL(s), as for `resolve` */
  api: string | string[];
  appOrigin?: string;
  fetch?: FetchFn;
  /** the resolver's last-seen profile `iat` per name (refuses an older profile) */
  profileSeen?: ResolveOptions['seen'];
  timeoutMs?: number;
  /** ask every hub for its read URL prefix to list the bucket on each replica (default true) */
  hubReadPrefixes?: boolean;
}

const ADDRESS_IN_URL = /\/([13][a-km-zA-HJ-NP-Z0-9]{25,34})\/?$/;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return v ? [v] : [];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

function checkHttpUrl(u: string, what: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw new StorageError('E_BAD_STORAGE_CONFIG', `${what} ${JSON.stringify(u)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StorageError('E_BAD_STORAGE_CONFIG', `${what} ${u} is not http(s)`);
  return u;
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

/** Write hubs and bucket URLs named by a verified profile claim (no network). */
export function storageConfigFromProfile(profile: Record<string, unknown>, appOrigin?: string): Omit<StorageConfig, 'name' | 'owner' | 'profileUrl'> & { readPrefixes: string[] } {
  const api = (profile.api && typeof profile.api === 'object' ? profile.api : {}) as Record<string, unknown>;
  const hubUrls = dedupe([...strings(api.gaiaHubUrl), ...strings(api.gaiaHubUrls)].map((u) => checkHttpUrl(u, 'hub URL').replace(/\/+$/, '')));
  const cfg = (api.gaiaHubConfig && typeof api.gaiaHubConfig === 'object' ? api.gaiaHubConfig : {}) as Record<string, unknown>;
  const readPrefixes = strings(cfg.url_prefix).map((u) => checkHttpUrl(u, 'read URL prefix'));
  if (!appOrigin) return { hubUrls, bucketUrls: [], readPrefixes };
  const meta = ((profile.appsMeta ?? {}) as Record<string, { storage?: unknown; publicKey?: unknown }>)[appOrigin];
  const apps = (profile.apps ?? {}) as Record<string, unknown>;
  const bucketUrls = dedupe([...strings(meta?.storage), ...strings(apps[appOrigin])]
    .map((u) => checkHttpUrl(u, 'bucket URL')).map((u) => (u.endsWith('/') ? u : `${u}/`)));
  let bucketAddress: string | undefined;
  for (const u of bucketUrls) {
    const a = ADDRESS_IN_URL.exec(u)?.[1];
    if (!a) throw new StorageError('E_BAD_STORAGE_CONFIG', `bucket URL ${u} carries no address`);
    if (bucketAddress && a !== bucketAddress) throw new StorageError('E_BAD_STORAGE_CONFIG', `bucket URLs of ${appOrigin} name two addresses: ${bucketAddress} and ${a}`);
    bucketAddress = a;
  }
  const appPublicKey = typeof meta?.publicKey === 'string' ? meta.publicKey : undefined;
  return { hubUrls, appOrigin, bucketUrls, bucketAddress, appPublicKey, readPrefixes };
}

async function readPrefixOf(hubUrl: string, f: FetchFn, timeoutMs: number): Promise<string | null> {
  try {
    const res = await f(`${hubUrl}/hub_info`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const info = (await res.json()) as { read_url_prefix?: unknown };
    return typeof info.read_url_prefix === 'string' ? info.read_url_prefix : null;
  } catch {
    return null;
  }
}

/** name → the user's storage configuration (write hubs; the app's bucket on every replica). */
export async function storageConfigFor(name: string, o: StorageConfigOptions): Promise<StorageConfig> {
  const f: FetchFn = o.fetch ?? ((i, init) => fetch(i, init));
  let r;
  try {
    r = await resolve(name, { api: o.api, fetch: f as typeof fetch, seen: o.profileSeen, timeoutMs: o.timeoutMs });
  } catch (e) {
    if (e instanceof ResolverError) throw new StorageError('E_RESOLVE_FAILED', `storage configuration of ${name}: ${e.message}`, { details: { code: e.code }, cause: e });
    throw e;
  }
  if (!r.profile) throw new StorageError('E_BAD_STORAGE_CONFIG', `${name} has no profile`);
  const base = storageConfigFromProfile(r.profile, o.appOrigin);
  const out: StorageConfig = { name: r.name, owner: r.address, profileUrl: r.profileUrl, hubUrls: base.hubUrls, appOrigin: base.appOrigin, bucketUrls: base.bucketUrls, bucketAddress: base.bucketAddress, appPublicKey: base.appPublicKey };
  if (out.bucketAddress && o.hubReadPrefixes !== false) {
    const prefixes = await Promise.all(out.hubUrls.map((h) => readPrefixOf(h, f, o.timeoutMs ?? 10_000)));
    const more = [...prefixes, ...base.readPrefixes].filter((p): p is string => !!p)
      .map((p) => `${p.endsWith('/') ? p : `${p}/`}${out.bucketAddress}/`);
    out.bucketUrls = dedupe([...out.bucketUrls, ...more]);
  }
  return out;
}
