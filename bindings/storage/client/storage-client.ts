/**
 * @module storage/client/storage-client — putFile / getFile / deleteFile / listFiles over one or more Gaia
 * hubs. Files stay where @stacks/storage puts and looks for them (plain, encrypted, signed `.sig`,
 * signed+encrypted envelope); each write also stores the signed manifest `<path>.manifest.jwt` (and, if
 * asked, a copy under `.versions/`). Writes go to every hub (partial failures are reported); reads race all
 * hubs and take the first replica that verifies. Rollback is refused against the persisted newest-seen cache.
 */
import { StorageError } from '../errors.ts';
import { addressFromPrivateKey, publicKeyFromPrivate, sha256Hex, utf8ToBytes } from '../crypto/keys.ts';
import type { CipherTextEncoding } from '../crypto/ecies.ts';
import { checkSigFile, decryptContent, encryptContent, makeSigFile, openSignedEnvelope } from './envelope.ts';
import { checkContent, isInternalPath, makeManifest, manifestPath, verifyManifest, versionPath, type Manifest } from './manifest.ts';
import { HubReplica, type Precondition } from './replica.ts';
import { MemorySeenStore, type SeenStore } from './seen-store.ts';
import type { FetchFn } from './hub-connection.ts';
import { readVerified, type ReadCheck } from './read-race.ts';
import { storageConfigFor, type StorageConfig, type StorageConfigOptions } from './storage-config.ts';

export interface StorageClientOptions {
  appPrivateKey: string;
  /** Every hub of the user's storage configuration; the first is the primary (listing). */
  hubUrls?: string[];
  /** Or take the hubs from the user's storage configuration (`storageConfigFor`); its bucket must be this key's. */
  storage?: StorageConfig;
  associationToken?: string;
  seen?: SeenStore;
  /** Write signed manifests beside files (default true). */
  manifests?: boolean;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export interface PutFileOptions {
  encrypt?: boolean | string;
  sign?: boolean | string;
  contentType?: string;
  cipherTextEncoding?: CipherTextEncoding;
  dangerouslyIgnoreEtag?: boolean;
  /** Also keep this version under `.versions/<path>/<n>`. */
  keepVersion?: boolean;
}

export interface ReplicaOutcome {
  hub: string;
  ok: boolean;
  publicURL?: string;
  etag?: string;
  error?: StorageError;
}

export interface PutFileResult {
  publicURL: string;
  version: number | null;
  replicas: ReplicaOutcome[];
  failures: ReplicaOutcome[];
}

export interface GetFileOptions {
  decrypt?: boolean;
  verify?: boolean;
  /** Read another bucket: its read URL prefixes including the address (e.g. profile.apps[origin]). */
  bucketUrls?: string[];
  /** Refuse files without a manifest even if this path never had one. */
  requireManifest?: boolean;
}

function asStorageError(e: unknown): StorageError {
  return e instanceof StorageError ? e : new StorageError('E_HUB_ERROR', (e as Error)?.message ?? String(e), { cause: e });
}

function isTextType(ct: string | null): boolean {
  return !ct || ct.startsWith('text/') || ct.startsWith('application/json');
}

export class StorageClient {
  readonly address: string;
  readonly publicKey: string;
  readonly replicas: HubReplica[];
  readonly seen: SeenStore;
  readonly storage?: StorageConfig;
  private readonly key: string;
  private readonly manifests: boolean;

  constructor(opts: StorageClientOptions) {
    const hubUrls = opts.hubUrls ?? opts.storage?.hubUrls;
    if (!hubUrls?.length) throw new StorageError('E_NO_HUBS', `at least one hub URL is required${opts.storage ? ` (the profile of ${opts.storage.name} lists none)` : ''}`);
    this.key = opts.appPrivateKey;
    this.address = addressFromPrivateKey(opts.appPrivateKey);
    this.publicKey = publicKeyFromPrivate(opts.appPrivateKey);
    const bucket = opts.storage?.bucketAddress;
    if (bucket && bucket !== this.address) {
      throw new StorageError('E_BUCKET_MISMATCH', `the profile of ${opts.storage!.name} publishes bucket ${bucket} for ${opts.storage!.appOrigin}, not this app key's ${this.address}`);
    }
    this.storage = opts.storage;
    this.replicas = hubUrls.map((u) => new HubReplica(u, opts.appPrivateKey, { associationToken: opts.associationToken, fetch: opts.fetch, timeoutMs: opts.timeoutMs }));
    this.seen = opts.seen ?? new MemorySeenStore();
    this.manifests = opts.manifests ?? true;
  }

