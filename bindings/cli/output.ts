/**
 * @module cli/output — the CLI's one error class and one printer. `CliError.exitCode` is derived from its
 * code (EXIT_CODES below; the only place exit codes are chosen): 2 bad input or usage, 3 the node or a
 * resource is not there, 4 not found / does not match, 1 the operation failed. `out` prints a value as JSON
 * under `--json`, else the human text.
 */
import type { ErrorCode } from '../base/errors.ts';

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  // 2: bad input, flags or usage
  E_BAD_INPUT: 2, E_BAD_KEY: 2, E_BAD_ACCOUNT: 2, E_BAD_ZONEFILE: 2, E_BAD_ARGUMENT: 2, E_BAD_DB: 2, E_BAD_FLAGS: 2, E_BAD_PORT: 2,
  E_BAD_PEERS: 2, E_BAD_NAME: 2, E_BAD_CONFIG: 2, E_BAD_DRIVER: 2, E_BAD_OPTION: 2, E_MISSING_STORAGE: 2, E_MISSING_BUCKET: 2,
  E_BAD_ARG: 2, E_BAD_WORKERS: 2, E_CONFIG_EXISTS: 2, E_NO_PRICE: 2, E_API_ERROR: 2, E_NO_SUCH_FILE: 2, E_ZONEFILE_TOO_LARGE: 2, E_ZONEFILE_NOT_ANNOUNCED: 2,
  E_AUTH_REQUEST_MISSING: 2, E_AUTH_REQUEST_MALFORMED: 2, E_AUTH_REQUEST_BAD_SIGNATURE: 2, E_AUTH_REQUEST_BAD_ISSUER: 2,
  E_AUTH_REQUEST_EXPIRED: 2, E_AUTH_REQUEST_NOT_YET_VALID: 2, E_AUTH_REQUEST_DOMAIN_MISMATCH: 2, E_AUTH_REQUEST_BAD_SCOPE: 2,
  E_APP_NOT_FOUND: 2, E_WALLET_EXISTS: 2, E_WEAK_PASSWORD: 2,
  // 3: the node (or what was asked for) is not reachable or not there
  E_NODE_NOT_RUNNING: 3, E_NODE_UNREACHABLE: 3, E_NO_CONSENSUS: 3, E_ZONEFILE_NOT_FOUND: 3, E_NAME_NOT_FOUND: 3,
  // 4: not found in the API / does not match
  E_NOT_FOUND: 4, E_ZONEFILE_HASH_MISMATCH: 4,
  // 1: the operation ran and failed
  E_OP_REJECTED: 1, E_CONSENT_DENIED: 1, E_VC_CONSENSUS_MISMATCH: 1, E_HUB_START_FAILED: 1, E_LISTEN_FAILED: 1,
};

/** The exit code of an error code (1 for a code the table does not name). */
export const exitCodeOf = (code: ErrorCode): number => EXIT_CODES[code] ?? 1;

export class CliError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  /** `exitCode` only for errors wrapped from another layer whose codes the table does not describe. */
  constructor(message: string, code: ErrorCode, exitCode = exitCodeOf(code)) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export const cliError = (message: string, code: ErrorCode): CliError => new CliError(message, code);

/** The one printer: `value` as JSON (bigints as strings) under --json, else `text`. */
export function out(flags: { json?: boolean }, value: unknown, text: string | (() => string)): void {
  if (flags.json) console.log(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  else console.log(typeof text === 'function' ? text() : text);
}
