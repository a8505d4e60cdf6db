/**
 * @module base/http-status — the ONE table from stable error codes to HTTP statuses, for every layer that
 * answers HTTP: the base layer's `E_…` codes, routing's codes (REST API, Atlas), auth's codes (/auth) and
 * Gaia's error names (the hub; its body format stays its own, in storage/hub/hub-error.ts). Each layer asks
 * `statusOf(code, fallback)` instead of keeping its own map.
 */
export const HTTP_STATUS: Readonly<Record<string, number>> = {
  // base (BaseError)
  E_BAD_HEX: 400, E_BAD_ADDRESS: 400, E_BAD_PRIVATE_KEY: 400, E_BAD_PUBLIC_KEY: 400, E_BAD_JWT: 401, E_DECRYPT_FAILED: 400, E_BAD_NAME: 400,
  // routing (RoutingError: zone files, Atlas, subdomains)
  ZONEFILE_TOO_LARGE: 400, ZONEFILE_NOT_ANNOUNCED: 400, ZONEFILE_HASH_MISMATCH: 400, ZONEFILE_NOT_FOUND: 404,
  ZONEFILE_NON_STANDARD: 400, INVALID_HASH: 400, INVALID_ARGUMENT: 400, XMLRPC_PARSE: 400, SUBDOMAIN_INVALID: 400,
  SUBDOMAIN_NOT_FOUND: 404, ATLAS_RPC: 502, ATLAS_TIMEOUT: 504, ATLAS_PEER_BANNED: 403, ATLAS_REPLY_TOO_LARGE: 502,
  // auth (AuthError; anything not listed is 400)
  'unknown-name': 404, 'profile-not-found': 404, 'app-not-found': 404, 'consent-required': 403, 'consent-denied': 403,
  'not-loopback': 403, 'lookup-failed': 502, 'hub-error': 502,
  // pubsub (PubsubError)
  E_BAD_TOPIC: 400, E_BAD_MESSAGE: 400, E_BAD_SIGNATURE: 403, E_UNKNOWN_KEY: 403, E_REPLAY: 409, E_STALE: 409,
  E_BAD_URI: 400, E_NOT_CONNECTED: 503, E_TOO_LARGE: 413, E_BAD_REQUEST: 400,
  // node mail notice relay (MailNoticeError; also E_BAD_REQUEST, E_STALE, E_BAD_SIGNATURE, E_UNKNOWN_KEY, E_REPLAY above)
  E_RATE_LIMITED: 429, E_UNKNOWN_RECIPIENT: 404, E_NO_MAILTO: 422, E_SMTP_FAILED: 502,
  // Gaia hub error names (spec storage §3)
  ValidationError: 401, AuthTokenTimestampValidationError: 401, NotEnoughProofError: 402, BadPathError: 403,
  DoesNotExist: 404, ConflictError: 409, PreconditionFailedError: 412, PayloadTooLargeError: 413, InvalidInputError: 400,
};

/** HTTP status of an error code; `fallback` when the table does not name it. */
export const statusOf = (code: string, fallback: number): number => HTTP_STATUS[code] ?? fallback;
