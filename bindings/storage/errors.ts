/**
 * @module storage/errors — the storage layer's one error class. `code` is stable (`E_…`) and is what
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

/** Stable client-side codes for hub statuses (@stacks/storage names them the same, in snake_case without E_). */
export const CODE_BY_STATUS: Record<number, string> = {
  401: 'E_VALIDATION_ERROR',
  402: 'E_NOT_ENOUGH_PROOF',
  403: 'E_BAD_PATH',
  404: 'E_DOES_NOT_EXIST',
  409: 'E_CONFLICT',
  412: 'E_PRECONDITION_FAILED',
  413: 'E_PAYLOAD_TOO_LARGE',
};

const BASE_CODE: Record<BaseCode, string> = {
  E_BAD_HEX: 'E_BAD_HEX',
  E_BAD_ADDRESS: 'E_BAD_ADDRESS',
  E_BAD_PRIVATE_KEY: 'E_BAD_PRIVATE_KEY',
  E_BAD_PUBLIC_KEY: 'E_BAD_PUBLIC_KEY',
  E_BAD_JWT: 'E_BAD_JWT',
  E_DECRYPT_FAILED: 'E_FAILED_DECRYPTION',
  E_BAD_NAME: 'E_BAD_NAME',
};

/** The storage layer's view of a base error (same message, storage's code). */
export const fromBaseError = (e: BaseError): StorageError => new StorageError(BASE_CODE[e.code], e.message, { cause: e });
/** Run a base helper, reporting its errors as StorageError. */
export const storageCall = <T>(fn: () => T): T => mapBaseError(fn, fromBaseError);
