/**
 * @module base/sign — signECDSA / verifyECDSA of @stacks/encryption (spec §6): DER hex signature
 * over SHA-256 of the content (UTF-8 for strings), RFC6979 with low-S on sign, non-strict on verify. Also the
 * v0 hub token's signature form.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '../core/hash.ts';
import { toHex as bytesToHex, fromHex as hexToBytes, toBytes } from './bytes.ts';
import { decodePrivateKey, decodePublicKey, publicKeyFromPrivate, warmCurve } from './keys.ts';
import { verifyDigest } from './ecdsa.ts';

export interface SignatureObject {
  signature: string;
  publicKey: string;
}

export function signECDSA(privateKeyHex: string, content: string | Uint8Array): SignatureObject {
  warmCurve();
  const digest = sha256(toBytes(content));
  const der = secp256k1.sign(digest, decodePrivateKey(privateKeyHex), { prehash: false, lowS: true, format: 'der' });
  return { signature: bytesToHex(der), publicKey: publicKeyFromPrivate(privateKeyHex) };
}

/** Non-strict DER verification; false for any malformed key or signature. */
export function verifyECDSA(content: string | Uint8Array, publicKeyHex: string, signatureDerHex: string): boolean {
  try {
    return verifyDigest(sha256(toBytes(content)), hexToBytes(signatureDerHex), decodePublicKey(publicKeyHex), 'der');
  } catch {
    return false;
  }
}
