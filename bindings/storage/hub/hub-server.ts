/**
 * @module storage/hub/hub-server — the hub's operations, transport-free (the hono app in app.ts only maps
 * HTTP to these). Check order follows Gaia's HubServer exactly (spec §3.3–3.7): mutex → revocation →
 * auth + whitelist → scopes → ETag preconditions → size → archival rename → write.
 */
import { randomBytes, bytesToHex } from '../crypto/keys.ts';
import { checkPath, type ListResult } from '../drivers/driver.ts';
import { validateAuthorization, type AuthResult, type ParsedScopes } from './auth-token.ts';
import { resolveConfig, type HubConfig, type HubConfigInput } from './config.ts';
import { hubError } from './hub-error.ts';

export interface StoreRequest {
  address: string;
  path: string;
  authorization?: string | null;
  contentType?: string | null;
  contentLength?: string;
  ifMatch?: string | null;
  ifNoneMatch?: string | null;
  /** Called only after every check has passed. */
  readBody: () => Promise<Uint8Array>;
}

const AUTH_TS_TTL_MS = 30_000;

function matches(path: string, prefixes: string[], paths: string[]): boolean {
  return prefixes.some((p) => path.startsWith(p)) || paths.includes(path);
}

export class HubServer {
  readonly config: HubConfig;
  private readonly busy = new Set<string>();
  /** address → revocation timestamp and when it was read (re-read after AUTH_TS_TTL_MS: other hubs may share the bucket). */
  private readonly authTimestamps = new Map<string, { value: number; at: number }>();
  readUrlPrefix: string;

  constructor(input: HubConfigInput, readUrlPrefix = input.readURL ?? '') {
    this.config = resolveConfig(input);
    this.readUrlPrefix = this.config.readURL ?? readUrlPrefix;
  }

  get driver() {
    return this.config.driver;
  }

  challengeText(): string {
    return JSON.stringify(['gaiahub', '0', this.config.serverName, 'blockstack_storage_please_sign']);
  }

  hubInfo(): Record<string, unknown> {
    const challenge = this.challengeText();
    if (challenge.length < 10) throw new Error('Server challenge text misconfigured');
    return {
      challenge_text: challenge,
      latest_auth_version: 'v1',
      max_file_upload_size_megabytes: this.config.maxFileUploadSize,
      read_url_prefix: this.readUrlPrefix,
    };
  }

  private now(): number {
    return this.config.now ? this.config.now() : Date.now() / 1000;
  }

  /** §3.7: the bucket's oldest valid token timestamp (0 when never revoked). */
  async getAuthTimestamp(address: string): Promise<number> {
    const cached = this.authTimestamps.get(address);
    if (cached !== undefined && Date.now() - cached.at < AUTH_TS_TTL_MS) return cached.value;
    let value = 0;
    try {
      const r = await this.driver.performRead({ bucket: `${address}-auth`, path: 'authTimestamp' });
      if (r) value = Number.parseInt(new TextDecoder().decode(r.body), 10) || 0;
    } catch {
      throw hubError('ValidationError', 'Failed to read the bucket revocation timestamp');
    }
    if (this.authTimestamps.size >= this.config.authTimestampCacheSize) this.authTimestamps.clear();
    this.authTimestamps.set(address, { value: Math.max(value, cached?.value ?? 0), at: Date.now() });
    return Math.max(value, cached?.value ?? 0);
  }

  private validate(address: string, authorization: string | null | undefined, oldest?: number): AuthResult {
    return validateAuthorization(authorization, address, {
      serverName: this.config.serverName,
      requireCorrectHubUrl: this.config.requireCorrectHubUrl,
      validHubUrls: this.config.validHubUrls,
      whitelist: this.config.whitelist,
      oldestValidTokenTimestamp: oldest,
      now: this.now(),
    });
  }

  private lock(address: string, path: string, op: string): () => void {
    const key = `${address}/${path}`;
    if (this.busy.has(key)) throw hubError('ConflictError', `Concurrent operation (${op}) attempted on ${key}`);
    this.busy.add(key);
    return () => this.busy.delete(key);
  }

  /** Archival scopes (if any) must cover the path; true when the write/delete must keep history. */
  private checkArchival(address: string, path: string, s: ParsedScopes): boolean {
    if (s.writeArchivalPrefixes.length === 0 && s.writeArchivalPaths.length === 0) return false;
    if (!matches(path, s.writeArchivalPrefixes, s.writeArchivalPaths)) {
      throw hubError('ValidationError', `Address ${address} not authorized to modify ${path} by scopes`);
    }
    return true;
  }

  private async archive(address: string, path: string): Promise<void> {
    const st = await this.driver.performStat({ bucket: address, path });
    if (!st.exists) return;
    const slash = path.lastIndexOf('/');
    const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
    const name = path.slice(slash + 1);
    const history = `${dir}.history.${Date.now()}.${bytesToHex(randomBytes(8))}.${name}`;
    await this.driver.performRename({ bucket: address, path, newPath: history });
  }

