/**
 * @module storage/hub/auth-token — Gaia `Authorization` header validation (spec §4): v0 legacy tokens, v1
 * ES256K JWTs (challenge, hubUrl, expiry, revocation timestamp, scopes, association tokens) and the
 * whitelist, in the hub's exact check order and with its exact messages. Every failure is a 401.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import { addressFromPublicKey, decodePublicKey, hexToBytes, utf8ToBytes } from '../crypto/keys.ts';
import { decodeJwt, verifyJwt, type DecodedJwt } from '../crypto/jwt.ts';
import { verifyDigest } from '../../base/ecdsa.ts';
import { hubError } from './hub-error.ts';

const MAX_SCOPES = 8;

export interface ParsedScopes {
  writePrefixes: string[];
  writePaths: string[];
  deletePrefixes: string[];
  deletePaths: string[];
  writeArchivalPrefixes: string[];
  writeArchivalPaths: string[];
}

export interface AuthOptions {
  serverName: string;
  requireCorrectHubUrl?: boolean;
  validHubUrls?: string[];
  whitelist?: string[] | null;
  /** Bucket revocation timestamp (seconds); 0/undefined = none. Not applied to v0 tokens. */
  oldestValidTokenTimestamp?: number;
  /** Clock (seconds since epoch); tests freeze it. */
  now?: number;
}

export interface AuthResult {
  signingAddress: string;
  scopes: ParsedScopes;
  version: 'v0' | 'v1';
  iat?: number;
}

const PARSE_FAILED = 'Failed to parse authentication header.';

/**
 * Tokens whose ES256K signature already verified (exact token text → true). A client reuses one token for
 * every request, so this removes a signature check per write; everything time-dependent (revocation, exp,
 * association expiry) is still checked on each request. Bounded: cleared when full.
 */
const verifiedTokens = new Set<string>();
const VERIFIED_MAX = 20_000;

function verifyJwtCached(token: string, publicKey: string): boolean {
  const key = `${publicKey}|${token}`;
  if (verifiedTokens.has(key)) return true;
  if (!verifyJwt(token, publicKey)) return false;
  if (verifiedTokens.size >= VERIFIED_MAX) verifiedTokens.clear();
  verifiedTokens.add(key);
  return true;
}

export function challengeTexts(serverName: string): string[] {
  return ['0', '2018', '2019'].map((y) => JSON.stringify(['gaiahub', y, serverName, 'blockstack_storage_please_sign']));
}

export function validHubUrlList(serverName: string, configured: string[] = []): string[] {
  const own = `https://${serverName}`;
  return configured.includes(own) ? [...configured] : [...configured, own];
}

function emptyScopes(): ParsedScopes {
  return { writePrefixes: [], writePaths: [], deletePrefixes: [], deletePaths: [], writeArchivalPrefixes: [], writeArchivalPaths: [] };
}

function parseScopes(raw: unknown): ParsedScopes {
  const out = emptyScopes();
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw) || raw.length > MAX_SCOPES) throw hubError('ValidationError', PARSE_FAILED);
  const slot: Record<string, keyof ParsedScopes> = {
    putFile: 'writePaths', putFilePrefix: 'writePrefixes', deleteFile: 'deletePaths', deleteFilePrefix: 'deletePrefixes',
    putFileArchival: 'writeArchivalPaths', putFileArchivalPrefix: 'writeArchivalPrefixes',
  };
  for (const s of raw) {
    if (!s || typeof s !== 'object' || !(s.scope in slot) || typeof s.domain !== 'string') throw hubError('ValidationError', PARSE_FAILED);
    out[slot[s.scope]].push(s.domain);
  }
  return out;
}

type Parsed = { version: 'v0'; publickey: string; signature: string } | { version: 'v1'; jwt: DecodedJwt; token: string; scopes: ParsedScopes };

/** Step 1: bearer prefix, version, decodable token with `iss`, ≤ 8 known scopes. */
export function parseAuthHeader(header: string | undefined | null): Parsed {
  if (!header || !header.toLowerCase().startsWith('bearer')) throw hubError('ValidationError', PARSE_FAILED);
  const authPart = header.slice('bearer '.length);
  if (!authPart.includes(':')) {
    try {
      const obj = JSON.parse(new TextDecoder().decode(base64.decode(authPart)));
      if (typeof obj.publickey === 'string' && typeof obj.signature === 'string') return { version: 'v0', ...obj };
    } catch { /* fall through */ }
    throw hubError('ValidationError', PARSE_FAILED);
  }
  if (!authPart.startsWith('v1:')) throw hubError('ValidationError', PARSE_FAILED);
  const token = authPart.slice(3);
  let jwt: DecodedJwt;
  try {
    jwt = decodeJwt(token);
  } catch {
    throw hubError('ValidationError', PARSE_FAILED);
  }
  if (!jwt.payload.iss || typeof jwt.payload.iss !== 'string') throw hubError('ValidationError', PARSE_FAILED);
  return { version: 'v1', jwt, token, scopes: parseScopes(jwt.payload.scopes) };
}

/** iss key → bucket address, memoised: decompressing a key (a field sqrt) was ~10% of a write's CPU. */
const addressMemo = new Map<string, string | null>();

