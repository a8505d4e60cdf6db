/**
 * @module base — encodings and crypto shared by every layer above the core: bytes/hex, hashes (over the
 * core), base58check, c32, bech32, addresses, key forms, ECDSA verification (through the core), ES256K JWTs,
 * ECIES. Imports only `core/` and libraries. Errors are BaseError with `E_…` codes; layers wrap them.
 */
export * from './errors.ts';
export * from './bytes.ts';
export * from './hash.ts';
export * from './base58.ts';
export * from './b40.ts';
export * from './c32.ts';
export * from './bech32.ts';
export * from './keys.ts';
export * from './address.ts';
export * from './ecdsa.ts';
export * from './jwt.ts';
export * from './ecies.ts';
export * from './sign.ts';
