/**
 * @module routing/errors — RoutingError: the one error class of the routing layer (zone files, Atlas,
 * subdomains). `code` is stable; the API maps it to an HTTP status (`status` is a hint for that mapping).
 */
export type RoutingCode =
  | 'ZONEFILE_TOO_LARGE'
  | 'ZONEFILE_NOT_ANNOUNCED'
  | 'ZONEFILE_HASH_MISMATCH'
  | 'ZONEFILE_NOT_FOUND'
  | 'ZONEFILE_NON_STANDARD'
  | 'INVALID_HASH'
  | 'INVALID_ARGUMENT'
  | 'ATLAS_RPC'
  | 'ATLAS_TIMEOUT'
  | 'ATLAS_PEER_BANNED'
  | 'ATLAS_REPLY_TOO_LARGE'
  | 'XMLRPC_PARSE'
  | 'SUBDOMAIN_INVALID'
  | 'SUBDOMAIN_NOT_FOUND';

const STATUS: Partial<Record<RoutingCode, number>> = {
  ZONEFILE_TOO_LARGE: 400,
  ZONEFILE_NOT_ANNOUNCED: 400,
  ZONEFILE_HASH_MISMATCH: 400,
  ZONEFILE_NOT_FOUND: 404,
  ZONEFILE_NON_STANDARD: 400,
  INVALID_HASH: 400,
  INVALID_ARGUMENT: 400,
  XMLRPC_PARSE: 400,
  SUBDOMAIN_INVALID: 400,
  SUBDOMAIN_NOT_FOUND: 404,
  ATLAS_RPC: 502,
  ATLAS_TIMEOUT: 504,
  ATLAS_PEER_BANNED: 403,
  ATLAS_REPLY_TOO_LARGE: 502,
};

export class RoutingError extends Error {
  readonly code: RoutingCode;
  readonly status: number;
  constructor(code: RoutingCode, message: string) {
    super(`${message} (${code})`);
    this.name = 'RoutingError';
    this.code = code;
    this.status = STATUS[code] ?? 500;
  }
}
