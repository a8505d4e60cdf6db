/**
 * @module auth/auth-response — the authResponse JWT the authenticator returns to the app (spec
 * storage-auth §7), byte-compatible with @stacks/auth makeAuthResponse 7.6 / wallet-sdk: signed by the
 * identity (data) key, app private key ECIES-encrypted to the request's transit key, hubUrl, profile
 * URL, blockstackAPIUrl and a Gaia association token (§4.4) binding the app key to the identity.
 */
import { randomBytes, bytesToHex } from '@noble/hashes/utils.js';
import { signJWT, decodeJWT, verifyJWT } from './jwt.ts';
import { btcAddressOf, makeDID, publicKeyOf, addressFromDID } from './keys.ts';
import { encryptPrivateKey, decryptPrivateKey, type EncryptOptions } from './ecies.ts';
import { AUTH_PROTOCOL_VERSION, makeUUID4 } from './auth-request.ts';
import { AuthError } from './errors.ts';

const DAY = 24 * 3600;

export interface AssociationTokenOptions {
  nowSec?: number;
  /** lifetime in seconds (wallet-sdk: 365 days) */
  lifetimeSec?: number;
  salt?: string;
}

/** `{childToAssociate, iss, exp, iat, salt}` signed by the identity key (wallet-sdk makeGaiaAssociationToken). */
export function makeAssociationToken(identityPrivateKey: string, childPublicKey: string, o: AssociationTokenOptions = {}): string {
  const iat = o.nowSec ?? Date.now() / 1000;
  return signJWT(
    {
      childToAssociate: childPublicKey,
      iss: publicKeyOf(identityPrivateKey),
      exp: iat + (o.lifetimeSec ?? 365 * DAY),
      iat,
      salt: o.salt ?? bytesToHex(randomBytes(16)),
    },
    identityPrivateKey,
  );
}

export interface AuthResponseOptions {
  /** identity (data) private key hex */
  identityPrivateKey: string;
  /** app private key hex (derived for the request's domain_name) */
  appPrivateKey: string;
  /** the request's public_keys[0] */
  transitPublicKey: string;
  profile?: Record<string, unknown>;
  email?: string | null;
  profileUrl?: string | null;
  hubUrl?: string | null;
  apiUrl?: string | null;
  /** true → make one with the identity key; a string → use it; false/undefined with `null` → none */
  associationToken?: string | boolean | null;
  /** the signed-in name (legacy Blockstack Browser field; absent when not given) */
  username?: string;
  nowSec?: number;
  expiresAtSec?: number;
  jti?: string;
  /** fixed ECIES randomness and association salt, for reproducing vectors only */
  fixed?: EncryptOptions & { associationSalt?: string; associationIat?: number };
}

export interface AuthResponsePayload {
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  private_key: string | null;
  public_keys: string[];
  appPrivateKeyFromWalletSalt: string | null;
  profile: Record<string, unknown>;
  username?: string;
  core_token: string | null;
  email?: string | null;
  profile_url?: string | null;
  hubUrl?: string | null;
  blockstackAPIUrl?: string | null;
  associationToken?: string | null;
  version?: string;
}

export function makeAuthResponse(o: AuthResponseOptions): string {
  const now = o.nowSec ?? Math.floor(Date.now() / 1000);
  const identityPublicKey = publicKeyOf(o.identityPrivateKey);
  const appPublicKey = publicKeyOf(o.appPrivateKey);
  let association: string | null = null;
  if (typeof o.associationToken === 'string') association = o.associationToken;
  else if (o.associationToken === true || o.associationToken === undefined) {
    association = makeAssociationToken(o.identityPrivateKey, appPublicKey, {
      nowSec: o.fixed?.associationIat ?? now,
      salt: o.fixed?.associationSalt,
    });
  }
  const payload: AuthResponsePayload = {
    jti: o.jti ?? makeUUID4(),
    iat: Math.floor(now),
    exp: Math.floor(o.expiresAtSec ?? now + 30 * DAY),
    iss: makeDID(btcAddressOf(identityPublicKey)),
    private_key: encryptPrivateKey(o.transitPublicKey, o.appPrivateKey, o.fixed),
    public_keys: [identityPublicKey],
    appPrivateKeyFromWalletSalt: null,
    profile: o.profile ?? {},
    username: o.username,
    core_token: null,
    email: o.email ?? null,
    profile_url: o.profileUrl ?? null,
    hubUrl: o.hubUrl ?? null,
    blockstackAPIUrl: o.apiUrl ?? null,
    associationToken: association,
    version: AUTH_PROTOCOL_VERSION,
  };
  return signJWT(payload, o.identityPrivateKey);
}

/** Verify an authResponse as @stacks/auth verifyAuthResponse does, then decrypt the app key. */
export function openAuthResponse(
  token: string,
  transitPrivateKey: string,
  nowSec = Date.now() / 1000,
): { payload: AuthResponsePayload; appPrivateKey: string } {
  const { payload } = decodeJWT<AuthResponsePayload>(token);
  const key = payload.public_keys?.[0];
  if (!Array.isArray(payload.public_keys) || payload.public_keys.length !== 1 || typeof key !== 'string') {
    throw new AuthError('E_BAD_TOKEN', 'authResponse must carry exactly one public key');
  }
  if (typeof payload.exp === 'number' && nowSec > payload.exp) throw new AuthError('E_BAD_TOKEN', 'authResponse expired');
  if (typeof payload.iat === 'number' && nowSec < payload.iat) throw new AuthError('E_BAD_TOKEN', 'authResponse issued in the future');
  if (!verifyJWT(token, key)) throw new AuthError('E_BAD_TOKEN', 'authResponse signature does not verify');
  if (addressFromDID(payload.iss) !== btcAddressOf(key)) throw new AuthError('E_BAD_TOKEN', 'authResponse iss does not match its key');
  if (typeof payload.private_key !== 'string') throw new AuthError('E_BAD_TOKEN', 'authResponse carries no app private key');
  return { payload, appPrivateKey: decryptPrivateKey(transitPrivateKey, payload.private_key) };
}
