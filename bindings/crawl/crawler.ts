/**
 * @module crawl/crawler — one crawl pass walks every current name (and subdomain) → its zone file (hash
 * checked) → profile URL → token file (guarded GET, conditional on the stored ETag) → token verified against
 * the owner address (resolver/token) and fresh (not expired, `iat` not older than the last one indexed) →
 * people-search document + the user's apps → the microblog's public files in each app bucket (conditional
 * GETs, signatures checked). A name is fetched again only when its zone-file hash or owner changes on chain
 * or when its revisit time has come (then conditionally: a 304 costs nothing). Failures back off per name
 * (and per host in the fetcher). Workers pull names one at a time from the source, so memory stays bounded
 * by `concurrency`, not by the number of names. Names gone from the chain are dropped at the end of a pass.
 */
import { classifyZoneFile } from '../routing/zonefile/classify.ts';
import { toBytes, zoneFileHash } from '../base/index.ts';
import { MAX_ZONEFILE_BYTES } from '../routing/zonefile/limits.ts';
import { ResolverError } from '../resolver/errors.ts';
import { fetchableProfileUrls } from '../resolver/urls.ts';
import { appDomain, AppFileError, bucketAddress, parseFollows, parsePosts } from './apps.ts';
import type { CrawlStore, NameState } from './db.ts';
import { Fetcher, FetchFailed } from './fetcher.ts';
import { CrawlRefused } from './guard.ts';
import type { CrawlMetrics } from './metrics.ts';
import type { SearchIndex } from './search.ts';
import type { NameEntry, NameSource } from './source.ts';
import { docOf } from './text.ts';
import { Reject, verifyAppFile, verifyTokenFile, type VerifiedToken } from './verify.ts';
import { VerifyPool } from './verify-pool.ts';

export interface CrawlerOptions {
  db: CrawlStore;
  index: SearchIndex;
  source: NameSource;
  fetcher: Fetcher;
  metrics?: CrawlMetrics;
  /** Names in flight at once (default 64). */
  concurrency?: number;
  /** Revisit (conditional GET) an unchanged name after this long (default 10 min). */
  revisitMs?: number;
  /** Retry after a failure: min(base · 2^(fails−1), max) (defaults 30 s, 6 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  maxProfileBytes?: number;
  maxAppFileBytes?: number;
  /** Read microblog files from app buckets (default true). */
  appFiles?: boolean;
  /** Verify signatures on this many worker threads (default 0: on the crawler's thread); see close(). */
  verifyThreads?: number;
  log?: { warn(o: object, m: string): void; debug?(o: object, m: string): void };
}

export type Outcome = 'indexed' | 'unchanged' | 'skipped' | 'rejected' | 'stale' | 'error';
export interface PassResult { pass: number; seen: number; outcomes: Record<Outcome, number>; removed: number; ms: number }


