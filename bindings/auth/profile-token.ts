/**
 * @module auth/profile-token — profile token files (spec storage-auth §8; vectors profile.json) as
 * @stacks/profile 7.6 makes and reads them: profile.json = `[{token, decodedToken}]` (2-space JSON),
 * token payload `{jti, iat: ISO, exp: ISO (+1 year), subject: {publicKey}, issuer: {publicKey},
 * claim: Person}`. Verification takes the owner: the issuer key itself, its Bitcoin P2PKH address
 * (Blockstack names are owned by BTC addresses) or its Stacks c32 address.
 */
import { signJWT, decodeJWT, verifyJWT, type DecodedToken } from './jwt.ts';
import { ownerMatchesKey, publicKeyOf } from './keys.ts';
import { makeUUID4 } from './auth-request.ts';
import { AuthError } from './errors.ts';

export interface Person {
  '@type'?: string;
  '@context'?: string;
  name?: string;
  apps?: Record<string, string>;
  appsMeta?: Record<string, { storage: string; publicKey: string }>;
  [k: string]: unknown;
}

export interface ProfilePayload {
  jti: string;
  iat: string;
  exp: string;
  subject: { publicKey: string };
  issuer: { publicKey: string };
  claim: Person;
}

export interface WrappedToken {
  token: string;
  decodedToken: DecodedToken<ProfilePayload>;
}

export function emptyPerson(name?: string): Person {
  const p: Person = { '@type': 'Person', '@context': 'http://schema.org' };
  if (name !== undefined) p.name = name;
  return p;
}

export interface SignProfileOptions {
  issuedAt?: Date;
  expiresAt?: Date;
  jti?: string;
}

/** signProfileToken of @stacks/profile (subject = issuer = the signer's public key). */
export function signProfileToken(profile: Person, privateKeyHex: string, o: SignProfileOptions = {}): string {
  const publicKey = publicKeyOf(privateKeyHex);
  const iat = o.issuedAt ?? new Date();
  const exp = o.expiresAt ?? new Date(new Date(iat).setFullYear(iat.getFullYear() + 1));
  const payload: ProfilePayload = {
    jti: o.jti ?? makeUUID4(),
    iat: iat.toISOString(),
    exp: exp.toISOString(),
    subject: { publicKey },
    issuer: { publicKey },
    claim: profile,
  };
  return signJWT(payload, privateKeyHex);
}

export function wrapProfileToken(token: string): WrappedToken {
  return { token, decodedToken: decodeJWT<ProfilePayload>(token) };
}

/** The profile.json text the wallet uploads (pretty-printed, 2 spaces). */
export function makeProfileJson(profile: Person, privateKeyHex: string, o?: SignProfileOptions): string {
  return JSON.stringify([wrapProfileToken(signProfileToken(profile, privateKeyHex, o))], null, 2);
}

/**
 * Verify a profile token against an owner (public key, BTC address or Stacks address) and return its
 * payload. Throws AuthError E_PROFILE_INVALID / E_PROFILE_SIGNER_MISMATCH. mode: see keys.ownerMatchesKey.
 */
export function verifyProfileToken(
  token: string,
  owner: string,
  nowMs = Date.now(),
  mode: 'blockstack' | 'stacks' = 'blockstack',
): ProfilePayload {
  let payload: ProfilePayload;
  try {
    payload = decodeJWT<ProfilePayload>(token).payload;
  } catch {
    throw new AuthError('E_PROFILE_INVALID', 'profile token is not a JWT');
  }
  if (!payload.subject || typeof payload.subject.publicKey !== 'string') throw new AuthError('E_PROFILE_INVALID', "Token doesn't have a subject public key");
  if (!payload.issuer || typeof payload.issuer.publicKey !== 'string') throw new AuthError('E_PROFILE_INVALID', "Token doesn't have an issuer public key");
  if (!payload.claim || typeof payload.claim !== 'object') throw new AuthError('E_PROFILE_INVALID', "Token doesn't have a claim");
  const issuerKey = payload.issuer.publicKey;
  if (!ownerMatchesKey(owner, issuerKey, mode)) {
    throw new AuthError('E_PROFILE_SIGNER_MISMATCH', 'Token issuer public key does not match the verifying value');
  }
  if (!verifyJWT(token, issuerKey)) throw new AuthError('E_PROFILE_INVALID', 'Token was not signed by the issuer public key');
  if (payload.exp && Date.parse(payload.exp) < nowMs) throw new AuthError('E_PROFILE_INVALID', 'Token has expired');
  return payload;
}

/** Parse a profile.json text (token file) and return the first token (what lookups read). */
export function firstProfileToken(text: string): string {
  let arr: unknown;
  try {
    arr = JSON.parse(text);
  } catch {
    throw new AuthError('E_PROFILE_INVALID', 'profile token file is not JSON');
  }
  const first = Array.isArray(arr) ? (arr[0] as { token?: unknown } | undefined) : undefined;
  if (!first || typeof first.token !== 'string') throw new AuthError('E_PROFILE_INVALID', 'profile token file has no token');
  return first.token;
}

/** Claim of a verified token file text. */
export function profileFromTokenFile(text: string, owner: string, nowMs?: number): Person {
  return verifyProfileToken(firstProfileToken(text), owner, nowMs).claim;
}

/** Add (or replace) an app's bucket URL and public key in a profile (wallet publish_data, §7). */
export function withApp(profile: Person, origin: string, bucketUrl: string, appPublicKey: string): Person {
  return {
    ...profile,
    apps: { ...(profile.apps ?? {}), [origin]: bucketUrl },
    appsMeta: { ...(profile.appsMeta ?? {}), [origin]: { storage: bucketUrl, publicKey: appPublicKey } },
  };
}

export function withoutApp(profile: Person, origin: string): Person {
  const apps = { ...(profile.apps ?? {}) };
  const meta = { ...(profile.appsMeta ?? {}) };
  delete apps[origin];
  delete meta[origin];
  return { ...profile, apps, appsMeta: meta };
}
