/**
 * @module storage/hub/body — request body reading with Gaia's size rules (spec §3.3 step 8): a declared
 * Content-Length over the limit is refused before reading; a streamed body that passes the limit or its
 * declared length is answered 413 at once (the rest is read and dropped for a bounded while, so the peer sees
 * the answer rather than a reset). Nothing is handed to a driver until the whole body is in.
 */
import { collectCapped, joinChunks } from '../../base/body.ts';
import { hubError } from './hub-error.ts';

export function bytesToMegabytes(bytes: number, decimals = 4): number {
  return Number.parseFloat((bytes / (1024 * 1024)).toFixed(decimals));
}

export function checkContentLength(header: string | undefined, maxMB: number): number | null {
  if (header === undefined) return null;
  const n = Number.parseInt(header, 10);
  if (Number.isFinite(n) && n > maxMB * 1024 * 1024) {
    throw hubError('PayloadTooLargeError', `Max file upload size is ${maxMB} megabytes. Rejected Content-Length of ${bytesToMegabytes(n)} megabytes`);
  }
  return Number.isFinite(n) ? n : null;
}

/** A Node IncomingMessage-like source (async iterable of chunks), read without the web-stream bridge. */
export type NodeBody = AsyncIterable<Uint8Array>;

export async function readBody(req: Request | NodeBody, maxBytes: number, declared: number | null, maxMB: number): Promise<Uint8Array> {
  if (req instanceof Request && !req.body) return new Uint8Array(0);
  // a Node body is iterated by hand (collectCapped): leaving a for-await early would destroy the socket before the 413 is written
  const src = req instanceof Request ? req.body!.getReader() : req[Symbol.asyncIterator]();
  const got = await collectCapped(src, declared !== null ? Math.min(maxBytes, declared) : maxBytes, false);
  if (!got) throw hubError('PayloadTooLargeError', `Max file upload size is ${maxMB} megabytes. Rejected a streamed body larger than allowed`);
  return joinChunks(got.chunks, got.total);
}

/** Small JSON bodies of list-files / revoke-all (≤ 4096 bytes); errors are bare 400 `{"message"}`. */
export async function readSmallJson(req: Request): Promise<Record<string, unknown>> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req, 4096, null, 0);
  } catch {
    throw hubError('InvalidInputError', 'Invalid JSON: too long', { bare: true });
  }
  if (bytes.length === 0) return {};
  try {
    const v = JSON.parse(new TextDecoder().decode(bytes));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw hubError('InvalidInputError', 'Invalid JSON: failed to parse body', { bare: true });
  }
}
