/**
 * @module storage/client/manifest — the versioned signed manifest stored beside each file (docs/storage-layout.md).
 * `<path>.manifest.jwt` is an ES256K JWT signed by the app key with claims
 * `{iss, path, version, timestamp, size, sha256, prev}`: `version` grows by one per write, `sha256`/`size`
 * describe the stored bytes exactly, `prev` is the previous version's sha256 (null for version 1).
 */
import { StorageError } from '../errors.ts';
import { decodeJwt, signJwt, verifyJwt } from '../crypto/jwt.ts';
import { addressFromPublicKey, publicKeyFromPrivate, sha256Hex } from '../crypto/keys.ts';

export const MANIFEST_SUFFIX = '.manifest.jwt';
export const VERSIONS_PREFIX = '.versions/';

export interface Manifest {
  iss: string;
  path: string;
  version: number;
  timestamp: number;
  size: number;
  sha256: string;
  prev: string | null;
}

export function manifestPath(path: string): string {
  return path + MANIFEST_SUFFIX;
}

export function versionPath(path: string, version: number): string {
  return `${VERSIONS_PREFIX}${path}/${version}`;
}

export function isInternalPath(name: string): boolean {
  return name.endsWith(MANIFEST_SUFFIX) || name.startsWith(VERSIONS_PREFIX);
}

export function makeManifest(privateKey: string, m: Omit<Manifest, 'iss'>): string {
  const payload: Manifest = { iss: publicKeyFromPrivate(privateKey), path: m.path, version: m.version, timestamp: m.timestamp, size: m.size, sha256: m.sha256, prev: m.prev };
  return signJwt(payload as unknown as Record<string, unknown>, privateKey);
}

/** Verify signature, signer address (= bucket), path and claim types; returns the claims. */
export function verifyManifest(token: string, expect: { path: string; address: string }): Manifest {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token.trim()).payload;
  } catch (e) {
    throw new StorageError('E_BAD_MANIFEST', `manifest for ${expect.path} is not a JWT`, { cause: e });
  }
  const m = claims as unknown as Manifest;
  if (typeof m.iss !== 'string' || typeof m.path !== 'string' || !Number.isSafeInteger(m.version) || m.version < 1 ||
      typeof m.sha256 !== 'string' || !Number.isSafeInteger(m.size) || typeof m.timestamp !== 'number') {
    throw new StorageError('E_BAD_MANIFEST', `manifest for ${expect.path} has missing or mistyped claims`);
  }
  let signer: string;
  try {
    signer = addressFromPublicKey(m.iss);
  } catch {
    throw new StorageError('E_BAD_MANIFEST', 'manifest issuer key is malformed');
  }
  if (signer !== expect.address) throw new StorageError('E_BAD_MANIFEST', `manifest signed by ${signer}, bucket is ${expect.address}`);
  if (!verifyJwt(token.trim(), m.iss)) throw new StorageError('E_BAD_MANIFEST', `manifest signature for ${expect.path} does not verify`);
  if (m.path !== expect.path) throw new StorageError('E_BAD_MANIFEST', `manifest is for ${m.path}, not ${expect.path}`);
  return m;
}

/** The stored bytes must be exactly what the manifest describes. */
export function checkContent(m: Manifest, body: Uint8Array): void {
  if (body.byteLength !== m.size || sha256Hex(body) !== m.sha256) {
    throw new StorageError('E_MANIFEST_MISMATCH', `content of ${m.path} does not match its manifest (version ${m.version})`);
  }
}
