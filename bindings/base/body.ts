/**
 * @module base/body — reads an HTTP body (request or reply) with a byte cap, whatever the transfer
 * encoding: a declared Content-Length over the cap fails before reading, a stream fails as soon as the cap is
 * passed (nothing over the cap is buffered). `null` = over the cap.
 */
/** Where chunks come from: a web stream's reader, or a Node stream's async iterator (read by hand: leaving a
 * for-await early would destroy the socket before an answer is written). */
export type ChunkSource = ReadableStreamDefaultReader<Uint8Array> | AsyncIterator<Uint8Array>;

const pull = (src: ChunkSource): Promise<IteratorResult<Uint8Array> | ReadableStreamReadResult<Uint8Array>> => ('read' in src ? src.read() : src.next());
const stop = async (src: ChunkSource): Promise<void> => { if ('cancel' in src) await src.cancel(); else await src.return?.(); };

/** Reads and drops the rest of a refused body: at most `maxBytes` or `maxMs`, then cancels (the socket closes). */
export async function discardRest(src: ChunkSource, maxBytes = 64 * 1024 * 1024, maxMs = 2000): Promise<void> {
  const until = Date.now() + maxMs;
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await pull(src);
      if (done) return;
      n += value.byteLength;
      if (n > maxBytes || Date.now() > until) break;
    }
    await stop(src);
  } catch { /* the peer went away */ }
}

/**
 * THE capped chunk-read loop (readCapped, readCappedText, the API's body-limit middleware and the hub's body
 * reader all use it): reads `src` to its end, keeping the chunks, or returns `null` as soon as more than `cap`
 * bytes came (nothing over the cap is buffered). Over the cap, a client (`cancel` true) cancels; a server
 * answers now and discards what the peer still sends for a bounded while (closing at once would reset the
 * connection and the peer might never read the answer). `onChunk`, when given, takes each chunk as it arrives
 * instead of it being kept (readCappedText decodes it there).
 */
export async function collectCapped(src: ChunkSource, cap: number, cancel: boolean, onChunk?: (chunk: Uint8Array) => void): Promise<{ chunks: Uint8Array[]; total: number } | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await pull(src);
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      if (cancel) await stop(src).catch(() => {}); else void discardRest(src);
      return null;
    }
    if (onChunk) onChunk(value); else chunks.push(value);
  }
  return { chunks, total };
}

/** The chunks as one buffer (the single chunk itself when there is only one). */
export function joinChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const buf = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { buf.set(c, o); o += c.byteLength; }
  return buf;
}

export async function readCapped(headers: Headers, body: ReadableStream<Uint8Array> | null, cap: number, cancel = true): Promise<Uint8Array | null> {
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > cap) return null;
  if (!body) return new Uint8Array(0);
  const got = await collectCapped(body.getReader(), cap, cancel);
  return got && joinChunks(got.chunks, got.total);
}

/**
 * Like readCapped, decoding UTF-8 chunk by chunk as it arrives (collectCapped's `onChunk`): a multi-megabyte
 * body is never decoded in one synchronous block (which would hold the event loop for every other request).
 * `null` = over the cap.
 */
export async function readCappedText(headers: Headers, body: ReadableStream<Uint8Array> | null, cap: number, cancel = true): Promise<string | null> {
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > cap) return null;
  if (!body) return '';
  const dec = new TextDecoder();
  const parts: string[] = [];
  if (!(await collectCapped(body.getReader(), cap, cancel, (c) => parts.push(dec.decode(c, { stream: true }))))) return null;
  parts.push(dec.decode());
  return parts.join('');
}
