/** @module routing/subdomains — subdomain records, signatures, chain-order indexing and queries (naming.md §3). */
export { decodeDomainZoneFile, decodeSubdomainTxt, type SubdomainRecord, type DomainZoneFileInfo } from './record.ts';
export { subdomainPlaintext, checkSubdomainSignature, verifySubdomainSignature } from './signature.ts';
export { SubdomainIndexer, type DomainZoneFileEvent, type StoredRecord } from './indexer.ts';
export { recordView, lookupSubdomain, type NameLookup } from './api-shapes.ts';
export { decodeHashAddress as decodeAddress, base58checkEncode as encodeAddress, isHashAddress as verifyAddressSyntax } from '../../base/index.ts';
export { connectSubdomains, SUBDOMAINS_FIRST_BLOCK_MAINNET } from './connect.ts';
