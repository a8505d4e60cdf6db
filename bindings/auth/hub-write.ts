/**
 * @module auth/hub-write — the few Gaia writes the wallet itself makes (spec storage-auth §3, §4.1):
 * profile.json into the identity bucket, and `revoke-all` on an app bucket when access is revoked.
 * Same v1 token as @stacks/storage connectToGaiaHub: `v1:` + JWT {gaiaChallenge, hubUrl, iss, salt}.
 */
import { randomBytes, bytesToHex } from '@noble/hashes/utils.js';
import { signJWT } from './jwt.ts';
import { btcAddressOf, publicKeyOf } from './keys.ts';
import { AuthError } from './errors.ts';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface HubInfo {
  challenge_text: string;
  read_url_prefix: string;
  latest_auth_version?: string;
  max_file_upload_size_megabytes?: number;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

export async function getHubInfo(hubUrl: string, fetchFn: FetchFn = fetch): Promise<HubInfo> {
  let res: Response;
  try {
    res = await fetchFn(`${trimSlash(hubUrl)}/hub_info`);
  } catch (e) {
    throw new AuthError('E_HUB_ERROR', `hub ${hubUrl} unreachable: ${(e as Error).message}`);
  }
  if (!res.ok) throw new AuthError('E_HUB_ERROR', `hub_info answered ${res.status}`);
  const info = (await res.json()) as HubInfo;
  if (typeof info.challenge_text !== 'string' || typeof info.read_url_prefix !== 'string') {
    throw new AuthError('E_HUB_ERROR', 'hub_info lacks challenge_text / read_url_prefix');
  }
  return info;
}

export function makeHubToken(privateKey: string, info: HubInfo, hubUrl: string, associationToken?: string): string {
  const payload: Record<string, unknown> = {
    gaiaChallenge: info.challenge_text,
    hubUrl: trimSlash(hubUrl),
    iss: publicKeyOf(privateKey),
    salt: bytesToHex(randomBytes(16)),
  };
  if (associationToken) payload.associationToken = associationToken;
  return `v1:${signJWT(payload, privateKey)}`;
}

export interface HubWrite {
  hubUrl: string;
  privateKey: string;
  fetch?: FetchFn;
  info?: HubInfo;
}

/** Store a file in the bucket of `privateKey` (no ETag preconditions: last writer wins). → public URL */
export async function putToHub(w: HubWrite, path: string, body: string | Uint8Array, contentType: string): Promise<string> {
  const f = w.fetch ?? fetch;
  const info = w.info ?? (await getHubInfo(w.hubUrl, f));
  const address = btcAddressOf(publicKeyOf(w.privateKey));
  const res = await f(`${trimSlash(w.hubUrl)}/store/${address}/${path}`, {
    method: 'POST',
    headers: { Authorization: `bearer ${makeHubToken(w.privateKey, info, w.hubUrl)}`, 'Content-Type': contentType },
    body: body as BodyInit,
  });
  if (res.status !== 202 && res.status !== 200) throw new AuthError('E_HUB_ERROR', `hub refused ${path}: ${res.status} ${await res.text()}`);
  const out = (await res.json()) as { publicURL?: string };
  return out.publicURL ?? `${info.read_url_prefix}${address}/${path}`;
}

/** POST /revoke-all/<bucket>: every token of this bucket issued before `oldestValidTimestamp` stops working. */
export async function revokeAllOnHub(w: HubWrite, oldestValidTimestamp = Math.floor(Date.now() / 1000)): Promise<void> {
  const f = w.fetch ?? fetch;
  const info = w.info ?? (await getHubInfo(w.hubUrl, f));
  const address = btcAddressOf(publicKeyOf(w.privateKey));
  const res = await f(`${trimSlash(w.hubUrl)}/revoke-all/${address}`, {
    method: 'POST',
    headers: { Authorization: `bearer ${makeHubToken(w.privateKey, info, w.hubUrl)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ oldestValidTimestamp }),
  });
  if (res.status !== 202 && res.status !== 200) throw new AuthError('E_HUB_ERROR', `revoke-all refused: ${res.status} ${await res.text()}`);
}

/** Bucket URL of an address under a hub's read prefix (always ends with `/`). */
export function bucketUrlOf(readUrlPrefix: string, address: string): string {
  return `${readUrlPrefix.endsWith('/') ? readUrlPrefix : readUrlPrefix + '/'}${address}/`;
}
