/**
 * @module examples/lib/session — signing an app in through a node's `/auth`, for the example apps.
 * App domain = `<node origin>/apps/<app>`: all three pages are served by one node origin, and the
 * authRequest's `domain_name` (which the app key is derived from, and which keys the profile's `apps`
 * entry) carries the per-app path, so each app gets its own key and bucket. (Same-origin checks of
 * redirect_uri/manifest_uri only compare scheme, host and port.)
 * CLI: the JSON flow (`Accept: application/json`, node started with `--auth-approve`).
 * Page: the redirect flow (`location = /auth?authRequest=…`, back with `?authResponse=`).
 * Keys never leave the client: the transit key is random per sign-in, the app key arrives encrypted to it.
 */
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { makeAuthRequest } from '../../bindings/auth/auth-request.ts';
import { openAuthResponse } from '../../bindings/auth/auth-response.ts';

export interface Session {
  app: string;
  appDomain: string;
  username: string;
  appPrivateKey: string;
  hubUrl: string;
  apiUrl: string;
  profileUrl: string | null;
}

export const appDomainOf = (nodeUrl: string, app: string) => `${new URL(nodeUrl).origin}/apps/${app}`;

export function authRequestFor(appDomain: string, transitPrivateKey: string, appName: string): string {
  return makeAuthRequest({
    transitPrivateKey, appDomain, redirectURI: `${appDomain}/`, manifestURI: `${appDomain}/manifest.json`,
    scopes: ['store_write', 'publish_data'], extraParams: { appDetails: { name: appName } },
  });
}

export function sessionFromResponse(app: string, appDomain: string, authResponse: string, transitPrivateKey: string, nodeUrl: string): Session {
  const { payload, appPrivateKey } = openAuthResponse(authResponse, transitPrivateKey);
  if (!payload.username) throw new Error('the authResponse names no user (sign in with a name)');
  if (!payload.hubUrl) throw new Error('the authResponse names no storage hub');
  return { app, appDomain, username: payload.username, appPrivateKey, hubUrl: payload.hubUrl, apiUrl: payload.blockstackAPIUrl ?? new URL(nodeUrl).origin, profileUrl: payload.profile_url ?? null };
}

export const newTransitKey = () => bytesToHex(randomBytes(32));

/** CLI sign-in: the node's JSON flow (loopback, `--auth-approve NAME[,NAME]`; `name` picks one). */
export async function signInJson(nodeUrl: string, app: string, name?: string): Promise<Session> {
  const appDomain = appDomainOf(nodeUrl, app);
  const transit = newTransitKey();
  const req = authRequestFor(appDomain, transit, app);
  const url = `${new URL(nodeUrl).origin}/auth?authRequest=${req}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
  let res: Response;
  try { res = await fetch(url, { headers: { Accept: 'application/json' } }); } catch (e) { throw new Error(`node ${nodeUrl} unreachable: ${(e as Error).message}`); }
  const body = (await res.json().catch(() => ({}))) as { authResponse?: string; error?: string; code?: string };
  if (!res.ok || !body.authResponse) throw new Error(`sign-in refused (${res.status} ${body.code ?? ''}): ${body.error ?? 'no authResponse'}`);
  return sessionFromResponse(app, appDomain, body.authResponse, transit, nodeUrl);
}
