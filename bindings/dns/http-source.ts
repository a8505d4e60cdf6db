/**
 * @module dns/http-source — a `DnsSource` over a running node's REST API (naming.md §4 shapes), for
 * `blockstack dns`: `GET /v1/info` (tip), `/v1/namespaces/{ns}`, `/v1/names/{name}` (200 state, 404
 * unregistered or expired; `status: revoked`). Results are kept `cacheMs` (default 1 s).
 */
import type { DnsSource, DnsTip, NameState } from './source.ts';

export function httpSource(api: string, opts: { cacheMs?: number; timeoutMs?: number } = {}): DnsSource {
  const base = api.replace(/\/+$/, '');
  const ttl = opts.cacheMs ?? 1000;
  const cache = new Map<string, { until: number; v: Promise<unknown> }>();
  const get = <T>(path: string, f: (status: number, body: any) => T): Promise<T> => {
    const now = performance.now();
    const hit = cache.get(path);
    if (hit && hit.until > now) return hit.v as Promise<T>;
    const v = fetch(base + path, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })
      .then(async (r) => f(r.status, await r.json().catch(() => null)));
    v.catch(() => cache.delete(path));
    if (cache.size > 10_000) cache.clear();
    cache.set(path, { until: now + ttl, v });
    return v;
  };
  const state = (status: number, b: any): NameState => {
    if (status === 404) return /expired/i.test(String(b?.error ?? '')) ? { kind: 'gone', why: 'expired' } : { kind: 'none' };
    if (status !== 200 || !b) throw new Error(`node API answered ${status}`);
    if (b.status === 'revoked') return { kind: 'gone', why: 'revoked' };
    if (b.status === 'available' || b.status === 'redirect') return { kind: 'none' };
    return { kind: 'ok', zonefileHash: b.zonefile_hash ?? null, zonefile: typeof b.zonefile === 'string' ? b.zonefile : null };
  };
  const ok = /^[a-z0-9\-_.+]+$/;
  return {
    tip: () => get<DnsTip>('/v1/info', (s, b) => {
      if (s !== 200) throw new Error(`node API /v1/info answered ${s}`);
      return { height: b.last_block_processed, consensus: b.consensus ?? null };
    }),
    namespace: (id) => (ok.test(id) ? get(`/v1/namespaces/${id}`, (s) => s === 200) : false),
    name: (fqn) => (ok.test(fqn) ? get(`/v1/names/${fqn}`, state) : { kind: 'none' }),
    subdomain: (fqn) => (ok.test(fqn) ? get(`/v1/names/${fqn}`, state) : { kind: 'none' }),
  };
}
