/**
 * @module routing/errors — RoutingError: the one error class of the routing layer (zone files, Atlas,
 * subdomains). `code` is stable; the API maps it to an HTTP status (`status` is a hint for that mapping).
 */
import { statusOf } from '../base/http-status.ts';
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


export class RoutingError extends Error {
  readonly code: RoutingCode;
  readonly status: number;
  constructor(code: RoutingCode, message: string) {
    super(`${message} (${code})`);
    this.name = 'RoutingError';
    this.code = code;
    this.status = statusOf(code, 500);
  }
}
