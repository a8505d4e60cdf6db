/**
 * @module routing/atlas/capped — reads a body (request or reply) with a byte cap, whatever the transfer
 * encoding: a declared Content-Length over the cap fails before reading, a stream fails as soon as the cap is
 * passed (nothing over the cap is buffered). `null` = over the cap.
 */
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
      // a server leaves the rest to its adapter (which answers, then drains or closes); a client cancels
      if (cancel) await reader.cancel().catch(() => {}); else reader.releaseLock();
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
