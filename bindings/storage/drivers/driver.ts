/**
 * @module storage/drivers/driver — the one interface every storage backend implements. Drivers are dumb
 * drives: the hub does auth, ETag preconditions, size limits and the per-file mutex before calling them.
 * `bucket` is the Gaia address (or `<address>-auth` for the revocation timestamp); `path` is already
 * validated by `checkPath`.
 */
import { hubError } from '../hub/hub-error.ts';

export interface StatResult {
  exists: boolean;
  etag?: string;
  contentLength?: number;
  contentType?: string;
  /** Unix seconds. */
  lastModifiedDate?: number;
}

export interface ReadResult {
  body: Uint8Array;
  contentType: string;
  etag: string;
  lastModifiedDate: number;
}

export type ListEntry = string | { name: string; exists: true; etag: string; contentLength: number; contentType: string; lastModifiedDate: number };

export interface ListResult {
  entries: ListEntry[];
  page: string | null;
}

export interface Driver {
  readonly name: string;
  performWrite(args: { bucket: string; path: string; contentType: string; body: Uint8Array }): Promise<{ etag: string }>;
  performRead(args: { bucket: string; path: string }): Promise<ReadResult | null>;
  performStat(args: { bucket: string; path: string }): Promise<StatResult>;
  /** false when the file does not exist. */
  performDelete(args: { bucket: string; path: string }): Promise<boolean>;
  performRename(args: { bucket: string; path: string; newPath: string }): Promise<void>;
  listFiles(args: { bucket: string; page: string | null; pageSize: number; stat: boolean }): Promise<ListResult>;
  close?(): Promise<void>;
}

export const MAX_PATH_LENGTH = 4096;
export const MAX_PATH_COMPONENTS = 100;
const BUCKET = /^[a-zA-Z0-9]+(-auth)?$/;

/** Gaia's BadPathError rules plus what a filesystem needs: no `..`, NUL, backslash or leading `/`. */
export function checkPath(bucket: string, path: string): void {
  if (!BUCKET.test(bucket)) throw hubError('BadPathError', 'Invalid Path');
  if (!path || path.length > MAX_PATH_LENGTH || path.includes('..') || path.endsWith('/') || path.startsWith('/') ||
      path.includes('\0') || path.includes('\\') || path.split('/').length > MAX_PATH_COMPONENTS) {
    throw hubError('BadPathError', 'Invalid Path');
  }
}
