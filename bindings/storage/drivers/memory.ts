/**
 * @module storage/drivers/memory — an in-process driver (Map) for tests, demos and runtimes without file
 * access (Deno without --allow-write, browsers running a hub in a worker). ETag = hex SHA-256 prefix of the
 * bytes, so identical bodies give identical etags like the disk driver's MD5. Listing pages are decimal numbers.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { checkPath, type Driver, type ListEntry, type ListResult, type ReadResult, type StatResult } from './driver.ts';
import { hubError } from '../hub/hub-error.ts';

export class MemoryDriver implements Driver {
  readonly name = 'memory';
  readonly files = new Map<string, ReadResult>();

  private key(bucket: string, path: string): string {
    checkPath(bucket, path);
    return `${bucket}/${path}`;
  }

  async performWrite({ bucket, path, contentType, body }: { bucket: string; path: string; contentType: string; body: Uint8Array }) {
    const etag = bytesToHex(sha256(body)).slice(0, 32);
    this.files.set(this.key(bucket, path), { body: body.slice(), contentType, etag, lastModifiedDate: Math.floor(Date.now() / 1000) });
    return { etag };
  }

  async performRead({ bucket, path }: { bucket: string; path: string }) {
    return this.files.get(this.key(bucket, path)) ?? null;
  }

  async performStat({ bucket, path }: { bucket: string; path: string }): Promise<StatResult> {
    const f = this.files.get(this.key(bucket, path));
    return f ? { exists: true, etag: f.etag, contentLength: f.body.byteLength, contentType: f.contentType, lastModifiedDate: f.lastModifiedDate } : { exists: false };
  }

  async performDelete({ bucket, path }: { bucket: string; path: string }) {
    return this.files.delete(this.key(bucket, path));
  }

  async performRename({ bucket, path, newPath }: { bucket: string; path: string; newPath: string }) {
    const f = this.files.get(this.key(bucket, path));
    if (!f) throw hubError('DoesNotExist', 'File does not exist');
    this.files.set(this.key(bucket, newPath), f);
    this.files.delete(this.key(bucket, path));
  }

  async listFiles({ bucket, page, pageSize, stat }: { bucket: string; page: string | null; pageSize: number; stat: boolean }): Promise<ListResult> {
    const n = page ? Number.parseInt(page, 10) : 0;
    if (!Number.isSafeInteger(n) || n < 0) throw hubError('InvalidInputError', 'Invalid page number', { bare: true });
    const prefix = `${bucket}/`;
    const names = [...this.files.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
    const slice = names.slice(n * pageSize, (n + 1) * pageSize);
    const entries: ListEntry[] = slice.map((name) => {
      if (!stat) return name;
      const f = this.files.get(prefix + name)!;
      return { name, exists: true, etag: f.etag, contentLength: f.body.byteLength, contentType: f.contentType, lastModifiedDate: f.lastModifiedDate };
    });
    return { entries, page: names.length > (n + 1) * pageSize ? String(n + 1) : null };
  }
}
