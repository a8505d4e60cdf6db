/**
 * @module auth/jwt — ES256K JWTs exactly as jsontokens 4 makes them (spec storage-auth §2):
 * header `{"typ":"JWT","alg":"ES256K"}`, base64url (no padding) of JSON.stringify(payload),
 * RFC6979 ECDSA over SHA-256 of the signing input, r||s with **no low-S normalisation**;
 * verification accepts high and low S and compressed or uncompressed keys (through the WASM core's verifier).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64urlnopad } from '@scure/base';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { decodePrivateKey, warmCurve } from './keys.ts';
import { AuthError } from './errors.ts';
import { verifyDigest } from '../storage/crypto/verify.ts';
import { sha256 } from '../core/hash.ts';

const HEADER_B64 = b64url(new TextEncoder().encode('{"typ":"JWT","alg":"ES256K"}'));

function b64url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes);
}

export interface DecodedToken<P = Record<string, unknown>> {
  header: { typ?: string; alg?: string; [k: string]: unknown };
  payload: P;
  signature: string;
}

/** Sign a payload (insertion order kept; `undefined` claims dropped, `null` kept). */
export function signJWT(payload: object, privateKeyHex: string): string {
  warmCurve();
  const input = `${HEADER_B64}.${b64url(new TextEncoder().encode(JSON.stringify(payload)))}`;
  const sig = secp256k1.sign(new TextEncoder().encode(input), decodePrivateKey(privateKeyHex), {
    prehash: true,
    lowS: false,
  });
  return `${input}.${b64url(sig)}`;
}

/** Decode without verifying (as jsontokens decodeToken). Throws AuthError bad-token. */
export function decodeJWT<P = Record<string, unknown>>(token: string): DecodedToken<P> {
  if (typeof token !== 'string') throw new AuthError('bad-token', 'token must be a string');
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthError('bad-token', 'token must have three dot-separated parts');
  try {
    const dec = (s: string) => JSON.parse(new TextDecoder().decode(base64urlnopad.decode(s)));
    const header = dec(parts[0]);
    const payload = dec(parts[1]);
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') throw new Error('not objects');
    return { header, payload, signature: parts[2] };
  } catch {
    throw new AuthError('bad-token', 'token header or payload is not base64url JSON');
  }
}

/** True when `token` is an ES256K JWT signed by `publicKeyHex`; false on any malformed or wrong signature. */
export function verifyJWT(token: string, publicKeyHex: string): boolean {
  try {
    const parts = token.split('.');
    if (parts.length !== 3) return false;
    const header = JSON.parse(new TextDecoder().decode(base64urlnopad.decode(parts[0])));
    if (String(header?.alg).toUpperCase() !== 'ES256K') return false;
    const sig = base64urlnopad.decode(parts[2]);
    if (sig.length !== 64) return false;
    // the project's one verifier (storage/crypto/verify.ts): the WASM core, high and low S accepted
    return verifyDigest(sha256(new TextEncoder().encode(`${parts[0]}.${parts[1]}`)), sig, hexToBytes(publicKeyHex), 'compact');
  } catch {
    return false;
  }
}

/** r and s (hex) of a token's signature, for vector checks. */
export function signatureParts(token: string): { r: string; s: string } {
  const sig = base64urlnopad.decode(token.split('.')[2] ?? '');
  return { r: bytesToHex(sig.subarray(0, 32)), s: bytesToHex(sig.subarray(32)) };
}
