/**
 * @module storage/crypto/keys — secp256k1 key forms and Bitcoin P2PKH addresses as Gaia uses them (§1):
 * the bucket address is base58check(0x00 || RIPEMD160(SHA256(compressed pubkey))), whatever form the key
 * arrived in. Secret-key math uses @noble/curves.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { bytesToHex, hexToBytes, utf8ToBytes, concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { createBase58check } from '@scure/base';
import { StorageError } from '../errors.ts';

export { bytesToHex, hexToBytes, utf8ToBytes, concatBytes, randomBytes };

const b58check = createBase58check(sha256);
const HEX = /^[0-9a-fA-F]*$/;

/** 32-byte private key from hex; a 33-byte form ending in 01 ("compressed" marker) is accepted. */
export function decodePrivateKey(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX.test(hex) || (hex.length !== 64 && !(hex.length === 66 && hex.endsWith('01')))) {
    throw new StorageError('bad_private_key', 'private key must be 32 bytes hex (optionally followed by 01)');
  }
  const key = hexToBytes(hex.slice(0, 64));
  if (!secp256k1.utils.isValidSecretKey(key)) throw new StorageError('bad_private_key', 'private key out of range');
  return key;
}

/** Compressed public key hex of a private key (what the clients always serialise). */
export function publicKeyFromPrivate(privateKeyHex: string): string {
  return bytesToHex(secp256k1.getPublicKey(decodePrivateKey(privateKeyHex), true));
}

/** Parse a 33- or 65-byte public key hex; throws StorageError('bad_public_key'). */
export function decodePublicKey(hex: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX.test(hex) || (hex.length !== 66 && hex.length !== 130)) {
    throw new StorageError('bad_public_key', 'public key must be 33 or 65 bytes hex');
  }
  try {
    return secp256k1.Point.fromHex(hex.toLowerCase()).toBytes(hex.length === 66);
  } catch (e) {
    throw new StorageError('bad_public_key', 'public key is not on secp256k1', { cause: e });
  }
}

export function compressPublicKey(hex: string): string {
  decodePublicKey(hex);
  return secp256k1.Point.fromHex(hex.toLowerCase()).toHex(true);
}

export function hash160(bytes: Uint8Array): Uint8Array {
  return ripemd160(sha256(bytes));
}

/** Mainnet P2PKH address of a public key's hash160. */
export function addressFromHash160(h160: Uint8Array, version = 0x00): string {
  return b58check.encode(concatBytes(Uint8Array.of(version), h160));
}

/** Gaia bucket address: P2PKH of the compressed form of the key (an uncompressed key maps to the same). */
export function addressFromPublicKey(publicKeyHex: string): string {
  return addressFromHash160(hash160(hexToBytes(compressPublicKey(publicKeyHex))));
}

/** Address as computed from the key exactly as given (used only to show the uncompressed case). */
export function addressFromPublicKeyAsIs(publicKeyHex: string, version = 0x00): string {
  return addressFromHash160(hash160(decodePublicKey(publicKeyHex)), version);
}

export function addressFromPrivateKey(privateKeyHex: string): string {
  return addressFromPublicKey(publicKeyFromPrivate(privateKeyHex));
}

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}
