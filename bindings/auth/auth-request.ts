/**
 * @module auth/auth-request — decode and check an app's authRequest JWT (spec storage-auth §7), the
 * same conditions as @stacks/auth verifyAuthRequest (times, single public key signs, DID address =
 * address(public_keys[0]), manifest_uri and redirect_uri same-origin with domain_name) plus scope and
 * shape checks. `checkAuthRequest` returns {ok, code}; `verifyAuthRequest` is the boolean form;
 * `decodeAuthRequest` throws the AuthError. Also `makeAuthRequest` for tools and tests.
 */
import { randomBytes, bytesToHex } from '@noble/hashes/utils.js';
import { decodeJWT, signJWT, verifyJWT } from './jwt.ts';
import { addressFromDID, btcAddressOf, makeDID, publicKeyOf } from './keys.ts';
import { AuthError, type AuthErrorCode } from './errors.ts';

export const AUTH_PROTOCOL_VERSION = '1.4.0';
export const KNOWN_SCOPES = ['store_write', 'publish_data', 'email'] as const;

export interface AuthRequestPayload {
  jti?: string;
  iat?: number;
  exp?: number;
  iss: string;
  public_keys: string[];
  domain_name: string;
  manifest_uri: string;
  redirect_uri: string;
  version?: string;
  do_not_include_profile?: boolean;
  supports_hub_url?: boolean;
  scopes: string[];
  appDetails?: { name?: string; icon?: string };
  [k: string]: unknown;
}

/** Same-origin test of @stacks/common isSameOriginAbsoluteUrl (default ports normalised). */
export function isSameOrigin(a: string, b: string): boolean {
  try {
    const u1 = new URL(a);
    const u2 = new URL(b);
    const port = (u: URL) => parseInt(u.port || '0', 10) || (u.protocol === 'https:' ? 443 : 80);
    const abs = (s: string) => s.includes('http://') || s.includes('https://');
    return u1.protocol === u2.protocol && u1.hostname === u2.hostname && port(u1) === port(u2) && abs(a) && abs(b);
  } catch {
    return false;
  }
}

