/**
 * @module storage/client/hub-connection — talking to one Gaia hub as @stacks/storage does (spec §5):
 * `GET /hub_info`, a v1 token `{gaiaChallenge, hubUrl, iss, salt, associationToken?}` (v0 when the hub has
 * no `latest_auth_version`), and requests whose non-2xx answers become StorageError by status.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64 } from '@scure/base';
import { CODE_BY_STATUS, StorageError } from '../errors.ts';
import { signJwt } from '../crypto/jwt.ts';
import { addressFromPrivateKey, bytesToHex, decodePrivateKey, publicKeyFromPrivate, randomBytes, utf8ToBytes } from '../crypto/keys.ts';

export interface GaiaHubConfig {
  address: string;
  url_prefix: string;
  token: string;
  max_file_upload_size_megabytes: number | undefined;
  server: string;
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface ConnectOptions {
  associationToken?: string;
  scopes?: { scope: string; domain: string }[];
  fetch?: FetchFn;
  timeoutMs?: number;
}

function withTimeout(init: RequestInit, ms: number): RequestInit {
  return { ...init, signal: init.signal ?? AbortSignal.timeout(ms) };
}

/** v1 (or legacy v0) token for `challengeText`, as connectToGaiaHub makes it. */
export function makeAuthToken(challengeText: string, hubUrl: string, privateKey: string, opts: { v0?: boolean; associationToken?: string; scopes?: ConnectOptions['scopes'] } = {}): string {
  const iss = publicKeyFromPrivate(privateKey);
  if (opts.v0) {
    const sig = secp256k1.sign(sha256(utf8ToBytes(challengeText)), decodePrivateKey(privateKey), { prehash: false, lowS: true, format: 'der' });
    return base64.encode(utf8ToBytes(JSON.stringify({ publickey: iss, signature: bytesToHex(sig) })));
  }
  const payload: Record<string, unknown> = { gaiaChallenge: challengeText, hubUrl, iss, salt: bytesToHex(randomBytes(16)) };
  if (opts.associationToken) payload.associationToken = opts.associationToken;
  if (opts.scopes) payload.scopes = opts.scopes;
  return `v1:${signJwt(payload, privateKey)}`;
}

export async function connectToGaiaHub(hubUrl: string, privateKey: string, opts: ConnectOptions = {}): Promise<GaiaHubConfig> {
  const f = opts.fetch ?? fetch;
  const server = hubUrl.replace(/\/+$/, '');
  let res: Response;
  try {
    res = await f(`${server}/hub_info`, withTimeout({}, opts.timeoutMs ?? 30_000));
  } catch (e) {
    throw new StorageError('E_HUB_UNREACHABLE', `Could not reach ${server}: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) throw new StorageError('E_HUB_INFO_FAILED', `GET ${server}/hub_info answered ${res.status}`, { status: res.status });
  const info = (await res.json()) as Record<string, unknown>;
  if (typeof info.challenge_text !== 'string' || typeof info.read_url_prefix !== 'string') {
    throw new StorageError('E_HUB_INFO_FAILED', `${server}/hub_info lacks challenge_text or read_url_prefix`);
  }
  const v = typeof info.latest_auth_version === 'string' ? Number.parseInt(info.latest_auth_version.slice(1), 10) : 0;
  const token = makeAuthToken(info.challenge_text, server, privateKey, { v0: !(v >= 1), associationToken: opts.associationToken, scopes: opts.scopes });
  return {
    address: addressFromPrivateKey(privateKey),
    url_prefix: info.read_url_prefix,
    token,
    max_file_upload_size_megabytes: typeof info.max_file_upload_size_megabytes === 'number' ? info.max_file_upload_size_megabytes : undefined,
    server,
  };
}

/** Turn a non-2xx hub answer into a StorageError carrying the hub's message and status. */
export async function hubFailure(res: Response, what: string): Promise<StorageError> {
  let message = res.statusText;
  let details: unknown;
  try {
    const text = await res.text();
    details = JSON.parse(text);
    if (details && typeof (details as { message?: unknown }).message === 'string') message = (details as { message: string }).message;
  } catch { /* non-JSON body */ }
  return new StorageError(CODE_BY_STATUS[res.status] ?? 'E_HUB_ERROR', `${what}: ${res.status} ${message}`, { status: res.status, details });
}

