/**
 * @module auth/jwt — ES256K JWTs exactly as jsontokens 4 makes them (spec storage-auth §2), as the auth layer
 * reports them: bindings/base/jwt.ts (one implementation; verification through the WASM core) with BaseError
 * turned into AuthError `E_BAD_TOKEN` / `E_BAD_KEY`.
 */
import * as base from '../base/index.ts';
import { authCall } from './errors.ts';

export { verifyJwt as verifyJWT, signatureParts } from '../base/index.ts';
export type DecodedToken<P = Record<string, unknown>> = Omit<base.DecodedJwt<P>, 'signingInput'>;

/** Sign a payload (insertion order kept; `undefined` claims dropped, `null` kept). */
export const signJWT = (payload: object, privateKeyHex: string): string => authCall(() => base.signJwt(payload, privateKeyHex));
/** Decode without verifying (as jsontokens decodeToken). Throws AuthError E_BAD_TOKEN. */
export function decodeJWT<P = Record<string, unknown>>(token: string): DecodedToken<P> {
  const { header, payload, signature } = authCall(() => base.decodeJwt<P>(token));
  return { header, payload, signature }; // the shape jsontokens decodeToken returns (profile files embed it)
}