function addressOf(pubkeyHex: string): string | null {
  let a = addressMemo.get(pubkeyHex);
  if (a !== undefined) return a;
  try {
    a = addressFromPublicKey(pubkeyHex);
  } catch {
    a = null;
  }
  if (addressMemo.size >= VERIFIED_MAX) addressMemo.clear();
  addressMemo.set(pubkeyHex, a);
  return a;
}

function checkRevocation(oldest: number | undefined, iat: unknown): void {
  if (!oldest || oldest <= 0) return;
  if (iat === undefined || iat === null || iat === 0) {
    throw hubError('AuthTokenTimestampValidationError',
      `Gaia bucket requires auth token issued after ${oldest} but this token has no creation timestamp. This token may have been revoked by the user.`);
  }
  if (Number(iat) < oldest) {
    throw hubError('AuthTokenTimestampValidationError',
      `Gaia bucket requires auth token issued after ${oldest} but this token was issued ${iat}. This token may have been revoked by the user.`);
  }
}

function checkAssociation(token: unknown, bucketAddress: string, now: number): string {
  let jwt: DecodedJwt;
  try {
    jwt = decodeJwt(String(token));
  } catch {
    throw hubError('ValidationError', 'Failed to decode association JWT');
  }
  const p = jwt.payload;
  for (const claim of ['iss', 'childToAssociate', 'exp']) {
    if (p[claim] === undefined || p[claim] === null || p[claim] === '') {
      throw hubError('ValidationError', `Must provide \`${claim}\` claim in association JWT.`);
    }
  }
  if (!verifyJwtCached(jwt.signingInput + '.' + jwt.signature, String(p.iss))) {
    throw hubError('ValidationError', 'Failed to verify association JWT: invalid issuer');
  }
  if (Number(p.exp) < now) throw hubError('ValidationError', `Expired association token: expire time of ${p.exp} (secs since epoch)`);
  if (addressOf(String(p.childToAssociate)) !== bucketAddress) {
    throw hubError('ValidationError', `Association token child key ${p.childToAssociate} does not match ${bucketAddress}`);
  }
  const signer = addressOf(String(p.iss));
  if (!signer) throw hubError('ValidationError', 'Failed to verify association JWT: invalid issuer');
  return signer;
}

function validateV1(p: Extract<Parsed, { version: 'v1' }>, address: string, opts: AuthOptions, now: number): AuthResult {
  const claims = p.jwt.payload;
  checkRevocation(opts.oldestValidTokenTimestamp, claims.iat);
  const iss = String(claims.iss);
  if (addressOf(iss) !== address) throw hubError('ValidationError', 'Address not allowed to write on this path');
  if (opts.requireCorrectHubUrl) {
    if (!claims.hubUrl) throw hubError('ValidationError', 'Authentication must provide a claimed hub. You may need to update stacks.js.');
    let claimed = String(claims.hubUrl);
    if (claimed.endsWith('/')) claimed = claimed.slice(0, -1);
    const valid = validHubUrlList(opts.serverName, opts.validHubUrls);
    if (!valid.includes(claimed)) {
      throw hubError('ValidationError', `Auth token's claimed hub url '${claimed}' not found in this hubs set: ${JSON.stringify(valid)}`);
    }
  }
  if (!verifyJwtCached(p.token, iss)) throw hubError('ValidationError', 'Failed to verify supplied authentication JWT');
  const challenges = challengeTexts(opts.serverName);
  if (!challenges.includes(claims.gaiaChallenge as string)) {
    throw hubError('ValidationError', `Invalid gaiaChallenge text in supplied JWT: "${claims.gaiaChallenge}" not found in ${JSON.stringify(challenges)}`);
  }
  if (claims.exp && Number(claims.exp) < now) {
    throw hubError('ValidationError', `Expired authentication token: expire time of ${claims.exp} (secs since epoch)`);
  }
  const signingAddress = claims.associationToken ? checkAssociation(claims.associationToken, address, now) : address;
  return { signingAddress, scopes: p.scopes, version: 'v1', iat: typeof claims.iat === 'number' ? claims.iat : undefined };
}

function validateV0(p: Extract<Parsed, { version: 'v0' }>, address: string, opts: AuthOptions): AuthResult {
  if (addressOf(p.publickey) !== address) throw hubError('ValidationError', 'Address not allowed to write on this path');
  let ok = false;
  try {
    const pub = decodePublicKey(p.publickey);
    const sig = hexToBytes(p.signature);
    ok = challengeTexts(opts.serverName).some((c) => verifyDigest(sha256(utf8ToBytes(c)), sig, pub, 'der'));
  } catch {
    ok = false;
  }
  if (!ok) throw hubError('ValidationError', 'Invalid signature or expired authentication token.');
  return { signingAddress: address, scopes: emptyScopes(), version: 'v0' };
}

/** validateAuthorizationHeader + the whitelist check of HubServer.validate. Throws a 401 StorageError. */
export function validateAuthorization(header: string | undefined | null, address: string, opts: AuthOptions): AuthResult {
  const parsed = parseAuthHeader(header);
  const now = opts.now ?? Date.now() / 1000;
  const result = parsed.version === 'v1' ? validateV1(parsed, address, opts, now) : validateV0(parsed, address, opts);
  if (opts.whitelist && !opts.whitelist.includes(result.signingAddress)) {
    throw hubError('ValidationError', `Address ${result.signingAddress} not authorized for writes`);
  }
  return result;
}
