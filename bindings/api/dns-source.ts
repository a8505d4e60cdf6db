/**
 * @module api/dns-source — the DNS gateway's `DnsSource` over the REST API's `NameView` (in-process: the
 * node's UDP/TCP gateway and the DoH route read the same state the v1 routes do).
 */
import type { DnsSource, NameState } from '../dns/source.ts';
import type { NameView } from './view.ts';

const td = new TextDecoder('utf-8', { fatal: true });
const text = (b: Uint8Array | null): string | null => { if (!b) return null; try { return td.decode(b); } catch { return ''; } };

export function viewSource(view: NameView): DnsSource {
  return {
    // consensusAt() / blockOfConsensus() are map lookups; info() counts zone files (SQL) — only as a fallback
    tip: () => {
      const consensus = view.consensusAt();
      const height = consensus ? view.blockOfConsensus(consensus) : null;
      if (consensus && height !== null) return { height, consensus };
      const i = view.info();
      return { height: i.lastBlockProcessed, consensus: i.consensus };
    },
    namespace: (id) => view.namespace(id) !== null,
    name: (fqn): NameState => {
      const n = view.name(fqn);
      if (!n) return { kind: 'none' };
      if (n.status === 'revoked') return { kind: 'gone', why: 'revoked' };
      if (n.expired) return { kind: 'gone', why: 'expired' };
      return { kind: 'ok', zonefileHash: n.zonefileHash, zonefile: n.zonefileHash ? text(n.zonefile) : null };
    },
    subdomain: view.subdomains ? (fqn): NameState => {
      const r = view.subdomains!.lookup(fqn);
      if (r.status !== 200) return { kind: 'none' };
      const hash = typeof r.body.zonefile_hash === 'string' ? r.body.zonefile_hash : null;
      return { kind: 'ok', zonefileHash: hash, zonefile: typeof r.body.zonefile === 'string' ? r.body.zonefile : null };
    } : undefined,
  };
}
