/**
 * @module auth/errors — the one error class of the auth layer (authRequest/authResponse, app keys,
 * profiles, key discovery, wallet). `code` is stable; `status` is the HTTP status the auth routes answer.
 */
import { mapBaseError, type BaseCode } from '../base/errors.ts';
import { statusOf } from '../base/http-status.ts';
export type AuthErrorCode =
  | 'E_AUTH_REQUEST_MISSING'
  | 'E_AUTH_REQUEST_MALFORMED'
  | 'E_AUTH_REQUEST_BAD_SIGNATURE'
  | 'E_AUTH_REQUEST_BAD_ISSUER'
  | 'E_AUTH_REQUEST_EXPIRED'
  | 'E_AUTH_REQUEST_NOT_YET_VALID'
  | 'E_AUTH_REQUEST_DOMAIN_MISMATCH'
  | 'E_AUTH_REQUEST_BAD_REDIRECT'
  | 'E_AUTH_REQUEST_BAD_SCOPE'
  | 'E_UNKNOWN_NAME'
  | 'E_CONSENT_REQUIRED'
  | 'E_CONSENT_DENIED'
  | 'E_NOT_LOOPBACK'
  | 'E_BAD_KEY'
  | 'E_BAD_TOKEN'
  | 'E_DECRYPT_FAILED'
  | 'E_PROFILE_INVALID'
  | 'E_PROFILE_NOT_FOUND'
  | 'E_PROFILE_SIGNER_MISMATCH'
  | 'E_APP_NOT_FOUND'
  | 'E_LOOKUP_FAILED'
  | 'E_HUB_ERROR'
  | 'E_WALLET_MISSING'
  | 'E_WALLET_EXISTS'
  | 'E_WALLET_BAD_PASSWORD'
  | 'E_WALLET_CORRUPT'
  | 'E_BAD_MNEMONIC'
  | 'E_BAD_ARGUMENT'
  | 'E_INTERNAL';


export class AuthError extends Error {
  readonly code: AuthErrorCode;
  readonly status: number;
  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.status = statusOf(code, 400);
  }
}

const BASE_CODE: Record<BaseCode, AuthErrorCode> = {
  E_BAD_HEX: 'E_BAD_ARGUMENT',
  E_BAD_ADDRESS: 'E_BAD_ARGUMENT',
  E_BAD_PRIVATE_KEY: 'E_BAD_KEY',
  E_BAD_PUBLIC_KEY: 'E_BAD_KEY',
  E_BAD_JWT: 'E_BAD_TOKEN',
  E_DECRYPT_FAILED: 'E_DECRYPT_FAILED',
  E_BAD_NAME: 'E_BAD_ARGUMENT',
};

/** Run a base helper, reporting its errors as AuthError (same message, auth's code). */
export const authCall = <T>(fn: () => T): T => mapBaseError(fn, (e) => new AuthError(BASE_CODE[e.code], e.message));
