/**
 * @module resolver/token — verifies a profile token (a JWT signed ES256K, as `@stacks/profile`
 * `signProfileToken` / jsontokens write it): the issuer public key must belong to the name's owner address
 * (P2PKH of hash160(pubkey), base58 from a v1 node or c32 from a Stacks API) and the signature over
 * `header.payload` must verify.
 */
import { decodeJwt, verifyDecodedJwt, keyOwnsAddress, fromHex, isHex, BaseError } from '../base/index.ts';
import { ResolverError } from './errors.ts';


export interface ProfileTokenPayload {
  jti?: string; iat?: string; exp?: string;
  subject?: { publicKey?: string }; issuer?: { publicKey?: string };
  claim?: Record<string, unknown>;
  [k: string]: unknown;
}

export function decodeProfileToken(token: string): { header: Record<string, unknown>; payload: ProfileTokenPayload; signingInput: string; signature: string } {
  try {
    return decodeJwt<ProfileTokenPayload>(token);
  } catch (e) {
    if (e instanceof BaseError) throw new ResolverError('E_PROFILE_MALFORMED', `profile token: ${e.message}`);
    throw e;
  }
}

/** Verify `token` was signed by the key of `ownerAddress`; returns its payload. */
export function verifyProfileToken(token: string, ownerAddress: string): ProfileTokenPayload {
  const decoded = decodeProfileToken(token);
  const { header, payload } = decoded;
  if (header.alg !== 'ES256K') throw new ResolverError('E_PROFILE_MALFORMED', `unsupported token algorithm ${String(header.alg)}`);
  if (!payload.claim || typeof payload.claim !== 'object') throw new ResolverError('E_PROFILE_MALFORMED', "token doesn't have a claim");
  const pkHex = payload.issuer?.publicKey;
  const pk = typeof pkHex === 'string' && pkHex.length > 0 && isHex(pkHex) ? fromHex(pkHex) : null;
  if (!pk) throw new ResolverError('E_PROFILE_MALFORMED', "token doesn't have an issuer public key");
  if (!keyOwnsAddress(pk, pkHex as string, ownerAddress)) {
    throw new ResolverError('E_PROFILE_SIGNER_MISMATCH', `profile signed by ${pkHex}, which is not the owner ${ownerAddress}`);
  }
  if (!verifyDecodedJwt(decoded, pk)) {
    throw new ResolverError('E_PROFILE_BAD_SIGNATURE', 'profile token signature does not verify');
  }
  return payload;
}