const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class Crawler {
  private running: Promise<PassResult> | null = null;
  private pool: Promise<VerifyPool> | null = null;
  constructor(readonly opts: CrawlerOptions) {}

  /** Stops the verification threads (if any); a later pass starts them again. */
  async close(): Promise<void> { const p = this.pool; this.pool = null; if (p) await (await p).close(); }

  private verifier(): Promise<VerifyPool> | null {
    if (!this.opts.verifyThreads) return null;
    return (this.pool ??= VerifyPool.start(this.opts.verifyThreads));
  }
  private async verifyToken(body: Buffer, e: NameEntry): Promise<VerifiedToken> {
    const pool = this.verifier();
    return pool ? (await pool).token(body, e.address) : verifyTokenFile(body, e.address);
  }

  /** Resolves when no pass is running. */
  idle(): Promise<unknown> { return this.running?.catch(() => {}) ?? Promise.resolve(); }

  /** One pass; concurrent callers share the pass in progress. */
  pass(): Promise<PassResult> {
    this.running ??= this.runPass().finally(() => { this.running = null; });
    return this.running;
  }

  private async runPass(): Promise<PassResult> {
    const t0 = performance.now();
    const db = this.opts.db;
    const pass = Number((await db.meta('pass')) ?? '0') + 1;
    const outcomes: Record<Outcome, number> = { indexed: 0, unchanged: 0, skipped: 0, rejected: 0, stale: 0, error: 0 };
    let seen = 0;
    const it = this.opts.source.entries()[Symbol.iterator]();
    const worker = async () => {
      for (;;) {
        const n = it.next();
        if (n.done) return;
        seen++;
        db.hold();
        const out = await this.visit(n.value, pass).catch((e) => { this.opts.log?.warn({ err: e, name: n.value.name }, 'crawl: unexpected error'); return 'error' as const; });
        db.release();
        outcomes[out]++;
        this.opts.metrics?.outcomes.inc({ outcome: out });
      }
    };
    await Promise.all(Array.from({ length: this.opts.concurrency ?? 64 }, worker));
    let removed = 0;
    for (let gone = await db.gone(pass); gone.length; gone = await db.gone(pass)) {
      for (const name of gone) { await this.opts.index.remove(name); await db.forget(name); removed++; }
    }
    await db.setMeta('pass', String(pass));
    await db.commit();
    const ms = performance.now() - t0;
    this.opts.metrics?.passSeconds.set(ms / 1000);
    this.opts.metrics?.people.set(await this.opts.index.count());
    return { pass, seen, outcomes, removed, ms };
  }

  /** Crawls one name now if due; returns what happened. */
  async visit(e: NameEntry, pass: number): Promise<Outcome> {
    const db = this.opts.db;
    const now = Date.now();
    const st = await db.state(e.name);
    const changed = !st || st.zonefile_hash !== e.zonefileHash || st.address !== e.address;
    if (!changed && st!.next_at > now) { await db.touch(e.name, pass); return 'skipped'; }
    const base: NameState = st && !changed ? { ...st, pass, checked_at: now } :
      { name: e.name, address: e.address, zonefile_hash: e.zonefileHash, profile_url: null, etag: null, iat: st?.iat ?? null, status: 'pending', reason: null, fails: 0, next_at: 0, checked_at: now, pass, apps: null };
    if (changed && st?.status === 'indexed') { await this.opts.index.remove(e.name); await db.clearUser(e.name); }
    try {
      const r = await this.crawlProfile(e, base, changed);
      await db.putState({ ...r.state, status: r.outcome === 'stale' ? (changed ? 'rejected' : st!.status) : 'indexed', reason: r.outcome === 'stale' ? 'stale' : null, fails: 0, next_at: now + (this.opts.revisitMs ?? 600_000) });
      return r.outcome;
    } catch (err) {
      if (err instanceof FetchFailed && err.status !== 404) {
        const fails = base.fails + 1;
        const wait = Math.min((this.opts.retryBaseMs ?? 30_000) * 2 ** (fails - 1), this.opts.retryMaxMs ?? 6 * 3600_000);
        await db.putState({ ...base, status: base.status === 'indexed' ? 'indexed' : 'error', reason: err.reason, fails, next_at: now + wait });
        return 'error';
      }
      const reason = err instanceof Reject ? err.reason : err instanceof CrawlRefused ? `refused_${err.reason}` : err instanceof ResolverError ? err.code.replace(/^E_/, '').toLowerCase() : err instanceof FetchFailed ? 'not_found' : 'error';
      this.opts.metrics?.rejected.inc({ reason });
      this.opts.log?.debug?.({ name: e.name, reason, msg: (err as Error).message }, 'crawl: not indexed');
      if (base.status === 'indexed') { await this.opts.index.remove(e.name); await db.clearUser(e.name); }
      await db.putState({ ...base, status: 'rejected', reason, etag: null, apps: null, fails: base.fails + 1, next_at: now + (this.opts.revisitMs ?? 600_000) });
      return 'rejected';
    }
  }

  private zonefileText(e: NameEntry): string {
    if (!e.zonefileHash) throw new Reject('no_zonefile', `${e.name} has no zone-file hash`);
    const raw = e.zonefile ?? this.opts.source.zonefile(e.zonefileHash);
    if (raw === null || raw === undefined) throw new FetchFailed('network', `zone file ${e.zonefileHash} of ${e.name} not (yet) in the store`);
    const bytes = toBytes(raw);
    if (bytes.length > MAX_ZONEFILE_BYTES) throw new Reject('zonefile_too_large', `zone file of ${e.name} is ${bytes.length} bytes`);
    if (zoneFileHash(bytes) !== e.zonefileHash) throw new Reject('zonefile_hash', `zone file of ${e.name} does not hash to ${e.zonefileHash}`);
    return typeof raw === 'string' ? raw : new TextDecoder().decode(bytes);
  }

  private async crawlProfile(e: NameEntry, s: NameState, changed: boolean): Promise<{ outcome: Outcome; state: NameState }> {
    const zf = this.zonefileText(e);
    const kind = classifyZoneFile(zf);
    if (kind.kind === 'non-standard') throw new Reject('zonefile_non_standard', `zone file of ${e.name} is neither DNS nor JSON`);
    if (kind.kind === 'legacy-json') {
      // pre-2016 profile in the zone-file slot: authentic through the on-chain hash alone
      if (!changed && s.status === 'indexed') return { outcome: 'unchanged', state: s };
      await this.opts.index.upsert(docOf(e.name, kind.json as Record<string, unknown>, 0));
      return { outcome: 'indexed', state: { ...s, profile_url: null, etag: null } };
    }
    const urls = fetchableProfileUrls(kind.zonefile).slice(0, 3);
    if (!urls.length) throw new Reject('no_profile_url', `zone file of ${e.name} has no profile URL`);
    let last: Error | null = null;
    for (const url of urls) {
      const etag = !changed && s.status === 'indexed' && s.profile_url === url ? s.etag : null;
      let res;
      try { res = await this.opts.fetcher.get(url, { etag, maxBytes: this.opts.maxProfileBytes ?? 256 * 1024 }); } catch (err) { last = err as Error; continue; }
      if (res.status === 304) {
        if (s.apps) await this.crawlApps(e.name, JSON.parse(s.apps), s.iat ?? Date.now(), {});
        return { outcome: 'unchanged', state: s };
      }
      const { claim, iat } = await this.verifyToken(res.body, e);
      if (s.iat !== null && iat < s.iat) {
        this.opts.metrics?.rejected.inc({ reason: 'stale' });
        return { outcome: 'stale', state: { ...s, zonefile_hash: e.zonefileHash, address: e.address } };
      }
      await this.opts.index.upsert(docOf(e.name, claim, iat));
      const apps = this.appsOf(claim);
      await this.crawlApps(e.name, apps, iat, (claim.appsMeta ?? {}) as Record<string, { publicKey?: string }>);
      return { outcome: 'indexed', state: { ...s, profile_url: res.url === url ? url : url, etag: res.etag, iat, apps: JSON.stringify(apps) } };
    }
    throw last ?? new Reject('no_profile_url', 'no profile URL answered');
  }

  private appsOf(claim: Record<string, unknown>): Record<string, string> {
    const apps = claim.apps;
    const out: Record<string, string> = {};
    if (!apps || typeof apps !== 'object') return out;
    for (const [origin, url] of Object.entries(apps).slice(0, 20)) if (typeof url === 'string' && /^https?:\/\//.test(url)) out[origin] = url;
    return out;
  }

  private async crawlApps(name: string, apps: Record<string, string>, iat: number, meta: Record<string, { publicKey?: string }>): Promise<void> {
    const db = this.opts.db;
    const byDomain = new Map<string, string>();
    for (const origin of Object.keys(apps)) byDomain.set(appDomain(origin), dayOf(iat));
    await db.setApps(name, byDomain);
    if (this.opts.appFiles === false) return;
    for (const [origin, bucket] of Object.entries(apps)) {
      const addr = bucketAddress(bucket);
      if (!addr) continue;
      const dir = bucket.endsWith('/') ? bucket : bucket + '/';
      const metaKey = meta[origin]?.publicKey;
      const follows = await this.appFile(name, `${dir}microblog/follows.json`, addr, metaKey);
      if (follows !== undefined) await db.setFollows(name, follows === null ? [] : parseFollowsSafe(follows, this));
      const posts = await this.appFile(name, `${dir}microblog/posts.json`, addr, metaKey);
      if (posts !== undefined) await db.setPosts(name, appDomain(origin), posts === null ? 0 : parsePostsSafe(posts, name, this));
    }
  }

  /** undefined: unchanged (304) or unreadable now; null: absent or rejected; else the verified JSON. */
  private async appFile(name: string, url: string, addr: string, metaKey?: string): Promise<unknown | null | undefined> {
    const db = this.opts.db;
    const etag = await db.fileEtag(name, url);
    try {
      const r = await this.opts.fetcher.get(url, { etag, maxBytes: this.opts.maxAppFileBytes ?? 1 << 20 });
      if (r.status === 304) return undefined;
      const sig = await this.opts.fetcher.get(`${url}.sig`, { maxBytes: 4096 });
      const pool = this.verifier();
      const json = pool ? await (await pool).file(r.body, sig.body, addr, metaKey) : verifyAppFile(r.body, sig.body, addr, metaKey);
      await db.setFileEtag(name, url, r.etag);
      return json;
    } catch (err) {
      if (err instanceof FetchFailed && err.status === 404) { await db.setFileEtag(name, url, null); return null; }
      if (err instanceof AppFileError) { this.opts.metrics?.rejected.inc({ reason: err.reason }); await db.setFileEtag(name, url, null); return null; }
      if (err instanceof CrawlRefused) { await db.setFileEtag(name, url, null); return null; }
      return undefined;
    }
  }

  rejectApp(reason: string): void { this.opts.metrics?.rejected.inc({ reason }); }
}

function parseFollowsSafe(j: unknown, c: Crawler): string[] {
  try { return parseFollows(j); } catch { c.rejectApp('app_malformed'); return []; }
}
function parsePostsSafe(j: unknown, name: string, c: Crawler): number {
  try { return parsePosts(j, name); } catch { c.rejectApp('app_malformed'); return 0; }
}
