/**
 * @module storage/client/replica — one hub in the user's storage configuration: lazy connection (hub_info +
 * token), the per-path ETag memory that drives If-Match / If-None-Match, uploads, deletes, listings and reads.
 * Like @stacks/storage it reconnects (fresh hub_info + token) and retries once on 401, 409 and 5xx.
 */
import { StorageError } from '../errors.ts';
import { connectToGaiaHub, hubFailure, type ConnectOptions, type FetchFn, type GaiaHubConfig } from './hub-connection.ts';

export type Precondition = { ifMatch: string } | { ifNoneMatch: '*' } | null;

export interface Fetched {
  status: number;
  body: Uint8Array;
  contentType: string | null;
  etag: string | null;
}

const RETRY = new Set([401, 409, 500, 502, 503, 504]);

export class HubReplica {
  config: GaiaHubConfig | null = null;
  readonly etags = new Map<string, string>();
  private readonly fetchFn: FetchFn;

  constructor(readonly hubUrl: string, private readonly privateKey: string, private readonly opts: ConnectOptions = {}) {
    this.fetchFn = opts.fetch ?? ((i, init) => fetch(i, init));
  }

  async connect(refresh = false): Promise<GaiaHubConfig> {
    if (!this.config || refresh) this.config = await connectToGaiaHub(this.hubUrl, this.privateKey, { ...this.opts, fetch: this.fetchFn });
    return this.config;
  }

  /** Read URL of `path` in this client's own bucket on this hub. */
  async readUrl(path: string): Promise<string> {
    const c = await this.connect();
    return `${c.url_prefix}${c.address}/${path}`;
  }

  private async send(method: string, route: string, init: RequestInit, what: string, retry = true): Promise<Response> {
    const c = await this.connect();
    const url = `${c.server}/${route}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { ...init, method, headers: { Authorization: `bearer ${c.token}`, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
    } catch (e) {
      throw new StorageError('E_HUB_UNREACHABLE', `${method} ${url} failed: ${(e as Error).message}`, { cause: e });
    }
    if (res.ok) return res;
    if (retry && RETRY.has(res.status)) {
      await res.body?.cancel();
      await this.connect(true);
      return this.send(method, route, init, what, false);
    }
    throw await hubFailure(res, what);
  }

  async upload(path: string, body: Uint8Array | string, contentType: string, pre: Precondition): Promise<{ publicURL: string; etag: string }> {
    const c = await this.connect();
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (pre && 'ifMatch' in pre) headers['If-Match'] = pre.ifMatch;
    if (pre && 'ifNoneMatch' in pre) headers['If-None-Match'] = '*';
    const res = await this.send('POST', `store/${c.address}/${path}`, { body: body as BodyInit, headers }, `Error when uploading ${path} to ${this.hubUrl}`);
    const out = (await res.json()) as { publicURL: string; etag: string };
    if (out.etag) this.etags.set(path, out.etag);
    return out;
  }

  /** false when the hub says the file does not exist. */
  async remove(path: string): Promise<boolean> {
    const c = await this.connect();
    try {
      const res = await this.send('DELETE', `delete/${c.address}/${path}`, {}, `Error deleting ${path} from ${this.hubUrl}`);
      await res.body?.cancel();
      this.etags.delete(path);
      return true;
    } catch (e) {
      if (e instanceof StorageError && e.status === 404) return false;
      throw e;
    }
  }

  async listPage(page: string | null): Promise<{ entries: (string | null)[]; page: string | null }> {
    const c = await this.connect();
    const res = await this.send('POST', `list-files/${c.address}`, { body: JSON.stringify({ page }), headers: { 'Content-Type': 'application/json' } }, `Error listing files on ${this.hubUrl}`);
    const out = (await res.json()) as { entries?: (string | null)[]; page?: string | null };
    if (!Array.isArray(out.entries)) throw new StorageError('E_BAD_HUB_RESPONSE', `list-files on ${this.hubUrl} returned no entries array`);
    return { entries: out.entries, page: out.page ?? null };
  }

  /** GET (or HEAD) a read URL; 404 → status 404 with empty body, other non-2xx → StorageError. */
  async fetchUrl(url: string, signal?: AbortSignal, method = 'GET'): Promise<Fetched> {
    let res: Response;
    try {
      res = await this.fetchFn(url, { method, signal: signal ?? AbortSignal.timeout(this.opts.timeoutMs ?? 60_000), headers: { 'Cache-Control': 'no-cache' } });
    } catch (e) {
      throw new StorageError('E_HUB_UNREACHABLE', `GET ${url} failed: ${(e as Error).message}`, { cause: e });
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return { status: 404, body: new Uint8Array(0), contentType: null, etag: null };
    }
    if (!res.ok) throw await hubFailure(res, `Error reading ${url}`);
    const body = method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body, contentType: res.headers.get('content-type'), etag: res.headers.get('etag') };
  }
}
