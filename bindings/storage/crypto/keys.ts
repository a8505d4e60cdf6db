/**
 * @module storage/crypto/keys — key forms and Gaia bucket addresses (§1), as the storage layer reports them:
 * thin wrappers over bindings/base that turn BaseError into StorageError. The bucket address is
 * base58check(0x00 || RIPEMD160(SHA256(compressed pubkey))), whatever form the key arrived in.
 */
import * as base from '../../base/index.ts';
import { storageCall } from '../errors.ts';

export { toHex as bytesToHex, utf8 as utf8ToBytes, concat as concatBytes, hash160, sha256Hex } from '../../base/index.ts';
export { randomBytes } from '@noble/hashes/utils.js';

export const hexToBytes = (hex: string): Uint8Array => storageCall(() => base.fromHex(hex));
/** 32-byte private key from hex; a 33-byte form ending in 01 is accepted. StorageError('E_BAD_PRIVATE_KEY'). */
export const decodePrivateKey = (hex: string): Uint8Array => storageCall(() => base.decodePrivateKey(hex));
/** Compressed public key hex of a private key (what the clients always serialise). */
export const publicKeyFromPrivate = (privateKeyHex: string): string => storageCall(() => base.publicKeyFromPrivate(privateKeyHex));
/** Parse a 33- or 65-byte public key hex; StorageError('E_BAD_PUBLIC_KEY'). */
export const decodePublicKey = (hex: string): Uint8Array => storageCall(() => base.decodePublicKey(hex));
export const compressPublicKey = (hex: string): string => storageCall(() => base.toHex(base.compressedPublicKey(hex)));
/** Gaia bucket address: P2PKH of the compressed form of the key (an uncompressed key maps to the same). */
export const addressFromPublicKey = (publicKeyHex: string): string => storageCall(() => base.p2pkhAddress(publicKeyHex));
/** Address as computed from the key exactly as given (used only to show the uncompressed case). */
export const addressFromPublicKeyAsIs = (publicKeyHex: string, version = 0x00): string =>
  storageCall(() => base.hashAddress(base.hash160(base.decodePublicKey(publicKeyHex)), version));
export const addressFromPrivateKey = (privateKeyHex: string): string => addressFromPublicKey(publicKeyFromPrivate(privateKeyHex));
