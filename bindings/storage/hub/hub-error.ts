/**
 * @module storage/hub/hub-error — Gaia's error names → our E_ code (its HTTP status from base/http-status.ts)
 * and Gaia's JSON error body (spec §3):
 * `{"message","error"}`, 412 adds `etag`, 500 is only `{"message":"Server Error"}`.
 */
import { StorageError } from '../errors.ts';
import { statusOf } from '../../base/http-status.ts';

export type HubErrorName =
  | 'ValidationError' | 'AuthTokenTimestampValidationError' | 'NotEnoughProofError' | 'BadPathError'
  | 'DoesNotExist' | 'ConflictError' | 'PreconditionFailedError' | 'PayloadTooLargeError' | 'InvalidInputError';


export function hubError(name: HubErrorName, message: string, extra: { etag?: string; bare?: boolean } = {}): StorageError {
  // the code is ours (E_ + the Gaia name in upper snake case, e.g. E_DOES_NOT_EXIST); the body keeps Gaia's name
  const code = 'E_' + name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return new StorageError(code, message, { status: statusOf(code, 500), details: { error: name, ...extra } });
}

/** Status and JSON body for any thrown value (unknown errors → 500 "Server Error"). */
export function errorResponse(e: unknown): { status: number; body: Record<string, unknown> } {
  if (e instanceof StorageError && e.status && e.details && typeof e.details === 'object') {
    const d = e.details as { error?: string; etag?: string; bare?: boolean };
    if (d.bare) return { status: e.status, body: { message: e.message } };
    const body: Record<string, unknown> = { message: e.message, error: d.error };
    if (e.status === 412 && d.etag !== undefined) body.etag = d.etag;
    return { status: e.status, body };
  }
  return { status: 500, body: { message: 'Server Error' } };
}
