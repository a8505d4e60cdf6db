/**
 * @module core/errors — CoreError. The code table is generated from core-as/errors.ts (error-codes.ts, by
 * scripts/gen-core-errors.mjs at build time), so host and core cannot drift.
 */
import { CORE_CODES, CORE_REASONS } from './error-codes.ts';

export { CORE_CODES } from './error-codes.ts';

const REASONS: Record<string, string> = { ...CORE_REASONS, E_CORE_TRAP: 'the core trapped (a bug in the core)', E_ABI: 'core.wasm built for another ABI version' };

/** An error reported by the WASM core: `code` is stable, `offset` is the input byte where it was found. */
export class CoreError extends Error {
  readonly code: string;
  readonly offset: number;
  constructor(code: string, offset = -1, what = 'core') {
    super(`${what}: ${REASONS[code] ?? code}${offset >= 0 ? ` at offset ${offset}` : ''} (${code})`);
    this.name = 'CoreError';
    this.code = code;
    this.offset = offset;
  }
  static fromCode(rc: number, offset: number, what?: string): CoreError {
    return new CoreError(CORE_CODES[rc] ?? `E_UNKNOWN_${-rc}`, offset, what);
  }
}
