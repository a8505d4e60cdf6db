/**
 * @module crawl/snapshot — the compact, signed snapshot a developer publishes to their own Gaia bucket:
 * `crawl/snapshot.json` (people docs: name, display name, description, linked accounts; the app's stats) and
 * `crawl/manifest.json` (version, app, publisher, time, the app public key, and each file's size + SHA-256),
 * each with a stacks.js-style `.sig` sidecar (`{signature, publicKey}`, DER ECDSA over SHA-256 of the bytes).
 * `verifySnapshot` is what a reader (the browser page) runs: manifest signature by the expected app key, then
 * the snapshot's size and hash against the manifest. Runtime neutral (@noble only), so it bundles for browsers.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export interface SnapshotDoc { n: string; d: string; s: string; a: string }
export interface SnapshotStats { app: string; users: number; posts: number; newUsersPerDay: { day: string; users: number }[] }
export interface Snapshot { version: 1; app: string; createdAt: string; count: number; docs: SnapshotDoc[]; stats: SnapshotStats | null }
export interface ManifestFile { path: string; size: number; sha256: string }
export interface Manifest { version: 1; kind: 'blockstack-crawl-snapshot'; app: string; publisher: string; createdAt: string; publicKey: string; files: ManifestFile[] }
export interface OutFile { path: string; body: Uint8Array; contentType: string }

export const SNAPSHOT_PATH = 'crawl/snapshot.json';
export const MANIFEST_PATH = 'crawl/manifest.json';

const enc = new TextEncoder();
const sigOf = (key: Uint8Array, body: Uint8Array) => bytesToHex(secp256k1.sign(sha256(body), key, { prehash: false, lowS: true, format: 'der' }));

/** The four files to upload, signed with the app private key (hex). */
export function signSnapshot(s: Snapshot, publisher: string, appPrivateKeyHex: string): { files: OutFile[]; manifest: Manifest } {
  const key = hexToBytes(appPrivateKeyHex.slice(0, 64));
  const publicKey = bytesToHex(secp256k1.getPublicKey(key, true));
  const body = enc.encode(JSON.stringify(s));
  const manifest: Manifest = { version: 1, kind: 'blockstack-crawl-snapshot', app: s.app, publisher, createdAt: s.createdAt, publicKey, files: [{ path: SNAPSHOT_PATH, size: body.length, sha256: bytesToHex(sha256(body)) }] };
  const mbody = enc.encode(JSON.stringify(manifest));
  const side = (b: Uint8Array) => enc.encode(JSON.stringify({ signature: sigOf(key, b), publicKey }));
  return {
    manifest,
    files: [
      { path: SNAPSHOT_PATH, body, contentType: 'application/json' },
      { path: `${SNAPSHOT_PATH}.sig`, body: side(body), contentType: 'application/json' },
      { path: MANIFEST_PATH, body: mbody, contentType: 'application/json' },
      { path: `${MANIFEST_PATH}.sig`, body: side(mbody), contentType: 'application/json' },
    ],
  };
}

export class SnapshotError extends Error { readonly code = 'E_SNAPSHOT'; }

/** Verifies manifest + sidecar against the expected app public key (hex), then the snapshot against the manifest. */
export function verifySnapshot(manifestBytes: Uint8Array, manifestSig: Uint8Array, snapshotBytes: Uint8Array, expectedPublicKey: string): { manifest: Manifest; snapshot: Snapshot } {
  const dec = new TextDecoder();
  let side: { signature?: string; publicKey?: string };
  try { side = JSON.parse(dec.decode(manifestSig)); } catch { throw new SnapshotError('manifest signature file is not JSON'); }
  if (typeof side.signature !== 'string' || typeof side.publicKey !== 'string') throw new SnapshotError('manifest signature file lacks signature/publicKey');
  if (side.publicKey.toLowerCase() !== expectedPublicKey.toLowerCase()) throw new SnapshotError(`manifest signed by ${side.publicKey}, not the app key ${expectedPublicKey}`);
  let ok = false;
  try { ok = secp256k1.verify(hexToBytes(side.signature), sha256(manifestBytes), hexToBytes(side.publicKey), { prehash: false, format: 'der', lowS: false }); } catch { ok = false; }
  if (!ok) throw new SnapshotError('manifest signature does not verify');
  const manifest = JSON.parse(dec.decode(manifestBytes)) as Manifest;
  if (manifest.kind !== 'blockstack-crawl-snapshot' || manifest.publicKey.toLowerCase() !== expectedPublicKey.toLowerCase()) throw new SnapshotError('not a snapshot manifest of this app key');
  const f = manifest.files.find((x) => x.path === SNAPSHOT_PATH);
  if (!f) throw new SnapshotError('manifest lists no snapshot');
  if (f.size !== snapshotBytes.length || f.sha256 !== bytesToHex(sha256(snapshotBytes))) throw new SnapshotError('snapshot does not match the manifest (size or SHA-256)');
  return { manifest, snapshot: JSON.parse(dec.decode(snapshotBytes)) as Snapshot };
}
