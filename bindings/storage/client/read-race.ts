/**
 * @module storage/client/read-race — read one file from every replica at once and keep the first that
 * verifies: manifest signature + content hash + freshness against the newest-seen entry (and the `.sig`
 * sidecar when asked). Slower replicas are aborted. When none verifies the most telling error is thrown
 * (a rollback or bad manifest beats "does not exist").
 */
import { StorageError } from '../errors.ts';
import { checkContent, manifestPath, verifyManifest, type Manifest } from './manifest.ts';
import type { Fetched, HubReplica } from './replica.ts';
import type { SeenEntry } from './seen-store.ts';

export interface ReadCheck {
  path: string;
  address: string;
  seen?: SeenEntry;
  manifests: boolean;
  requireManifest: boolean;
  sidecar: string | null;
}

export interface ReadWinner {
  index: number;
  file: Fetched;
  manifest: Manifest | null;
  sidecar: Uint8Array | null;
}

async function readOne(replica: HubReplica, base: string, c: ReadCheck, signal: AbortSignal, index: number): Promise<ReadWinner> {
  const [file, man, side] = await Promise.all([
    replica.fetchUrl(base + c.path, signal),
    c.manifests ? replica.fetchUrl(base + manifestPath(c.path), signal) : null,
    c.sidecar ? replica.fetchUrl(base + c.sidecar, signal) : null,
  ]);
  if (file.status === 404) throw new StorageError('E_DOES_NOT_EXIST', `File does not exist: ${c.path}`, { status: 404 });
  let manifest: Manifest | null = null;
  if (man && man.status !== 404) {
    manifest = verifyManifest(new TextDecoder().decode(man.body), { path: c.path, address: c.address });
    checkContent(manifest, file.body);
    if (c.seen && manifest.version < c.seen.version) {
      throw new StorageError('E_ROLLBACK', `refusing version ${manifest.version} of ${c.path}: version ${c.seen.version} was already seen`);
    }
    if (c.seen && manifest.version === c.seen.version && manifest.sha256 !== c.seen.sha256) {
      throw new StorageError('E_EQUIVOCATION', `two different contents claim version ${manifest.version} of ${c.path}`);
    }
  } else if (c.manifests && (c.seen || c.requireManifest)) {
    throw new StorageError('E_MANIFEST_MISSING', `no manifest for ${c.path}, but one is required`);
  }
  return { index, file, manifest, sidecar: side && side.status !== 404 ? side.body : null };
}

const RANK: Record<string, number> = { E_ROLLBACK: 5, E_EQUIVOCATION: 5, E_BAD_MANIFEST: 4, E_MANIFEST_MISMATCH: 4, E_MANIFEST_MISSING: 4, E_DOES_NOT_EXIST: 1 };

export async function readVerified(sources: { replica: HubReplica; base: string }[], c: ReadCheck): Promise<ReadWinner> {
  const ctl = new AbortController();
  const attempts = sources.map((s, i) => readOne(s.replica, s.base, c, ctl.signal, i));
  try {
    const w = await Promise.any(attempts);
    ctl.abort();
    return w;
  } catch (agg) {
    const errors = ((agg as AggregateError).errors ?? [agg]).map((e: unknown) =>
      e instanceof StorageError ? e : new StorageError('E_HUB_ERROR', String((e as Error)?.message ?? e), { cause: e }));
    errors.sort((a, b) => (RANK[b.code] ?? 2) - (RANK[a.code] ?? 2));
    throw errors[0];
  }
}
