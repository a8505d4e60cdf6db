/**
 * @module auth/errors — the one error class of the auth layer (authRequest/authResponse, app keys,
 * profiles, key discovery, wallet). `code` is stable; `status` is the HTTP status the auth routes answer.
 */
import { mapBaseError, type BaseCode } from '../base/errors.ts';
import { statusOf } from '../base/http-status.ts';
export type AuthErrorCode =
  | 'auth-request-missing'
  | 'auth-request-malformed'
  | 'auth-request-bad-signature'
  | 'auth-request-bad-issuer'
  | 'auth-request-expired'
  | 'auth-request-not-yet-valid'
  | 'auth-request-domain-mismatch'
  | 'auth-request-bad-redirect'
  | 'auth-request-bad-scope'
  | 'unknown-name'
  | 'consent-required'
  | 'consent-denied'
  | 'not-loopback'
  | 'bad-key'
  | 'bad-token'
  | 'decrypt-failed'
  | 'profile-invalid'
  | 'profile-not-found'
  | 'profile-signer-mismatch'
  | 'app-not-found'
  | 'lookup-failed'
  | 'hub-error'
  | 'wallet-missing'
  | 'wallet-exists'
  | 'wallet-bad-password'
  | 'wallet-corrupt'
  | 'bad-mnemonic'
  | 'bad-argument'
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
  E_BAD_HEX: 'bad-argument',
  E_BAD_ADDRESS: 'bad-argument',
  E_BAD_PRIVATE_KEY: 'bad-key',
  E_BAD_PUBLIC_KEY: 'bad-key',
  E_BAD_JWT: 'bad-token',
  E_DECRYPT_FAILED: 'decrypt-failed',
  E_BAD_NAME: 'bad-argument',
};

/** Run a base helper, reporting its errors as AuthError (same message, auth's code). */
export const authCall = <T>(fn: () => T): T => mapBaseError(fn, (e) => new AuthError(BASE_CODE[e.code], e.message));
