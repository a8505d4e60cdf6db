/** @module chain/errors — the one error class of the chain layer (sources, devnet, tx building); codes are `E_…`. */
import type { ErrorCode } from '../base/errors.ts';

export class ChainError extends Error {
  readonly code: ErrorCode;
  readonly exitCode?: number;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ChainError';
    this.code = code;
  }
}
