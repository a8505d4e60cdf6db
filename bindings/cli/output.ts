/**
 * @module cli/output — the CLI's one error class and one printer. `CliError.exitCode` is derived from its
 * code (EXIT_CODES below; the only place exit codes are chosen): 2 bad input or usage, 3 the node or a
 * resource is not there, 4 not found / does not match, 1 the operation failed. `out` prints a value as JSON
 * under `--json`, else the human text.
 */

export const EXIT_CODES: Readonly<Record<string, number>> = {
  // 2: bad input, flags or usage
  BAD_INPUT: 2, BAD_KEY: 2, BAD_ACCOUNT: 2, BAD_ZONEFILE: 2, BAD_ARGUMENT: 2, BAD_DB: 2, BAD_FLAGS: 2, BAD_PORT: 2,
  BAD_PEERS: 2, BAD_NAME: 2, BAD_CONFIG: 2, BAD_DRIVER: 2, BAD_OPTION: 2, MISSING_STORAGE: 2, MISSING_BUCKET: 2,
  BAD_ARG: 2, BAD_WORKERS: 2, CONFIG_EXISTS: 2, NO_PRICE: 2, E_API_ERROR: 2, ENOENT: 2, E_ZONEFILE_TOO_LARGE: 2, E_ZONEFILE_NOT_ANNOUNCED: 2,
  E_AUTH_REQUEST_MISSING: 2, E_AUTH_REQUEST_MALFORMED: 2, E_AUTH_REQUEST_BAD_SIGNATURE: 2, E_AUTH_REQUEST_BAD_ISSUER: 2,
  E_AUTH_REQUEST_EXPIRED: 2, E_AUTH_REQUEST_NOT_YET_VALID: 2, E_AUTH_REQUEST_DOMAIN_MISMATCH: 2, E_AUTH_REQUEST_BAD_SCOPE: 2,
  E_APP_NOT_FOUND: 2, E_WALLET_EXISTS: 2, E_WEAK_PASSWORD: 2,
  // 3: the node (or what was asked for) is not reachable or not there
  NODE_NOT_RUNNING: 3, NODE_UNREACHABLE: 3, NO_CONSENSUS: 3, E_ZONEFILE_NOT_FOUND: 3, E_NAME_NOT_FOUND: 3,
  // 4: not found in the API / does not match
  NOT_FOUND: 4, E_ZONEFILE_HASH_MISMATCH: 4,
  // 1: the operation ran and failed
  OP_REJECTED: 1, E_CONSENT_DENIED: 1, E_VC_CONSENSUS_MISMATCH: 1, HUB_START_FAILED: 1, LISTEN_FAILED: 1,
};

/** The exit code of an error code (1 for a code the table does not name). */
export const exitCodeOf = (code: string): number => EXIT_CODES[code] ?? 1;

export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  /** `exitCode` only for errors wrapped from another layer whose codes the table does not describe. */
  constructor(message: string, code: string, exitCode = exitCodeOf(code)) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export const cliError = (message: string, code: string): CliError => new CliError(message, code);

/** The one printer: `value` as JSON (bigints as strings) under --json, else `text`. */
export function out(flags: { json?: boolean }, value: unknown, text: string | (() => string)): void {
  if (flags.json) console.log(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
  else console.log(typeof text === 'function' ? text() : text);
}
