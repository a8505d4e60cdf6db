/**
 * @module examples/filesharing — encrypted file sharing. alice shares: bob's app public key by key
 * discovery → the file encrypted to it and signed by alice's app key (stacks.js signed envelope) at
 * `shared/<bob>/<path>` in alice's bucket, listed in the signed index `shared/<bob>/index.json`
 * (`{version:1, from, to, files:[{path, size, sha256, version, sharedAt}]}`). bob lists, fetches,
 * verifies (signer owns alice's published bucket; manifest; no rollback) and decrypts.
 */
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import type { Session } from '../lib/session.ts';
import { bucketOf, getOwnJson, putSignedJson, readSealed, readSigned } from '../lib/storage.ts';
import { sha256Hex } from '../../bindings/storage/crypto/keys.ts';

export interface SharedEntry { path: string; size: number; sha256: string; version: number | null; sharedAt: string }
export interface ShareIndex { version: 1; from: string; to: string; files: SharedEntry[] }

const SAFE = /^[A-Za-z0-9._\-][A-Za-z0-9._\-/]{0,200}$/;
const indexPath = (to: string) => `shared/${to}/index.json`;

export async function share(c: StorageClient, s: Session, to: string, path: string, content: string | Uint8Array): Promise<SharedEntry> {
  if (!SAFE.test(path) || path.includes('..') || path.endsWith('index.json')) throw new Error(`bad file name ${JSON.stringify(path)}`);
  const { appPublicKey } = await bucketOf(s, to);
  if (!appPublicKey) throw new Error(`${to} has not published an app key for ${s.appDomain} (they must sign in to the app once)`);
  const full = `shared/${to}/${path}`;
  const r = await c.putFile(full, content, { encrypt: appPublicKey, sign: true });
  const size = typeof content === 'string' ? new TextEncoder().encode(content).byteLength : content.byteLength;
  const entry: SharedEntry = { path, size, sha256: sha256Hex(typeof content === 'string' ? new TextEncoder().encode(content) : content), version: r.version, sharedAt: new Date().toISOString() };
  const idx = (await getOwnJson<ShareIndex>(c, indexPath(to))) ?? { version: 1, from: s.username, to, files: [] };
  idx.files = [...idx.files.filter((f) => f.path !== path), entry];
  await putSignedJson(c, indexPath(to), idx);
  return entry;
}

/** What `from` shared with me (their signed index). */
export async function listShared(c: StorageClient, s: Session, from: string): Promise<SharedEntry[]> {
  let text: string;
  try { text = await readSigned(c, s, from, indexPath(s.username)); } catch (e) {
    if ((e as { code?: string }).code === 'E_DOES_NOT_EXIST') return [];
    throw e;
  }
  const idx = JSON.parse(text) as ShareIndex;
  if (idx.version !== 1 || idx.from !== from || idx.to !== s.username || !Array.isArray(idx.files)) throw new Error(`the share index of ${from} is malformed`);
  return idx.files;
}

/** Fetch, verify and decrypt one shared file; its digest must match the signed index entry. */
export async function fetchShared(c: StorageClient, s: Session, from: string, path: string): Promise<string | Uint8Array> {
  const entry = (await listShared(c, s, from)).find((f) => f.path === path);
  if (!entry) throw new Error(`${from} has not shared ${path} with ${s.username}`);
  const out = await readSealed(c, s, from, `shared/${s.username}/${path}`);
  const digest = sha256Hex(typeof out === 'string' ? new TextEncoder().encode(out) : out);
  if (digest !== entry.sha256) throw new Error(`${path} from ${from} does not match the digest in their signed index`);
  return out;
}
