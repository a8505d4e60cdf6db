/**
 * @module routing/zonefile/limits — zone-file size limits (naming.md §1.5) and hash syntax.
 * 40,960 bytes (`RPC_MAX_ZONEFILE_LEN`, Core 21.x) is what we accept; 4,096 is what a client should write.
 */
import { RoutingError } from '../errors.ts';

export const MAX_ZONEFILE_BYTES = 40_960;
export const SAFE_ZONEFILE_BYTES = 4_096;

const HASH_RE = /^[0-9a-f]{40}$/;

/** True iff `h` is a zone-file hash in canonical form (40 lowercase hex). */
export function verifyHashSyntax(h: unknown): h is string {
  return typeof h === 'string' && HASH_RE.test(h);
}

export function checkZoneFileSize(bytes: Uint8Array): { ok: boolean; code?: 'E_ZONEFILE_TOO_LARGE' } {
  return bytes.length <= MAX_ZONEFILE_BYTES ? { ok: true } : { ok: false, code: 'E_ZONEFILE_TOO_LARGE' };
}

export function assertZoneFileSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_ZONEFILE_BYTES) {
    throw new RoutingError('E_ZONEFILE_TOO_LARGE', `zone file is ${bytes.length} bytes, limit ${MAX_ZONEFILE_BYTES}`);
  }
}
