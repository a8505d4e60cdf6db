/**
 * @module base/sign — signECDSA / verifyECDSA of @stacks/encryption (spec §6): DER hex signature
 * over SHA-256 of the content (UTF-8 for strings), RFC6979 with low-S on sign, non-strict on verify. Also the
 * v0 hub token's signature form.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '../core/hash.ts';
import { toHex as bytesToHex, fromHex as hexToBytes, toBytes } from './bytes.ts';
import { decodePrivateKey, publicKeyFromPrivate, warmCurve } from './keys.ts';
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

/**
 * Non-strict DER verification; false for any malformed key or signature. The key bytes go to the verifier as
 * given (33 or 65 bytes): the WASM core parses and checks the point itself, so the key is not decompressed
 * twice (a noble `Point.fromHex` here cost a square root per call).
 */
export function verifyECDSA(content: string | Uint8Array, publicKeyHex: string, signatureDerHex: string): boolean {
  try {
    if (typeof publicKeyHex !== 'string' || (publicKeyHex.length !== 66 && publicKeyHex.length !== 130)) return false;
    return verifyDigest(sha256(toBytes(content)), hexToBytes(signatureDerHex), hexToBytes(publicKeyHex), 'der');
  } catch {
    return false;
  }
}
