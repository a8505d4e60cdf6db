/**
 * @module storage/hub/body — request body reading with Gaia's size rules (spec §3.3 step 8): a declared
 * Content-Length over the limit is refused before reading; a streamed body that passes the limit or its
 * declared length is answered 413 at once (the rest is read and dropped for a bounded while, so the peer sees
 * the answer rather than a reset). Nothing is handed to a driver until the whole body is in.
 */
import { discardRest } from '../../base/body.ts';
import { hubError } from './hub-error.ts';

/** After a 413: read and drop what the peer still sends for a bounded while (the server then closes). */
async function discardIter(it: AsyncIterator<Uint8Array>, maxBytes = 64 * 1024 * 1024, maxMs = 2000): Promise<void> {
  const until = Date.now() + maxMs;
  let n = 0;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      n += r.value.byteLength;
      if (n > maxBytes || Date.now() > until) break;
    }
    await it.return?.();
  } catch { /* the peer went away */ }
}

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
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooLarge = () => hubError('PayloadTooLargeError', `Max file upload size is ${maxMB} megabytes. Rejected a streamed body larger than allowed`);
  if (!(req instanceof Request)) {
    // iterate by hand: leaving a for-await early would destroy the socket before the 413 is written
    const it = req[Symbol.asyncIterator]();
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      total += r.value.byteLength;
      if (total > maxBytes || (declared !== null && total > declared)) {
        void discardIter(it);
        throw tooLarge();
      }
      chunks.push(r.value);
    }
  } else {
    if (!req.body) return new Uint8Array(0);
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes || (declared !== null && total > declared)) {
        void discardRest(reader);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
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
