/**
 * @module storage/errors — the storage layer's one error class. `code` is stable (snake_case) and is what
 * callers branch on; `status` carries the HTTP status when the error came from (or is meant for) a hub.
 */
import { mapBaseError, type BaseError, type BaseCode } from '../base/errors.ts';
export class StorageError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly details?: unknown;
  constructor(code: string, message: string, opts: { status?: number; details?: unknown; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'StorageError';
    this.code = code;
    this.status = opts.status;
    this.details = opts.details;
  }
}

/** Stable client-side codes for hub statuses (same spelling as @stacks/storage's error codes). */
export const CODE_BY_STATUS: Record<number, string> = {
  401: 'validation_error',
  402: 'not_enough_proof',
  403: 'bad_path',
  404: 'does_not_exist',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
};

const BASE_CODE: Record<BaseCode, string> = {
  E_BAD_HEX: 'bad_hex',
  E_BAD_ADDRESS: 'bad_address',
  E_BAD_PRIVATE_KEY: 'bad_private_key',
  E_BAD_PUBLIC_KEY: 'bad_public_key',
  E_BAD_JWT: 'bad_jwt',
  E_DECRYPT_FAILED: 'failed_decryption',
  E_BAD_NAME: 'bad_name',
};

/** The storage layer's view of a base error (same message, storage's code). */
export const fromBaseError = (e: BaseError): StorageError => new StorageError(BASE_CODE[e.code], e.message, { cause: e });
/** Run a base helper, reporting its errors as StorageError. */
export const storageCall = <T>(fn: () => T): T => mapBaseError(fn, fromBaseError);