  /** A client for the user `name`: hubs (and bucket check) from their zone file and profile. */
  static async forName(name: string, opts: Omit<StorageClientOptions, 'storage' | 'hubUrls'> & StorageConfigOptions): Promise<StorageClient> {
    const storage = await storageConfigFor(name, { ...opts, fetch: opts.fetch });
    return new StorageClient({ ...opts, storage });
  }

  private seenKey(address: string, path: string): string {
    return `${address}/${path}`;
  }

  /** Highest verified manifest among the hubs (null if none); unverifiable ones are ignored. */
  private async remoteManifest(path: string): Promise<Manifest | null> {
    const found = await Promise.all(this.replicas.map(async (r) => {
      try {
        const f = await r.fetchUrl(await r.readUrl(manifestPath(path)));
        if (f.status === 404) return null;
        return verifyManifest(new TextDecoder().decode(f.body), { path, address: this.address });
      } catch {
        return null;
      }
    }));
    return found.reduce<Manifest | null>((a, m) => (m && (!a || m.version > a.version) ? m : a), null);
  }

  private async precondition(r: HubReplica, path: string, exists: boolean): Promise<Precondition> {
    const known = r.etags.get(path);
    if (known) return { ifMatch: known };
    if (!exists) return { ifNoneMatch: '*' };
    const head = await r.fetchUrl(await r.readUrl(path), undefined, 'HEAD');
    if (head.status === 404 || !head.etag) return { ifNoneMatch: '*' };
    return { ifMatch: head.etag };
  }

