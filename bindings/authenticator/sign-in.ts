/**
 * @module authenticator/sign-in — what the authenticator does once the user said yes (spec storage-auth §7):
 * check the request, derive the app key for its domain, publish the app's bucket and public key in the
 * profile when `publish_data` is asked (apps / appsMeta, re-signed profile.json on the hub), record the
 * grant in the wallet, and build the authResponse. Also publishing a profile and revoking an app.
 * Transport-free: the HTTP routes (routes.ts) and the CLI (cli/commands/auth.ts) both call this.
 */
import type { Wallet, AppGrant } from '../wallet/wallet.ts';
import { decodeAuthRequest, type AuthRequestPayload } from '../auth/auth-request.ts';
import { makeAuthResponse } from '../auth/auth-response.ts';
import { appPrivateKeyOf } from '../auth/app-keys.ts';
import { btcAddressOf, publicKeyOf } from '../auth/keys.ts';
import { makeProfileJson, withApp, withoutApp, type Person } from '../auth/profile-token.ts';
import { bucketUrlOf, getHubInfo, putToHub, revokeAllOnHub, type FetchFn, type HubInfo } from '../auth/hub-write.ts';

export interface AuthenticatorContext {
  wallet: Wallet;
  /** Gaia hub (write URL) where the user's buckets live */
  hubUrl: string;
  /** blockstackAPIUrl handed to apps (the node's API) */
  apiUrl?: string;
  fetch?: FetchFn;
  /** persist the wallet after a change (file-backed wallets) */
  persist?: () => Promise<void>;
  nowMs?: () => number;
}

export interface SignInResult {
  authResponse: string;
  redirectUrl: string;
  grant: AppGrant;
  profileUrl: string;
}

async function hubInfoOf(ctx: AuthenticatorContext): Promise<HubInfo> {
  return getHubInfo(ctx.hubUrl, ctx.fetch);
}

export function profileUrlOf(info: HubInfo, identityAddress: string): string {
  return `${bucketUrlOf(info.read_url_prefix, identityAddress)}profile.json`;
}

/** Sign and upload an identity's profile.json (signed by its data key, the name's owner key). */
export async function publishProfile(ctx: AuthenticatorContext, who: string | number, profile?: Person, info?: HubInfo): Promise<string> {
  const { record, keys } = ctx.wallet.identity(who);
  if (profile) record.profile = profile;
  const hub = info ?? (await hubInfoOf(ctx));
  await putToHub(
    { hubUrl: ctx.hubUrl, privateKey: keys.dataPrivateKey, fetch: ctx.fetch, info: hub },
    'profile.json',
    makeProfileJson(record.profile, keys.dataPrivateKey),
    'application/json',
  );
  await ctx.persist?.();
  return profileUrlOf(hub, record.identityAddress);
}

/** Approve `authRequest` for identity `who` (a name, identity address or index). Throws AuthError. */
export async function approveSignIn(ctx: AuthenticatorContext, authRequest: string, who: string | number): Promise<SignInResult> {
  const now = ctx.nowMs?.() ?? Date.now();
  const req: AuthRequestPayload = decodeAuthRequest(authRequest, now / 1000);
  const { record, keys } = ctx.wallet.identity(who);
  const origin = req.domain_name;
  const appPrivateKey = appPrivateKeyOf(keys, origin);
  const appPublicKey = publicKeyOf(appPrivateKey);
  const appAddress = btcAddressOf(appPublicKey);
  const info = await hubInfoOf(ctx);
  const bucketUrl = bucketUrlOf(info.read_url_prefix, appAddress);
  let profileUrl = profileUrlOf(info, record.identityAddress);
  if (req.scopes.includes('publish_data')) {
    profileUrl = await publishProfile(ctx, record.index, withApp(record.profile, origin, bucketUrl, appPublicKey), info);
  }
  const authResponse = makeAuthResponse({
    identityPrivateKey: keys.dataPrivateKey,
    appPrivateKey,
    transitPublicKey: req.public_keys[0],
    profile: record.profile,
    profileUrl,
    hubUrl: ctx.hubUrl.replace(/\/+$/, ''),
    apiUrl: ctx.apiUrl ?? null,
    username: record.name,
    nowSec: Math.floor(now / 1000),
  });
  const grant: AppGrant = {
    name: record.name ?? record.identityAddress,
    origin,
    appAddress,
    appPublicKey,
    scopes: [...req.scopes],
    grantedAt: new Date(now).toISOString(),
  };
  ctx.wallet.recordGrant(grant);
  await ctx.persist?.();
  const sep = req.redirect_uri.includes('?') ? '&' : '?';
  return { authResponse, redirectUrl: `${req.redirect_uri}${sep}authResponse=${authResponse}`, grant, profileUrl };
}

/**
 * Revoke an app: `revoke-all` on its bucket (every hub token the app holds stops working), drop it
 * from the profile (re-published), and mark the grant revoked in the wallet.
 */
export async function revokeApp(ctx: AuthenticatorContext, who: string | number, origin: string): Promise<AppGrant> {
  const { record, keys } = ctx.wallet.identity(who);
  const name = record.name ?? record.identityAddress;
  const grant = ctx.wallet.grants(name).find((g) => g.origin === origin);
  const appPrivateKey = appPrivateKeyOf(keys, origin);
  const info = await hubInfoOf(ctx);
  // +1: tokens issued in this very second are revoked too (the hub accepts iat >= value)
  const nowSec = Math.floor((ctx.nowMs?.() ?? Date.now()) / 1000) + 1;
  await revokeAllOnHub({ hubUrl: ctx.hubUrl, privateKey: appPrivateKey, fetch: ctx.fetch, info }, nowSec);
  if (record.profile.apps?.[origin] || record.profile.appsMeta?.[origin]) {
    await publishProfile(ctx, record.index, withoutApp(record.profile, origin), info);
  }
  const out = grant ? ctx.wallet.markRevoked(name, origin) : { name, origin, appAddress: btcAddressOf(publicKeyOf(appPrivateKey)), appPublicKey: publicKeyOf(appPrivateKey), scopes: [], grantedAt: '', revokedAt: new Date().toISOString() };
  await ctx.persist?.();
  return out;
}
