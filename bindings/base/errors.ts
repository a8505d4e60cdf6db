/**
 * @module base/errors — BaseError: what the base helpers throw. `code` is stable (`E_…`); each layer above
 * maps it to its own error class in a thin wrapper (see `mapBaseError`).
 */
/** The one spelling of a layer error code: E_ then upper case (checked at compile time where a class takes it). */
export type ErrorCode = `E_${string}`;

export type BaseCode =
  | 'E_BAD_HEX'
  | 'E_BAD_ADDRESS'
  | 'E_BAD_PRIVATE_KEY'
  | 'E_BAD_PUBLIC_KEY'
  | 'E_BAD_JWT'
  | 'E_DECRYPT_FAILED'
  | 'E_BAD_NAME';

export class BaseError extends Error {
  readonly code: BaseCode;
  constructor(code: BaseCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BaseError';
    this.code = code;
  }
}

/** Run `fn`; a BaseError it throws becomes `wrap(error)` (a layer's own error class); others pass through. */
export function mapBaseError<T>(fn: () => T, wrap: (e: BaseError) => Error): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BaseError) throw wrap(e);
    throw e;
  }
}
