/**
 * @module storage/drivers/disk — local-disk driver. Layout under `root`:
 *   <address>/<path>                    the stored bytes
 *   .gaia-metadata/<address>/<path>     {"contentType","etag","size","mtimeMs"} (etag = hex MD5 of the bytes)
 *   .tmp/<random>                       in-flight writes; renamed into place (atomic on one filesystem)
 * Every resolved path is checked to stay inside its bucket directory. A metadata record whose size/mtime
 * does not match the data file (crash between the two renames) is ignored and the MD5 recomputed.
 */
import { closeSync, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join, resolve, sep, relative } from 'node:path';
import { checkPath, type Driver, type ListEntry, type ListResult, type ReadResult, type StatResult } from './driver.ts';
import { hubError } from '../hub/hub-error.ts';

interface Meta { contentType: string; etag: string; size: number; mtimeMs: number }

const META_DIR = '.gaia-metadata';
/** NAME_MAX of common filesystems (ext4, xfs, apfs). */
const MAX_NAME_BYTES = 255;

/** A file where a directory is needed or the other way round (`d1` over `d1/`, `ok.txt/child`) → 409. */
function fsConflict(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOTEMPTY') {
    return hubError('ConflictError', `Cannot write ${path}: a file or folder of that name is in the way`);
  }
  if (code === 'ENAMETOOLONG') return hubError('InvalidInputError', `Path too long: ${path.slice(0, 64)}…`);
  return e;
}
const TMP_DIR = '.tmp';

export class DiskDriver implements Driver {
  readonly name = 'disk';
  readonly root: string;

  constructor(opts: { storageRootDirectory: string }) {
    this.root = resolve(opts.storageRootDirectory);
  }

  private resolveIn(base: string, bucket: string, path: string): string {
    checkPath(bucket, path);
    const dir = resolve(this.root, base, bucket);
    const full = resolve(dir, path);
    if (!full.startsWith(dir + sep)) throw hubError('BadPathError', 'Invalid Path');
    return full;
  }

  private dataPath(bucket: string, path: string): string {
    return this.resolveIn('.', bucket, path);
  }

  private metaPath(bucket: string, path: string): string {
    return this.resolveIn(META_DIR, bucket, path);
  }

  private tmpInit: Promise<unknown> | null = null;
  /** Directories known to exist (skips a recursive mkdir per write; a vanished one is re-created). */
  private readonly dirs = new Set<string>();