/** An absolute http(s) URL: the only kind a sign-in may send the user's browser (and authResponse) to. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && /^https?:\/\//i.test(s);
  } catch {
    return false;
  }
}

export type CheckResult = { ok: true; payload: AuthRequestPayload } | { ok: false; code: AuthErrorCode; reason: string };

/** Check an authRequest at time `nowSec` (default: now). Never throws. */
export function checkAuthRequest(token: string, nowSec = Date.now() / 1000): CheckResult {
  const fail = (code: AuthErrorCode, reason: string): CheckResult => ({ ok: false, code, reason });
  if (typeof token !== 'string' || token.length === 0) return fail('E_AUTH_REQUEST_MISSING', 'no authRequest given');
  let p: AuthRequestPayload;
  try {
    p = decodeJWT<AuthRequestPayload>(token).payload;
  } catch (e) {
    return fail('E_AUTH_REQUEST_MALFORMED', `authRequest is not a JWT: ${(e as Error).message}`);
  }
  if (!Array.isArray(p.public_keys) || p.public_keys.length !== 1 || typeof p.public_keys[0] !== 'string') {
    return fail('E_AUTH_REQUEST_MALFORMED', 'authRequest must carry exactly one public key');
  }
  for (const k of ['domain_name', 'manifest_uri', 'redirect_uri'] as const) {
    if (typeof p[k] !== 'string') return fail('E_AUTH_REQUEST_MALFORMED', `authRequest lacks ${k}`);
  }
  if (p.exp !== undefined && p.exp !== null && typeof p.exp !== 'number') return fail('E_AUTH_REQUEST_MALFORMED', 'exp must be a number');
  if (p.iat !== undefined && p.iat !== null && typeof p.iat !== 'number') return fail('E_AUTH_REQUEST_MALFORMED', 'iat must be a number');
  if (p.exp && nowSec > p.exp) return fail('E_AUTH_REQUEST_EXPIRED', `authRequest expired at ${new Date(p.exp * 1000).toISOString()}`);
  // a little slack for clock skew between the app's machine and the node
  if (p.iat && nowSec + 300 < p.iat) return fail('E_AUTH_REQUEST_NOT_YET_VALID', 'authRequest issued in the future');
  if (!verifyJWT(token, p.public_keys[0])) return fail('E_AUTH_REQUEST_BAD_SIGNATURE', 'authRequest signature does not verify');
  let keyAddress: string;
  try {
    keyAddress = btcAddressOf(p.public_keys[0]);
  } catch {
    return fail('E_AUTH_REQUEST_MALFORMED', 'authRequest public key is invalid');
  }
  if (addressFromDID(p.iss) !== keyAddress) return fail('E_AUTH_REQUEST_BAD_ISSUER', 'authRequest iss does not match its public key');
  for (const k of ['domain_name', 'redirect_uri'] as const) {
    if (!isHttpUrl(p[k])) return fail('E_AUTH_REQUEST_BAD_REDIRECT', `${k} must be an http(s) URL, got ${JSON.stringify(p[k].slice(0, 80))}`);
  }
  if (!isSameOrigin(p.domain_name, p.manifest_uri)) {
    return fail('E_AUTH_REQUEST_DOMAIN_MISMATCH', `manifest_uri ${p.manifest_uri} is not on the app's domain ${p.domain_name}`);
  }
  if (!isSameOrigin(p.domain_name, p.redirect_uri)) {
    return fail('E_AUTH_REQUEST_DOMAIN_MISMATCH', `redirect_uri ${p.redirect_uri} is not on the app's domain ${p.domain_name}`);
  }
  const scopes = p.scopes ?? [];
  if (!Array.isArray(scopes)) return fail('E_AUTH_REQUEST_BAD_SCOPE', 'scopes must be an array');
  for (const s of scopes) {
    if (!(KNOWN_SCOPES as readonly unknown[]).includes(s)) return fail('E_AUTH_REQUEST_BAD_SCOPE', `unknown scope ${JSON.stringify(s)}`);
  }
  return { ok: true, payload: { ...p, scopes } };
}

export function verifyAuthRequest(token: string, nowSec?: number): boolean {
  return checkAuthRequest(token, nowSec).ok;
}

/** Decode and check; throws AuthError with the failing code. */
export function decodeAuthRequest(token: string, nowSec?: number): AuthRequestPayload {
  const r = checkAuthRequest(token, nowSec);
  if (!r.ok) throw new AuthError(r.code, r.reason);
  return r.payload;
}

export interface MakeAuthRequestOptions {
  transitPrivateKey: string;
  appDomain: string;
  redirectURI?: string;
  manifestURI?: string;
  scopes?: string[];
  expiresAtSec?: number;
  nowSec?: number;
  extraParams?: Record<string, unknown>;
  jti?: string;
}

function uuid4(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = bytesToHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export { uuid4 as makeUUID4 };

/** Build an authRequest as @stacks/auth makeAuthRequestToken does (same claim order). */
export function makeAuthRequest(o: MakeAuthRequestOptions): string {
  const now = Math.floor(o.nowSec ?? Date.now() / 1000);
  const publicKey = publicKeyOf(o.transitPrivateKey);
  const payload = {
    ...(o.extraParams ?? {}),
    jti: o.jti ?? uuid4(),
    iat: now,
    exp: Math.floor(o.expiresAtSec ?? now + 3600),
    iss: makeDID(btcAddressOf(publicKey)),
    public_keys: [publicKey],
    domain_name: o.appDomain,
    manifest_uri: o.manifestURI ?? `${o.appDomain}/manifest.json`,
    redirect_uri: o.redirectURI ?? `${o.appDomain}/`,
    version: AUTH_PROTOCOL_VERSION,
    do_not_include_profile: true,
    supports_hub_url: true,
    scopes: o.scopes ?? ['store_write'],
  };
  return signJWT(payload, o.transitPrivateKey);
}
