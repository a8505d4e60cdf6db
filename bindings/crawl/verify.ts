/**
 * @module crawl/verify — the signature checks of a crawl, as plain functions (the crawler runs them inline, or
 * on worker threads through crawl/verify-pool): a profile token file verified against the owner address
 * (resolver/token) and fresh, and an app file against its `.sig` sidecar (crawl/apps). Failures are
 * `Reject` (a crawl reason), `ResolverError` or `AppFileError`, the same on either path.
 */
import { verifyProfileToken } from '../resolver/token.ts';
import { verifySigned } from './apps.ts';

export class Reject extends Error { constructor(readonly reason: string, message: string) { super(message); } }

export interface VerifiedToken { claim: Record<string, unknown>; iat: number }

/** `[{token}]` file → the token's claim and issued-at (ms), if signed by `address`'s key, not expired, not from the future. */
export function verifyTokenFile(body: Uint8Array, address: string): VerifiedToken {
  let json: unknown;
  try { json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')); } catch { throw new Reject('profile_malformed', 'token file is not JSON'); }
  const first = Array.isArray(json) ? json[0] : null;
  const token = first && typeof first === 'object' ? (first as { token?: unknown }).token : null;
  if (typeof token !== 'string') throw new Reject('profile_malformed', 'token file is not [{token}]');
  const payload = verifyProfileToken(token, address);
  const iat = payload.iat ? Date.parse(payload.iat) : NaN;
  if (Number.isNaN(iat)) throw new Reject('profile_malformed', 'token has no iat');
  if (payload.exp && Date.parse(payload.exp) < Date.now()) throw new Reject('profile_expired', `token expired ${payload.exp}`);
  if (iat > Date.now() + 3600_000) throw new Reject('profile_future', `token issued in the future (${payload.iat})`);
  return { claim: payload.claim as Record<string, unknown>, iat };
}

export function verifyAppFile(body: Uint8Array, sidecar: Uint8Array, bucketAddr: string, metaKey?: string): unknown {
  const b = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return verifySigned(b(body), b(sidecar), bucketAddr, metaKey);
}
