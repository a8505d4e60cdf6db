/** @module resolver/errors — ResolverError: every rejection of the resolver, with a stable `code` and a clear reason. */
export type ResolverCode =
  | 'INVALID_NAME' | 'NAME_NOT_FOUND' | 'NAME_REVOKED' | 'API_ERROR'
  | 'ZONEFILE_MISSING' | 'ZONEFILE_HASH_MISMATCH' | 'ZONEFILE_TOO_LARGE' | 'ZONEFILE_NON_STANDARD'
  | 'NO_PROFILE_URL' | 'PROFILE_FETCH_FAILED' | 'PROFILE_MALFORMED' | 'PROFILE_SIGNER_MISMATCH'
  | 'PROFILE_BAD_SIGNATURE' | 'STALE_PROFILE';

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
