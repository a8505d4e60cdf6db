/**
 * @module routing/subdomains/api-shapes — the JSON the REST API returns for subdomains (naming.md §3.5,
 * §4.4), as plain functions over the indexer so the API layer only maps them to HTTP.
 */
import type { SubdomainIndexer, StoredRecord } from './indexer.ts';

export function recordView(r: StoredRecord) {
  return {
    accepted: r.accepted, block_height: r.block_height, domain: r.domain, fully_qualified_subdomain: r.fqn,
    missing: r.missing, owner: r.owner, parent_zonefile_hash: r.parent_zonefile_hash,
    parent_zonefile_index: r.parent_zonefile_index, resolver: r.resolver, sequence: r.sequence,
    signature: r.signature ?? 'None', txid: r.txid, zonefile_hash: r.zonefile_hash, zonefile_offset: r.zonefile_offset,
  };
}

export type NameLookup =
  | { status: 200; body: Record<string, unknown> }
  | { status: 301; location: string; body: { status: 'redirect' } }
  | { status: 404; body: Record<string, unknown> };

/** `GET /v1/names/{a.b.ns}`: state, or a redirect to the domain's resolver, or 404. */
export function lookupSubdomain(ix: SubdomainIndexer, fqn: string): NameLookup {
  const name = fqn.toLowerCase();
  const cur = ix.current(name);
  if (cur) {
    return { status: 200, body: {
      status: 'registered_subdomain', zonefile: cur.zonefile, zonefile_hash: cur.zonefile_hash, address: cur.owner,
      blockchain: 'bitcoin', last_txid: cur.txid,
    } };
  }
  const domain = name.slice(name.indexOf('.') + 1);
  const resolver = ix.resolverOf(domain);
  if (resolver) return { status: 301, location: `${resolver.replace(/\/+$/, '')}/v1/names/${name}`, body: { status: 'redirect' } };
  return { status: 404, body: { status: 'available', more: "failed to find parent domain's resolver" } };
}
