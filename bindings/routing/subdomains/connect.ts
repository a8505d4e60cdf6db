/**
 * @module routing/subdomains/connect — feeds zone files stored by Atlas to the subdomain indexer: every slot
 * of the stored hash whose name operation is at or after `fromBlock` (mainnet: 478,872, naming.md §6) is
 * processed as that name's domain zone file, in slot order.
 */
import type { AtlasNode } from '../atlas/atlas-node.ts';
import type { SubdomainIndexer } from './indexer.ts';

export const SUBDOMAINS_FIRST_BLOCK_MAINNET = 478_872;

export function connectSubdomains(atlas: AtlasNode, ix: SubdomainIndexer, opts: { fromBlock?: number } = {}): void {
  const from = opts.fromBlock ?? 0;
  atlas.onZoneFile((hash, bytes, slots) => {
    const text = new TextDecoder().decode(bytes);
    if (!text.includes('TXT') && !text.includes('txt')) return; // no TXT record: nothing to index
    for (const i of slots) {
      const s = atlas.inventory.slot(i);
      if (!s?.name || s.block_height < from) continue;
      ix.processZoneFile({ domain: s.name, zonefile: text, zonefile_hash: hash, parent_zonefile_index: i, txid: s.txid ?? '', block_height: s.block_height });
    }
  });
}
