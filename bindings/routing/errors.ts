/**
 * @module routing/errors — RoutingError: the one error class of the routing layer (zone files, Atlas,
 * subdomains). `code` is stable; the API maps it to an HTTP status (`status` is a hint for that mapping).
 */
import { statusOf } from '../base/http-status.ts';
export type RoutingCode =
  | 'E_ZONEFILE_TOO_LARGE'
  | 'E_ZONEFILE_NOT_ANNOUNCED'
  | 'E_ZONEFILE_HASH_MISMATCH'
  | 'E_ZONEFILE_NOT_FOUND'
  | 'E_ZONEFILE_NON_STANDARD'
  | 'E_INVALID_HASH'
  | 'E_INVALID_ARGUMENT'
  | 'E_ATLAS_RPC'
  | 'E_ATLAS_TIMEOUT'
  | 'E_ATLAS_PEER_BANNED'
  | 'E_ATLAS_REPLY_TOO_LARGE'
  | 'E_XMLRPC_PARSE'
  | 'E_SUBDOMAIN_INVALID'
  | 'E_SUBDOMAIN_NOT_FOUND';


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
