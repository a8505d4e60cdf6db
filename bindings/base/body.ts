/**
 * @module base/body — reads an HTTP body (request or reply) with a byte cap, whatever the transfer
 * encoding: a declared Content-Length over the cap fails before reading, a stream fails as soon as the cap is
 * passed (nothing over the cap is buffered). `null` = over the cap.
 */
/** Reads and drops the rest of a refused body: at most `maxBytes` or `maxMs`, then cancels (the socket closes). */
export async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes = 64 * 1024 * 1024, maxMs = 2000): Promise<void> {
  const until = Date.now() + maxMs;
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      n += value.byteLength;
      if (n > maxBytes || Date.now() > until) break;
    }
    await reader.cancel();
  } catch { /* the peer went away */ }
}

export async function readCapped(headers: Headers, body: ReadableStream<Uint8Array> | null, cap: number, cancel = true): Promise<Uint8Array | null> {
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > cap) return null;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // a client cancels; a server answers now and discards what the peer still sends for a bounded while
      // (closing at once would reset the connection and the peer might never read the answer)
      if (cancel) await reader.cancel().catch(() => {}); else void discardRest(reader);
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const buf = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { buf.set(c, o); o += c.byteLength; }
  return buf;
}

/**
 * Like readCapped, decoding UTF-8 chunk by chunk as it arrives: a multi-megabyte body is never decoded in one
 * synchronous block (which would hold the event loop for every other request). `null` = over the cap.
 */
export async function readCappedText(headers: Headers, body: ReadableStream<Uint8Array> | null, cap: number, cancel = true): Promise<string | null> {
  const declared = headers.get('content-length');
  if (declared !== null && Number(declared) > cap) return null;
  if (!body) return '';
  const reader = body.getReader();
  const dec = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      if (cancel) await reader.cancel().catch(() => {}); else void discardRest(reader);
      return null;
    }
    parts.push(dec.decode(value, { stream: true }));
  }
  parts.push(dec.decode());
  return parts.join('');
}
