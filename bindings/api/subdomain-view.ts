/** @module api/subdomain-view — the API's `SubdomainView` over a subdomain indexer (any runtime's SQL store). */
import { lookupSubdomain, recordView, type SubdomainIndexer } from '../routing/subdomains/index.ts';
import type { SubdomainView } from './view.ts';

export function subdomainView(ix: SubdomainIndexer): SubdomainView {
  return {
    lookup: (fqn) => lookupSubdomain(ix, fqn),
    recordsByTxid: (txid) => ix.recordsByTxid(txid).map(recordView),
    list: (page) => ix.list(page),
    count: () => ix.count(),
    namesOfDomain: (domain) => ix.namesOfDomain(domain),
  };
}
