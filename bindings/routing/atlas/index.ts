/** @module routing/atlas — Atlas zone-file replication (naming.md §2). */
export { AtlasNode, type AtlasChainView, type AtlasNodeOptions, type ZoneFileListener } from './atlas-node.ts';
export { Inventory, encodeBits, getBit, countMissing, MAX_INVENTORY_REQUEST, type SlotInfo } from './inventory.ts';
export { PeerTable, type Peer } from './peers.ts';
export { AtlasClient, TIMEOUTS_MS } from './client.ts';
export { Crawler, type CrawlStats } from './crawler.ts';
export { createAtlasHandler, serveAtlas, MAX_REQUEST_BYTES, type RunningServer } from './server.ts';
export { dispatchAtlas } from './rpc-methods.ts';
export * as xmlrpc from './xmlrpc.ts';