  private async tmpFile(data: Uint8Array | string): Promise<{ tmp: string; mtimeMs: number; size: number }> {
    const tmpDir = join(this.root, TMP_DIR);
    await (this.tmpInit ??= this.cleanTemp());
    const tmp = join(tmpDir, randomBytes(12).toString('hex'));
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(data);
      const st = await fh.stat();
      return { tmp, mtimeMs: st.mtimeMs, size: st.size };
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    } finally {
      await fh.close();
    }
  }

  /** Removes what interrupted writes left in `.tmp` (called before the first write, and by startHub). */
  async cleanTemp(): Promise<number> {
    const tmpDir = join(this.root, TMP_DIR);
    let n = 0;
    try {
      for (const f of await fs.readdir(tmpDir)) { await fs.rm(join(tmpDir, f), { force: true, recursive: true }); n++; }
    } catch { /* no .tmp yet */ }
    await fs.mkdir(tmpDir, { recursive: true });
    return n;
  }

  private async moveInto(tmp: string, target: string): Promise<void> {
    const dir = resolve(target, '..');
    try {
      if (!this.dirs.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        if (this.dirs.size > 10_000) this.dirs.clear();
        this.dirs.add(dir);
      }
      await fs.rename(tmp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !this.dirs.delete(dir)) {
        await fs.rm(tmp, { force: true });
        throw e;
      }
      await this.moveInto(tmp, target);
    }
  }

  async performWrite({ bucket, path, contentType, body }: { bucket: string; path: string; contentType: string; body: Uint8Array }) {
    // a component longer than the filesystem allows is bad input, not a server error
    if (path.split('/').some((c) => Buffer.byteLength(c) > MAX_NAME_BYTES)) {
      throw hubError('InvalidInputError', `Path component longer than ${MAX_NAME_BYTES} bytes`);
    }
    const target = this.dataPath(bucket, path);
    const metaTarget = this.metaPath(bucket, path);
    const etag = createHash('md5').update(body).digest('hex');
    const data = await this.tmpFile(body);
    const meta: Meta = { contentType, etag, size: data.size, mtimeMs: data.mtimeMs };
    // rename preserves mtime, so the metadata can be written while the data moves into place;
    // it is renamed last, and a crash in between leaves metadata that fails the size/mtime check.
    // Both run to the end (allSettled) so a failure of one never leaves the other's temp file behind.
    const [moved, metaTmp] = await Promise.allSettled([this.moveInto(data.tmp, target), this.tmpFile(JSON.stringify(meta))]);
    if (moved.status === 'rejected') {
      if (metaTmp.status === 'fulfilled') await fs.rm(metaTmp.value.tmp, { force: true });
      throw fsConflict(moved.reason, path);
    }
    if (metaTmp.status === 'rejected') throw metaTmp.reason;
    try { await this.moveInto(metaTmp.value.tmp, metaTarget); } catch (e) { throw fsConflict(e, path); }
    this.remember(target, meta);
    return { etag };
  }

  /** Recently used metadata by data-file path; trusted only while the file's size and mtime still match. */
  private readonly metaCache = new Map<string, Meta>();

  private remember(file: string, meta: Meta): void {
    if (this.metaCache.size >= 50_000) this.metaCache.clear();
    this.metaCache.set(file, meta);
  }

  private async resolveMeta(bucket: string, path: string, file: string, st: { size: number; mtimeMs: number }, data?: Uint8Array): Promise<Meta> {
    let meta = this.metaCache.get(file) ?? null;
    if (meta && meta.size === st.size && meta.mtimeMs === st.mtimeMs) return meta;
    try {
      meta = JSON.parse(await fs.readFile(this.metaPath(bucket, path), 'utf8')) as Meta;
    } catch {
      meta = null;
    }
    if (!meta || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) {
      const bytes = data ?? (await fs.readFile(file));
      meta = { contentType: meta?.contentType ?? 'application/octet-stream', etag: createHash('md5').update(bytes).digest('hex'), size: st.size, mtimeMs: st.mtimeMs };
    }
    this.remember(file, meta);
    return meta;
  }

  private async meta(bucket: string, path: string): Promise<{ meta: Meta; mtimeMs: number } | null> {
    const file = this.dataPath(bucket, path);
    let st;
    try {
      st = await fs.stat(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    return { meta: await this.resolveMeta(bucket, path, file, st), mtimeMs: st.mtimeMs };
  }

  async performRead({ bucket, path }: { bucket: string; path: string }): Promise<ReadResult | null> {
    const file = this.dataPath(bucket, path);
    let fh;
    try {
      fh = await fs.open(file, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      throw e;
    }
    let body: Uint8Array;
    let st;
    try {
      st = await fh.stat();
      if (!st.isFile()) return null;
      body = await fh.readFile();
    } finally {
      await fh.close();
    }
    const meta = await this.resolveMeta(bucket, path, file, st, body);
    return { body, contentType: meta.contentType, etag: meta.etag, lastModifiedDate: Math.floor(st.mtimeMs / 1000) };
  }

  /**
   * The hub's read fast path (hub/read-fast): opens the file and resolves its metadata synchronously — a
   * handful of syscalls on the event loop instead of five thread-pool round trips per read. `null`: absent;
   * `undefined`: not answerable here (metadata must be recomputed: the caller takes the async path). The caller
   * owns `fd` and must close it.
   */
  openForRead(bucket: string, path: string): { fd: number; size: number; mtimeMs: number; meta: Meta } | null | undefined {
    const file = this.dataPath(bucket, path);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
      return undefined;
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) { closeSync(fd); return null; }
      let meta = this.metaCache.get(file) ?? null;
      if (!meta || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) {
        try { meta = JSON.parse(readFileSync(this.metaPath(bucket, path), 'utf8')) as Meta; } catch { meta = null; }
        if (!meta || meta.size !== st.size || meta.mtimeMs !== st.mtimeMs) { closeSync(fd); return undefined; }
        this.remember(file, meta);
      }
      return { fd, size: st.size, mtimeMs: st.mtimeMs, meta };
    } catch {
      closeSync(fd);
      return undefined;
    }
  }

  async performStat({ bucket, path }: { bucket: string; path: string }): Promise<StatResult> {
    const m = await this.meta(bucket, path);
    if (!m) return { exists: false };
    return { exists: true, etag: m.meta.etag, contentLength: m.meta.size, contentType: m.meta.contentType, lastModifiedDate: Math.floor(m.mtimeMs / 1000) };
  }

  async performDelete({ bucket, path }: { bucket: string; path: string }): Promise<boolean> {
    const file = this.dataPath(bucket, path);
    try {
      const st = await fs.stat(file);
      if (!st.isFile()) return false;
      await fs.unlink(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
      throw e;
    }
    await fs.rm(this.metaPath(bucket, path), { force: true });
    return true;
  }

  async performRename({ bucket, path, newPath }: { bucket: string; path: string; newPath: string }): Promise<void> {
    const from = this.dataPath(bucket, path);
    const to = this.dataPath(bucket, newPath);
    await fs.mkdir(resolve(to, '..'), { recursive: true });
    await fs.rename(from, to);
    const mTo = this.metaPath(bucket, newPath);
    await fs.mkdir(resolve(mTo, '..'), { recursive: true });
    await fs.rename(this.metaPath(bucket, path), mTo).catch(() => undefined);
  }

  private async walk(dir: string, base: string, out: string[]): Promise<void> {
    let items;
    try {
      items = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const it of items) {
      const full = join(dir, it.name);
      if (it.isDirectory()) await this.walk(full, base, out);
      else if (it.isFile()) out.push(relative(base, full).split(sep).join('/'));
    }
  }

  async listFiles({ bucket, page, pageSize, stat }: { bucket: string; page: string | null; pageSize: number; stat: boolean }): Promise<ListResult> {
    if (!/^[a-zA-Z0-9]+$/.test(bucket)) throw hubError('BadPathError', 'Invalid Path');
    const pageNum = page ? Number.parseInt(page, 10) : 0;
    if (!Number.isSafeInteger(pageNum) || pageNum < 0 || (page !== null && String(pageNum) !== page)) {
      throw hubError('InvalidInputError', 'Invalid page number', { bare: true });
    }
    const base = join(this.root, bucket);
    const all: string[] = [];
    await this.walk(base, base, all);
    all.sort();
    const slice = all.slice(pageNum * pageSize, (pageNum + 1) * pageSize);
    const next = all.length > (pageNum + 1) * pageSize ? String(pageNum + 1) : null;
    if (!stat) return { entries: slice, page: next };
    const entries: ListEntry[] = [];
    for (const name of slice) {
      const s = await this.performStat({ bucket, path: name });
      if (s.exists) entries.push({ name, exists: true, etag: s.etag!, contentLength: s.contentLength!, contentType: s.contentType!, lastModifiedDate: s.lastModifiedDate! });
    }
    return { entries, page: next };
  }
}
