/**
 * @module storage/hub/read-fast — the disk hub's read path on Node, ahead of the hono app: a `GET`/`HEAD
 * /read/<bucket>/<path>` is answered straight from `node:http` with the same status, headers and body as the
 * app's read route (app.ts), without building Request/Response objects or going through the thread pool:
 * open + fstat + cached metadata (the ETag is the stored MD5, validated against size and mtime), a 304 when
 * `If-None-Match` matches (the file is not read), small files read in one synchronous call, medium ones in
 * one call on the thread pool, only large ones streamed (1 MiB chunks) from the open descriptor. Anything unusual (a bad path, a missing file, metadata to recompute, an I/O error)
 * returns false and the request goes through the app, which owns every error answer.
 */
import { close, closeSync, createReadStream, read, readSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiskDriver } from '../drivers/disk.ts';
import type { HubConfig } from './config.ts';
import { READ_PATH, readAnswer } from './read-headers.ts';
/** Files up to this size are read in one synchronous call (page-cache copies this small cost less than a thread-pool trip). */
const SMALL = 256 * 1024;
/** Files up to this size are read whole by one asynchronous read; larger ones are streamed (bounded memory). */
const MEDIUM = 16 << 20;
const CHUNK = 1 << 20;

export function fastRead(driver: DiskDriver, config: Pick<HubConfig, 'cacheControl'>, req: IncomingMessage, res: ServerResponse): boolean {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) return false;
  const url = req.url ?? '';
  if (!url.startsWith('/read/')) return false;
  const q = url.indexOf('?');
  const m = READ_PATH.exec(q < 0 ? url : url.slice(0, q));
  if (!m) return false;
  let opened;
  try {
    opened = driver.openForRead(m[1], decodeURIComponent(m[2]));
  } catch {
    return false;
  }
  if (!opened) return false;
  const { fd, size, meta } = opened;
  const { status, headers } = readAnswer({ contentType: meta.contentType, etag: meta.etag, size }, config.cacheControl, req.headers['if-none-match']);
  if (status === 304 || head) {
    closeSync(fd);
    res.writeHead(status, headers).end();
    return true;
  }
  if (size <= SMALL) {
    const body = Buffer.allocUnsafe(size);
    let n = 0;
    try {
      while (n < size) { const k = readSync(fd, body, n, size - n, n); if (k === 0) break; n += k; }
    } catch {
      closeSync(fd);
      return false;
    }
    closeSync(fd);
    if (n !== size) return false;
    res.writeHead(200, headers).end(body);
    return true;
  }
  if (size <= MEDIUM) {
    // one thread-pool read instead of a stream's many 64 KiB chunks; nothing is sent before the whole body is
    // in memory, so an I/O error (or a file cut short meanwhile) closes the connection without a partial answer
    const body = Buffer.allocUnsafe(size);
    const more = (n: number): void => {
      if (n === size) { close(fd, () => {}); res.writeHead(200, headers).end(body); return; }
      read(fd, body, n, size - n, n, (err, k) => {
        if (err || k === 0) { close(fd, () => {}); res.destroy(); return; }
        more(n + k);
      });
    };
    more(0);
    return true;
  }
  res.writeHead(200, headers);
  const stream = createReadStream('', { fd, start: 0, end: size - 1, autoClose: true, highWaterMark: CHUNK });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
  return true;
}