  async handleStore(req: StoreRequest): Promise<{ publicURL: string; etag: string }> {
    const { address, path } = req;
    const unlock = this.lock(address, path, 'store');
    try {
      const oldest = await this.getAuthTimestamp(address);
      const auth = this.validate(address, req.authorization, oldest);
      const archival = this.checkArchival(address, path, auth.scopes);
      const s = auth.scopes;
      if ((s.writePrefixes.length > 0 || s.writePaths.length > 0) && !matches(path, s.writePrefixes, s.writePaths)) {
        throw hubError('ValidationError', `Address ${address} not authorized to write to ${path} by scopes`);
      }
      checkPath(address, path);
      const { ifMatch, ifNoneMatch } = req;
      if (ifMatch && ifNoneMatch) throw hubError('PreconditionFailedError', 'Request should not contain both if-match and if-none-match headers');
      if (ifNoneMatch && ifNoneMatch !== '*') throw hubError('PreconditionFailedError', 'Misuse of the if-none-match header. Expected to be * on write requests.');
      if ((ifMatch && ifMatch !== '*') || ifNoneMatch) {
        const st = await this.driver.performStat({ bucket: address, path });
        if (ifMatch && ifMatch !== '*' && (!st.exists || st.etag !== ifMatch)) {
          throw hubError('PreconditionFailedError', 'The provided ETag does not match that of the resource on the server', { etag: st.etag });
        }
        if (ifNoneMatch === '*' && st.exists) {
          throw hubError('PreconditionFailedError', 'The entity you are trying to create already exists', { etag: st.etag });
        }
      }
      const maxMB = this.config.maxFileUploadSize;
      const body = await req.readBody();
      if (body.byteLength > maxMB * 1024 * 1024) {
        throw hubError('PayloadTooLargeError', `Max file upload size is ${maxMB} megabytes. Rejected a streamed body larger than allowed`);
      }
      if (archival) await this.archive(address, path);
      const { etag } = await this.driver.performWrite({
        bucket: address, path, contentType: req.contentType || 'application/octet-stream', body,
      });
      return { publicURL: `${this.readUrlPrefix}${address}/${path}`, etag };
    } finally {
      unlock();
    }
  }

  async handleDelete(address: string, path: string, authorization?: string | null): Promise<void> {
    const unlock = this.lock(address, path, 'delete');
    try {
      const oldest = await this.getAuthTimestamp(address);
      const auth = this.validate(address, authorization, oldest);
      const archival = this.checkArchival(address, path, auth.scopes);
      const s = auth.scopes;
      if ((s.deletePrefixes.length > 0 || s.deletePaths.length > 0) && !matches(path, s.deletePrefixes, s.deletePaths)) {
        throw hubError('ValidationError', `Address ${address} not authorized to delete from ${path} by scopes`);
      }
      checkPath(address, path);
      if (archival) {
        const st = await this.driver.performStat({ bucket: address, path });
        if (!st.exists) throw hubError('DoesNotExist', 'File does not exist');
        await this.archive(address, path);
        return;
      }
      if (!(await this.driver.performDelete({ bucket: address, path }))) throw hubError('DoesNotExist', 'File does not exist');
    } finally {
      unlock();
    }
  }

  async handleListFiles(address: string, authorization: string | null | undefined, body: Record<string, unknown>): Promise<ListResult> {
    const page = body.page === undefined || body.page === null ? null : String(body.page);
    const stat = body.stat === true;
    const oldest = await this.getAuthTimestamp(address);
    const auth = this.validate(address, authorization, oldest);
    const result = await this.driver.listFiles({ bucket: address, page, pageSize: this.config.pageSize, stat });
    const s = auth.scopes;
    if (s.writeArchivalPrefixes.length > 0 || s.writeArchivalPaths.length > 0) {
      const isHistory = (e: unknown) => {
        const name = typeof e === 'string' ? e : (e as { name: string }).name;
        return name.split('/').pop()!.startsWith('.history.');
      };
      const entries = result.entries.filter((e) => !isHistory(e));
      if (entries.length === 0 && result.page) return { entries: [null as unknown as string], page: result.page };
      return { entries, page: result.page };
    }
    return result;
  }

  async handleRevokeAll(address: string, authorization: string | null | undefined, body: Record<string, unknown>): Promise<void> {
    if (!body.oldestValidTimestamp) throw hubError('InvalidInputError', 'Invalid JSON: missing oldestValidTimestamp', { bare: true });
    const ts = Number.parseInt(String(body.oldestValidTimestamp), 10);
    if (!Number.isFinite(ts) || ts < 0) {
      throw hubError('InvalidInputError', 'Invalid JSON: oldestValidTimestamp is not a valid integer', { bare: true });
    }
    this.validate(address, authorization);
    const current = await this.getAuthTimestamp(address);
    if (ts > current) {
      await this.driver.performWrite({
        bucket: `${address}-auth`, path: 'authTimestamp', contentType: 'text/plain; charset=UTF-8', body: new TextEncoder().encode(String(ts)),
      });
      this.authTimestamps.set(address, { value: ts, at: Date.now() });
    }
  }
}
