/**
 * @module storage/crypto/jwt — ES256K JWTs byte-identical to jsontokens' TokenSigner (spec §2): header text
 * `{"typ":"JWT","alg":"ES256K"}`, payload in insertion order, RFC6979 signature over SHA-256 of the signing
 * input, r||s base64url, and NO low-S normalisation on sign. Verification is non-strict (high-S passes).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { StorageError } from '../errors.ts';
import { decodePrivateKey, decodePublicKey } from './keys.ts';
import { verifyDigest } from './verify.ts';

export const JWT_HEADER_JSON = '{"typ":"JWT","alg":"ES256K"}';
const HEADER_B64 = b64url(utf8ToBytes(JWT_HEADER_JSON));

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: string;
  signingInput: string;
}

function b64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

function b64urlDecode(s: string): Uint8Array {
  // jsontokens (base64url package) tolerates padding; strip it before the strict decoder.
  return base64urlnopad.decode(s.replace(/=+$/, ''));
}

/** Sign a payload exactly as jsontokens TokenSigner('ES256K', key).sign(payload) does. */
export function signJwt(payload: Record<string, unknown>, privateKeyHex: string): string {
  const signingInput = `${HEADER_B64}.${b64url(utf8ToBytes(JSON.stringify(payload)))}`;
  const digest = sha256(utf8ToBytes(signingInput));
  const sig = secp256k1.sign(digest, decodePrivateKey(privateKeyHex), { prehash: false, lowS: false, format: 'compact' });
  return `${signingInput}.${b64url(sig)}`;
}

/** Decode without verifying (as jsontokens decodeToken); throws StorageError('bad_jwt'). */
export function decodeJwt(token: string): DecodedJwt {
  if (typeof token !== 'string') throw new StorageError('bad_jwt', 'token must be a string');
  const parts = token.split('.');
  if (parts.length !== 3) throw new StorageError('bad_jwt', 'token must have three parts');
  try {
    const dec = new TextDecoder('utf-8', { fatal: true });
    const header = JSON.parse(dec.decode(b64urlDecode(parts[0])));
    const payload = JSON.parse(dec.decode(b64urlDecode(parts[1])));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new Error('header and payload must be JSON objects');
    }
    return { header, payload, signature: parts[2], signingInput: `${parts[0]}.${parts[1]}` };
  } catch (e) {
    throw new StorageError('bad_jwt', `malformed JWT: ${(e as Error).message}`, { cause: e });
  }
}

/** True when `token` is an ES256K JWT signed by `publicKeyHex` (compressed or not); false on any defect. */
export function verifyJwt(token: string, publicKeyHex: string): boolean {
  let decoded: DecodedJwt;
  let pub: Uint8Array;
  let sig: Uint8Array;
  try {
    decoded = decodeJwt(token);
    pub = decodePublicKey(publicKeyHex);
    sig = b64urlDecode(decoded.signature);
  } catch {
    return false;
  }
  if (String(decoded.header.alg).toUpperCase() !== 'ES256K' || sig.length !== 64) return false;
  return verifyDigest(sha256(utf8ToBytes(decoded.signingInput)), sig, pub, 'compact');
}