  async putFile(path: string, content: string | Uint8Array, opts: PutFileOptions = {}): Promise<PutFileResult> {
    const encrypt = opts.encrypt ?? true;
    let body: Uint8Array;
    let contentType: string;
    let sigFile: string | null = null;
    if (encrypt) {
      const publicKey = typeof encrypt === 'string' ? encrypt : this.publicKey;
      const signKey = opts.sign ? (typeof opts.sign === 'string' ? opts.sign : this.key) : undefined;
      body = utf8ToBytes(encryptContent(content, { publicKey, sign: signKey, cipherTextEncoding: opts.cipherTextEncoding }));
      contentType = 'application/json';
    } else {
      body = typeof content === 'string' ? utf8ToBytes(content) : content;
      contentType = opts.contentType ?? (typeof content === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
      if (opts.sign) sigFile = makeSigFile(typeof opts.sign === 'string' ? opts.sign : this.key, body);
    }

    let version: number | null = null;
    let manifest: string | null = null;
    let exists = false;
    const sk = this.seenKey(this.address, path);
    if (this.manifests) {
      const [remote, local] = await Promise.all([this.remoteManifest(path), this.seen.get(sk)]);
      exists = !!remote;
      version = Math.max(remote?.version ?? 0, local?.version ?? 0) + 1;
      const prev = remote && (!local || remote.version >= local.version) ? remote.sha256 : local?.sha256 ?? null;
      manifest = makeManifest(this.key, { path, version, timestamp: Date.now(), size: body.byteLength, sha256: sha256Hex(body), prev });
    }

    const replicas = await Promise.all(this.replicas.map(async (r): Promise<ReplicaOutcome> => {
      try {
        const limit = (await r.connect()).max_file_upload_size_megabytes;
        if (limit && body.byteLength > limit * 1024 * 1024) {
          throw new StorageError('E_PAYLOAD_TOO_LARGE', `${path} is ${body.byteLength} bytes; ${r.hubUrl} accepts at most ${limit} MB`, { status: 413 });
        }
        const pre = opts.dangerouslyIgnoreEtag ? null : await this.precondition(r, path, exists);
        const out = await r.upload(path, body, contentType, pre);
        const extra: Promise<unknown>[] = [];
        if (sigFile) extra.push(r.upload(`${path}.sig`, sigFile, 'application/json', null));
        if (manifest) extra.push(r.upload(manifestPath(path), manifest, 'application/jwt', null));
        if (manifest && opts.keepVersion) extra.push(r.upload(versionPath(path, version!), body, contentType, { ifNoneMatch: '*' }));
        await Promise.all(extra);
        return { hub: r.hubUrl, ok: true, publicURL: out.publicURL, etag: out.etag };
      } catch (e) {
        return { hub: r.hubUrl, ok: false, error: asStorageError(e) };
      }
    }));
    const failures = replicas.filter((x) => !x.ok);
    const first = replicas.find((x) => x.ok);
    if (!first) {
      const err = failures[0].error!;
      throw new StorageError(err.code, failures.length > 1 ? `all ${failures.length} hubs failed: ${err.message}` : err.message, { status: err.status, details: { failures }, cause: err });
    }
    if (manifest && version !== null) await this.seen.set(sk, { version, sha256: sha256Hex(body) });
    return { publicURL: first.publicURL!, version, replicas, failures };
  }

  async getFile(path: string, opts: GetFileOptions = {}): Promise<string | Uint8Array> {
    const decrypt = opts.decrypt ?? true;
    const verify = opts.verify ?? false;
    const own = !opts.bucketUrls;
    const urls = own
      ? await Promise.all(this.replicas.map(async (r) => ({ replica: r, base: (await r.readUrl('')) })))
      : opts.bucketUrls!.map((u, i) => ({ replica: this.replicas[i % this.replicas.length], base: u.endsWith('/') ? u : `${u}/` }));
    const bucketAddress = own ? this.address : (/[13][a-km-zA-HJ-NP-Z0-9]{26,35}/.exec(urls[0].base)?.[0] ?? '');
    const sk = this.seenKey(bucketAddress, path);
    const seen = this.manifests ? await this.seen.get(sk) : undefined;
    const check: ReadCheck = {
      path, address: bucketAddress, seen, manifests: this.manifests, requireManifest: !!opts.requireManifest,
      sidecar: verify && !decrypt ? `${path}.sig` : null,
    };
    let winner;
    try {
      winner = await readVerified(urls, check);
    } catch (e) {
      // a concurrent writer may have replaced the file but not yet its manifest: look once more
      if (!(e instanceof StorageError) || e.code !== 'E_MANIFEST_MISMATCH') throw e;
      await new Promise((r) => setTimeout(r, 150));
      winner = await readVerified(urls, check);
    }
    if (own) {
      const r = urls[winner.index].replica;
      if (winner.file.etag) r.etags.set(path, winner.file.etag);
    }
    if (winner.manifest) await this.seen.set(sk, { version: winner.manifest.version, sha256: winner.manifest.sha256 });

    const bytes = winner.file.body;
    if (decrypt) {
      const text = new TextDecoder().decode(bytes);
      return verify ? openSignedEnvelope(text, { privateKey: this.key, expectedAddress: bucketAddress }) : decryptContent(text, { privateKey: this.key });
    }
    if (verify) {
      if (!winner.sidecar) throw new StorageError('E_SIGNATURE_VERIFICATION', `Failed to obtain signature for file: ${path}`);
      checkSigFile(new TextDecoder().decode(winner.sidecar), bytes, bucketAddress);
    }
    return isTextType(winner.file.contentType) ? new TextDecoder().decode(bytes) : bytes;
  }

  async deleteFile(path: string, opts: { wasSigned?: boolean } = {}): Promise<{ replicas: ReplicaOutcome[]; failures: ReplicaOutcome[] }> {
    const replicas = await Promise.all(this.replicas.map(async (r): Promise<ReplicaOutcome> => {
      try {
        if (!(await r.remove(path))) throw new StorageError('E_DOES_NOT_EXIST', `File does not exist: ${path}`, { status: 404 });
        const extra = [this.manifests ? r.remove(manifestPath(path)) : null, opts.wasSigned ? r.remove(`${path}.sig`) : null];
        await Promise.all(extra);
        return { hub: r.hubUrl, ok: true };
      } catch (e) {
        return { hub: r.hubUrl, ok: false, error: asStorageError(e) };
      }
    }));
    const failures = replicas.filter((x) => !x.ok);
    if (failures.length === replicas.length) throw failures[0].error!;
    return { replicas, failures };
  }

  /** Pages through the primary hub (falling back to the next); hides manifests and `.versions/` unless asked. */
  async listFiles(callback: (name: string) => boolean | void, opts: { includeInternal?: boolean } = {}): Promise<number> {
    let lastError: StorageError | null = null;
    for (const r of this.replicas) {
      try {
        let count = 0;
        let page: string | null = null;
        for (;;) {
          const out = await r.listPage(page);
          if (out.entries.length === 0) return count;
          for (const e of out.entries) {
            if (e === null || (!opts.includeInternal && isInternalPath(e))) continue;
            count++;
            if (callback(e) === false) return count;
          }
          if (!out.page) return count;
          page = out.page;
        }
      } catch (e) {
        lastError = asStorageError(e);
      }
    }
    throw lastError!;
  }
}
