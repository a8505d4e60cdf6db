/**
 * @module examples/lib/storage — the apps' storage helpers over the project's StorageClient: signed
 * public JSON (`.sig` sidecar, stacks.js `putFile(…, {sign: true})` format, plus the signed manifest that
 * makes rollbacks detectable), reading another user's signed file through key discovery, and the
 * reader's seen-store (newest version per file: replays of old versions are refused).
 */
import { discoverAppKey } from '../../bindings/auth/discover.ts';
import { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { MemorySeenStore, type SeenStore } from '../../bindings/storage/client/seen-store.ts';
import { sha256Hex } from '../../bindings/storage/crypto/keys.ts';
import type { Session } from './session.ts';

export const sha256OfText = (s: string) => sha256Hex(new TextEncoder().encode(s));

export function clientOf(s: Session, seen: SeenStore = new MemorySeenStore()): StorageClient {
  return new StorageClient({ appPrivateKey: s.appPrivateKey, hubUrls: [s.hubUrl], seen });
}

export async function putSignedJson(c: StorageClient, path: string, value: unknown): Promise<{ text: string; version: number | null; url: string }> {
  const text = JSON.stringify(value);
  const r = await c.putFile(path, text, { encrypt: false, sign: true, contentType: 'application/json' });
  return { text, version: r.version, url: r.publicURL };
}

/** Own file (404 → undefined). */
export async function getOwnJson<T>(c: StorageClient, path: string): Promise<T | undefined> {
  try { return JSON.parse((await c.getFile(path, { decrypt: false, verify: true })) as string) as T; } catch (e) {
    if ((e as { code?: string }).code === 'E_DOES_NOT_EXIST' || /404|does not exist/i.test((e as Error).message)) return undefined;
    throw e;
  }
}

/** Another user's bucket for this app (verified through their zone file and profile). */
export async function bucketOf(s: Session, name: string): Promise<{ bucketUrl: string; appPublicKey?: string }> {
  const app = await discoverAppKey(name, s.appDomain, { apiUrl: s.apiUrl });
  return { bucketUrl: app.bucketUrl, appPublicKey: app.appPublicKey };
}

/** `name`'s signed file: `.sig` checked against the bucket's key, manifest checked, rollback refused. */
export async function readSigned(c: StorageClient, s: Session, name: string, path: string): Promise<string> {
  const { bucketUrl } = await bucketOf(s, name);
  return (await c.getFile(path, { decrypt: false, verify: true, bucketUrls: [bucketUrl], requireManifest: true })) as string;
}

/** `name`'s file sealed to us (signed + encrypted envelope): signer must own the bucket; rollback refused. */
export async function readSealed(c: StorageClient, s: Session, name: string, path: string): Promise<string | Uint8Array> {
  const { bucketUrl } = await bucketOf(s, name);
  return c.getFile(path, { decrypt: true, verify: true, bucketUrls: [bucketUrl], requireManifest: true });
}
