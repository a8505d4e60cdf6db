/**
 * @module base/jwt — ES256K JWTs byte-identical to jsontokens 4 TokenSigner (spec storage-auth §2): header
 * text `{"typ":"JWT","alg":"ES256K"}`, payload JSON.stringify'd in insertion order (`undefined` claims
 * dropped), RFC6979 signature over SHA-256 of the signing input, r‖s base64url, and NO low-S normalisation
 * on sign. Verification is non-strict (high and low S, compressed or uncompressed keys) and runs through the
 * core (base/ecdsa.ts). The one implementation: auth, storage and the resolver wrap it.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64urlnopad } from '@scure/base';
import { sha256 } from '../core/hash.ts';
import { utf8, toHex } from './bytes.ts';
import { BaseError } from './errors.ts';
import { decodePrivateKey, decodePublicKey, warmCurve } from './keys.ts';
import { verifyDigest } from './ecdsa.ts';

export const JWT_HEADER_JSON = '{"typ":"JWT","alg":"ES256K"}';
const b64url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
const HEADER_B64 = b64url(utf8(JWT_HEADER_JSON));

/** base64url decode; jsontokens (the base64url package) tolerates padding, so it is stripped first. */
export function b64urlDecode(s: string): Uint8Array {
  return base64urlnopad.decode(s.replace(/=+$/, ''));
}

export interface DecodedJwt<P = Record<string, unknown>> {
  header: { typ?: string; alg?: string; [k: string]: unknown };
  payload: P;
  /** the signature part, base64url as in the token */
  signature: string;
  /** `header.payload` as in the token: what the signature covers */
  signingInput: string;
}

/** Sign a payload exactly as jsontokens TokenSigner('ES256K', key).sign(payload) does. */
export function signJwt(payload: object, privateKeyHex: string): string {
  warmCurve();
  const signingInput = `${HEADER_B64}.${b64url(utf8(JSON.stringify(payload)))}`;
  const sig = secp256k1.sign(sha256(utf8(signingInput)), decodePrivateKey(privateKeyHex), { prehash: false, lowS: false, format: 'compact' });
  return `${signingInput}.${b64url(sig)}`;
}

const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true });

/** Decode without verifying (as jsontokens decodeToken); throws BaseError E_BAD_JWT. */
export function decodeJwt<P = Record<string, unknown>>(token: string): DecodedJwt<P> {
  if (typeof token !== 'string') throw new BaseError('E_BAD_JWT', 'token must be a string');
  const parts = token.split('.');
  if (parts.length !== 3) throw new BaseError('E_BAD_JWT', 'token must have three dot-separated parts');
  try {
    const dec = UTF8_FATAL;
    const header = JSON.parse(dec.decode(b64urlDecode(parts[0])));
    const payload = JSON.parse(dec.decode(b64urlDecode(parts[1])));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new Error('header and payload must be JSON objects');
    }
    return { header, payload, signature: parts[2], signingInput: `${parts[0]}.${parts[1]}` };
  } catch (e) {
    throw new BaseError('E_BAD_JWT', `malformed JWT: ${(e as Error).message}`, { cause: e });
  }
}

/** Does the 64-byte r‖s signature of a decoded token verify under `pubkey` (bytes)? */
export function verifyDecodedJwt(decoded: DecodedJwt<unknown>, pubkey: Uint8Array): boolean {
  if (String(decoded.header.alg).toUpperCase() !== 'ES256K') return false;
  let sig: Uint8Array;
  try {
    sig = b64urlDecode(decoded.signature);
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  return verifyDigest(sha256(utf8(decoded.signingInput)), sig, pubkey, 'compact');
}

/** True when `token` is an ES256K JWT signed by `publicKeyHex` (compressed or not); false on any defect. */
export function verifyJwt(token: string, publicKeyHex: string): boolean {
  try {
    return verifyDecodedJwt(decodeJwt(token), decodePublicKey(publicKeyHex));
  } catch {
    return false;
  }
}

/** r and s (hex) of a token's signature, for vector checks. */
export function signatureParts(token: string): { r: string; s: string } {
  const sig = b64urlDecode(token.split('.')[2] ?? '');
  return { r: toHex(sig.subarray(0, 32)), s: toHex(sig.subarray(32)) };
}
