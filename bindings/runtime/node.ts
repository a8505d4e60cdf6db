/** @module runtime/node — the package entry for Node (the core compiles synchronously at first use). */
export * from '../index.ts';
export * as virtualchainNode from '../virtualchain/stores.ts';
export * as crawl from '../crawl/index.ts';
export * as hubNode from './hub-node.ts';
export * as pubsub from '../pubsub/node.ts';
