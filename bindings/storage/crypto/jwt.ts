/**
 * @module storage/crypto/jwt — ES256K JWTs (spec §2) as the storage layer reports them: bindings/base/jwt.ts
 * with BaseError turned into StorageError('E_BAD_JWT' / 'E_BAD_PRIVATE_KEY').
 */
import * as base from '../../base/index.ts';
import { storageCall } from '../errors.ts';

export { JWT_HEADER_JSON, verifyJwt, type DecodedJwt } from '../../base/index.ts';

/** Sign a payload exactly as jsontokens TokenSigner('ES256K', key).sign(payload) does. */
export const signJwt = (payload: Record<string, unknown>, privateKeyHex: string): string => storageCall(() => base.signJwt(payload, privateKeyHex));
/** Decode without verifying (as jsontokens decodeToken); throws StorageError('E_BAD_JWT'). */
export const decodeJwt = (token: string): base.DecodedJwt => storageCall(() => base.decodeJwt(token));
