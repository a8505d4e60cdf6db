/**
 * @module crawl/source — what the crawler walks: names (and subdomains) with their owner address and
 * current zone-file hash, and the zone files themselves. `nodeSource` reads the node's name DB, zone-file
 * store and subdomain indexer; tests and benches can pass any other source.
 */
import { getNameAt, type NameDb } from '../virtualchain/index.ts';

export interface NameEntry { name: string; address: string; zonefileHash: string | null; /** zone-file text when the source has it at hand (subdomains) */ zonefile?: string | null }
export interface NameSource {
  /** Every current name, lazily (the crawler holds one entry per worker at a time). */
  entries(): Iterable<NameEntry>;
  zonefile(hash: string): Uint8Array | string | null;
}

export interface SubdomainsLike {
  list(page: number, pageSize?: number): string[];
  current(fqn: string): { zonefile: string | null; zonefile_hash: string | null; owner: string } | null;
}

export function nodeSource(db: NameDb, zonefiles: { get(hash: string): Uint8Array | null }, subs?: SubdomainsLike | null): NameSource {
  return {
    *entries() {
      const names = [...db.state.names.keys()].sort();
      for (const n of names) {
        const r = getNameAt(db, n);
        if (!r || !r.live || r.record.revoked) continue;
        yield { name: n, address: r.record.address, zonefileHash: r.record.valueHash ?? null };
      }
      if (!subs) return;
      for (let page = 0; ; page++) {
        const list = subs.list(page, 100);
        for (const fqn of list) {
          const c = subs.current(fqn);
          if (c) yield { name: fqn, address: c.owner, zonefileHash: c.zonefile_hash, zonefile: c.zonefile };
        }
        if (list.length < 100) break;
      }
    },
    zonefile: (h) => zonefiles.get(h),
  };
}
