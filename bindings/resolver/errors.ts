/** @module resolver/errors — ResolverError: every rejection of the resolver, with a stable `code` and a clear reason. */
export type ResolverCode =
  | 'E_INVALID_NAME' | 'E_NAME_NOT_FOUND' | 'E_NAME_REVOKED' | 'E_API_ERROR'
  | 'E_ZONEFILE_MISSING' | 'E_ZONEFILE_HASH_MISMATCH' | 'E_ZONEFILE_TOO_LARGE' | 'E_ZONEFILE_NON_STANDARD'
  | 'E_NO_PROFILE_URL' | 'E_PROFILE_FETCH_FAILED' | 'E_PROFILE_MALFORMED' | 'E_PROFILE_SIGNER_MISMATCH'
  | 'E_PROFILE_BAD_SIGNATURE' | 'E_STALE_PROFILE';

export class ResolverError extends Error {
  readonly code: ResolverCode;
  readonly detail?: unknown;
  constructor(code: ResolverCode, message: string, detail?: unknown) {
    super(`${message} (${code})`);
    this.name = 'ResolverError';
    this.code = code;
    this.detail = detail;
  }
}
