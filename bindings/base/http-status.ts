/**
 * @module base/http-status — the ONE table from stable error codes to HTTP statuses, for every surface that
 * answers HTTP: the REST API (api/errors.ts: ApiError and any coded error reaching it, e.g. a stray BaseError),
 * the hub (its Gaia body format stays its own, in storage/hub/hub-error.ts), /auth, Atlas (/RPC2 and
 * /atlas/<method>: the reply's `http_status`), DNS over HTTPS, the /pubsub upgrade route, the crawl routes.
 * Each asks `statusOf(code, fallback)` instead of writing a status; test/base/http-status.test.ts checks that
 * every `E_…` code defined in bindings/ has an entry here.
 */
export const HTTP_STATUS: Readonly<Record<string, number>> = {
  // HTTP surfaces themselves (ApiError and the routes' own refusals)
  E_BAD_REQUEST: 400, E_NOT_FOUND: 404, E_NAME_AVAILABLE: 404, E_NAME_NOT_FOUND: 404, E_NOT_PROCESSED: 503,
  E_NO_CONTENT: 204, // Core: a non-standard zone file by hash is a 204 (the message goes in a header)
  E_BODY_TOO_LARGE: 413, E_UNSUPPORTED_MEDIA_TYPE: 415, E_METHOD_NOT_ALLOWED: 405, E_UPGRADE_REQUIRED: 426,
  E_UNKNOWN_METHOD: 404, E_INTERNAL: 500,
  // core (CoreError: input the WASM core refused is bad input; a core built for another ABI is ours)
  E_TRUNCATED: 400, E_VARINT: 400, E_TRAILING: 400, E_COUNT: 400, E_TOO_LARGE: 413, E_BAD_ARG: 400, E_SEGWIT_FLAG: 400,
  E_NO_TXS: 400, E_EMPTY_WITNESS: 400, E_SECP_FRAMING: 400, E_SECP_PUBKEY: 400, E_VC_NO_MAGIC: 400,
  E_VC_UNKNOWN_OPCODE: 400, E_VC_BAD_LENGTH: 400, E_VC_BAD_NAME: 400, E_VC_BAD_NAMESPACE: 400, E_VC_BAD_DISPOSITION: 400,
  E_VC_BAD_VERSION: 400, E_VC_BAD_DISCOUNT: 400, E_VC_BAD_TOKEN: 400, E_VC_NOT_ACTIVE: 400, E_VC_TOO_MANY: 400, E_ABI: 500,
  // crawl (guarded fetcher, snapshots)
  E_CRAWL_FETCH: 502, E_CRAWL_REFUSED: 403, E_SNAPSHOT: 400,
  // base (BaseError)
  E_BAD_HEX: 400, E_BAD_ADDRESS: 400, E_BAD_PRIVATE_KEY: 400, E_BAD_PUBLIC_KEY: 400, E_BAD_JWT: 401, E_DECRYPT_FAILED: 400, E_BAD_NAME: 400,
  // routing (RoutingError: zone files, Atlas, subdomains)
  E_ZONEFILE_TOO_LARGE: 400, E_ZONEFILE_NOT_ANNOUNCED: 400, E_ZONEFILE_HASH_MISMATCH: 400, E_ZONEFILE_NOT_FOUND: 404,
  E_ZONEFILE_NON_STANDARD: 400, E_INVALID_HASH: 400, E_INVALID_ARGUMENT: 400, E_XMLRPC_PARSE: 400, E_SUBDOMAIN_INVALID: 400,
  E_SUBDOMAIN_NOT_FOUND: 404, E_ATLAS_RPC: 502, E_ATLAS_TIMEOUT: 504, E_ATLAS_PEER_BANNED: 403, E_ATLAS_REPLY_TOO_LARGE: 502,
  // resolver (ResolverError: the data it fetched from elsewhere was wrong or missing)
  E_INVALID_NAME: 400, E_NAME_REVOKED: 404, E_API_ERROR: 502, E_ZONEFILE_MISSING: 404, E_NO_PROFILE_URL: 404,
  E_PROFILE_FETCH_FAILED: 502, E_PROFILE_MALFORMED: 502, E_PROFILE_SIGNER_MISMATCH: 400, E_PROFILE_BAD_SIGNATURE: 502,
  E_STALE_PROFILE: 502,
  // auth (AuthError) and the wallet
  E_AUTH_REQUEST_MISSING: 400, E_AUTH_REQUEST_MALFORMED: 400, E_AUTH_REQUEST_BAD_SIGNATURE: 400,
  E_AUTH_REQUEST_BAD_ISSUER: 400, E_AUTH_REQUEST_EXPIRED: 400, E_AUTH_REQUEST_NOT_YET_VALID: 400,
  E_AUTH_REQUEST_DOMAIN_MISMATCH: 400, E_AUTH_REQUEST_BAD_REDIRECT: 400, E_AUTH_REQUEST_BAD_SCOPE: 400,
  E_UNKNOWN_NAME: 404, E_PROFILE_NOT_FOUND: 404, E_APP_NOT_FOUND: 404, E_CONSENT_REQUIRED: 403, E_CONSENT_DENIED: 403,
  E_NOT_LOOPBACK: 403, E_LOOKUP_FAILED: 502, E_HUB_ERROR: 502, E_BAD_KEY: 400, E_BAD_TOKEN: 400,
  E_PROFILE_INVALID: 400, E_WALLET_MISSING: 400, E_WALLET_EXISTS: 400,
  E_WALLET_BAD_PASSWORD: 400, E_WALLET_CORRUPT: 400, E_BAD_MNEMONIC: 400, E_BAD_ARGUMENT: 400, E_WEAK_PASSWORD: 400,
  // pubsub (PubsubError)
  E_BAD_TOPIC: 400, E_BAD_MESSAGE: 400, E_BAD_SIGNATURE: 403, E_UNKNOWN_KEY: 403, E_REPLAY: 409, E_STALE: 409,
  E_BAD_URI: 400, E_NOT_CONNECTED: 503,
  // node mail notice relay (MailNoticeError; also E_BAD_REQUEST, E_STALE, E_BAD_SIGNATURE, E_UNKNOWN_KEY, E_REPLAY above)
  E_RATE_LIMITED: 429, E_UNKNOWN_RECIPIENT: 404, E_NO_MAILTO: 422, E_SMTP_FAILED: 502,
  // the hub (hubError: E_ + Gaia's error name; the body keeps Gaia's name, spec storage §3)
  E_VALIDATION_ERROR: 401, E_AUTH_TOKEN_TIMESTAMP_VALIDATION_ERROR: 401, E_NOT_ENOUGH_PROOF_ERROR: 402, E_BAD_PATH_ERROR: 403,
  E_DOES_NOT_EXIST: 404, E_CONFLICT_ERROR: 409, E_PRECONDITION_FAILED_ERROR: 412, E_PAYLOAD_TOO_LARGE_ERROR: 413,
  E_INVALID_INPUT_ERROR: 400,
  // storage client (StorageError: a hub's answer by status, manifests, envelopes, config)
  E_NOT_ENOUGH_PROOF: 402, E_BAD_PATH: 403, E_CONFLICT: 409, E_PRECONDITION_FAILED: 412, E_PAYLOAD_TOO_LARGE: 413,
  E_SIGNATURE_VERIFICATION: 400, E_BAD_MANIFEST: 502, E_BAD_STORAGE_CONFIG: 400, E_HUB_UNREACHABLE: 502, E_MISSING_KEY: 400,
  E_HUB_INFO_FAILED: 502, E_ROLLBACK: 409, E_RESOLVE_FAILED: 502, E_NO_HUBS: 400, E_MANIFEST_MISSING: 404,
  E_MANIFEST_MISMATCH: 409, E_FAILED_DECRYPTION: 400, E_EQUIVOCATION: 409, E_BUCKET_MISMATCH: 400, E_BAD_HUB_RESPONSE: 502,
  E_BAD_ENVELOPE: 400,
};

/** HTTP status of an error code; `fallback` when the table does not name it. */
export const statusOf = (code: string, fallback: number): number => HTTP_STATUS[code] ?? fallback;
