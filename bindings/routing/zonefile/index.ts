/** @module routing/zonefile — parse, write and hash zone files (naming.md §1). */
export { parseZoneFile } from './parse.ts';
export { makeZoneFile } from './make.ts';
export { zoneFileHash, hash160HexBatch as hash160Batch, toHex, toBytes } from '../../base/index.ts';
export { MAX_ZONEFILE_BYTES, SAFE_ZONEFILE_BYTES, verifyHashSyntax, checkZoneFileSize, assertZoneFileSize } from './limits.ts';
export { classifyZoneFile } from './classify.ts';
export type * from './types.ts';
