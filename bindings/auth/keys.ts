/**
 * @module auth/keys — key and address helpers as the auth layer reports them (spec storage-auth §1, §8):
 * thin wrappers over bindings/base (keys, base58check, c32, owner-matches-key) that turn BaseError into
 * AuthError `E_BAD_KEY`, plus DIDs `did:btc-addr:<address>`.
 */
import * as base from '../base/index.ts';
import { authCall } from './errors.ts';

export { toHex as bytesToHex, fromHex as hexToBytes, concat as concatBytes, hash160, warmCurve, ownerMatchesKey } from '../base/index.ts';

/** Parse a private key given as 64 hex chars, or 66 ending in `01` (compressed marker, §1). AuthError E_BAD_KEY. */
export const decodePrivateKey = (hex: string): Uint8Array => authCall(() => base.decodePrivateKey(hex));
/** Compressed public key hex of a private key hex. */
export const publicKeyOf = (privateKeyHex: string): string => authCall(() => base.publicKeyFromPrivate(privateKeyHex));
/** Parse a public key (compressed or uncompressed) and return it compressed; throws AuthError E_BAD_KEY. */
export const compressPublicKey = (publicKeyHex: string): Uint8Array => authCall(() => base.compressedPublicKey(publicKeyHex));
/** P2PKH base58check address of the compressed key (version 0x00 mainnet, 0x6f testnet). */
export const btcAddressOf = (publicKeyHex: string, version = 0x00): string => authCall(() => base.p2pkhAddress(publicKeyHex, version));
/** Stacks c32check address of the compressed key (22 = SP mainnet, 26 = ST testnet). */
export const stacksAddressOf = (publicKeyHex: string, version = 22): string => authCall(() => base.stacksAddress(publicKeyHex, version));

export function makeDID(address: string): string {
  return `did:btc-addr:${address}`;
}

export function addressFromDID(did: unknown): string | undefined {
  if (typeof did !== 'string') return undefined;
  const m = /^did:btc-addr:([1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  return m ? m[1] : undefined;
}
