/**
 * @module resolver/token — verifies a profile token (a JWT signed ES256K, as `@stacks/profile`
 * `signProfileToken` / jsontokens write it): the issuer public key must belong to the name's owner address
 * (P2PKH of hash160(pubkey), base58 from a v1 node or c32 from a Stacks API) and the signature over
 * `header.payload` must verify.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { verifyDigestSignature } from '../routing/subdomains/ecdsa.ts';
import { decodeAddress, hash160 } from '../routing/subdomains/address.ts';
import { c32address } from '../api/c32.ts';
import { ResolverError } from './errors.ts';

/** Stacks c32 P2PKH versions: mainnet `SP…` (22), testnet `ST…` (26). */
const C32_P2PKH = [22, 26];

/** Does public key `pk` (hex `pkHex`) own `address`? Base58 P2PKH (v1 API), c32 P2PKH (Stacks API), or the key itself. */
export function verifyKeyOwnsAddress(pk: Uint8Array, pkHex: string, address: string): boolean {
  if (pkHex === address) return true;
  const h = hash160(pk);
  if (address.startsWith('S')) return C32_P2PKH.some((v) => c32address(v, h) === address);
  const addr = decodeAddress(address);
  return !!addr && (addr.version === 0x00 || addr.version === 0x6f) && addr.hash.every((x, i) => x === h[i]);
}

export interface ProfileTokenPayload {
  jti?: string; iat?: string; exp?: string;
  subject?: { publicKey?: string }; issuer?: { publicKey?: string };
  claim?: Record<string, unknown>;
  [k: string]: unknown;
}

function b64url(s: string): Uint8Array {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b + '='.repeat((4 - (b.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
const fromHex = (h: string): Uint8Array | null =>
  /^([0-9a-f]{2})+$/i.test(h) ? new Uint8Array(h.match(/../g)!.map((x) => parseInt(x, 16))) : null;

export function decodeProfileToken(token: string): { header: Record<string, unknown>; payload: ProfileTokenPayload; signingInput: string; sig: Uint8Array } {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new ResolverError('PROFILE_MALFORMED', 'profile token is not a compact JWT');
  try {
    const header = JSON.parse(new TextDecoder().decode(b64url(parts[0])));
    const payload = JSON.parse(new TextDecoder().decode(b64url(parts[1])));
    if (!payload || typeof payload !== 'object') throw new Error('payload');
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, sig: b64url(parts[2]) };
  } catch {
    throw new ResolverError('PROFILE_MALFORMED', 'profile token header or payload is not base64url JSON');
  }
}

/** Verify `token` was signed by the key of `ownerAddress`; returns its payload. */
export function verifyProfileToken(token: string, ownerAddress: string): ProfileTokenPayload {
  const { header, payload, signingInput, sig } = decodeProfileToken(token);
  if (header.alg !== 'ES256K') throw new ResolverError('PROFILE_MALFORMED', `unsupported token algorithm ${String(header.alg)}`);
  if (!payload.claim || typeof payload.claim !== 'object') throw new ResolverError('PROFILE_MALFORMED', "token doesn't have a claim");
  const pkHex = payload.issuer?.publicKey;
  const pk = typeof pkHex === 'string' ? fromHex(pkHex) : null;
  if (!pk) throw new ResolverError('PROFILE_MALFORMED', "token doesn't have an issuer public key");
  if (!verifyKeyOwnsAddress(pk, pkHex as string, ownerAddress)) {
    throw new ResolverError('PROFILE_SIGNER_MISMATCH', `profile signed by ${pkHex}, which is not the owner ${ownerAddress}`);
  }
  if (!verifyDigestSignature(sig, sha256(new TextEncoder().encode(signingInput)), pk)) {
    throw new ResolverError('PROFILE_BAD_SIGNATURE', 'profile token signature does not verify');
  }
  return payload;
}
