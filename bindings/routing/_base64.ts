/**
 * @module routing/_base64 — standard base64 for zone-file payloads. Uses Buffer where the runtime has it
 * (Node, Deno's node compat): the portable btoa/atob path costs ~40% of a replication round (profiled).
 */
const B = (globalThis as { Buffer?: { from(a: ArrayBufferView | string, enc?: string): Uint8Array & { toString(enc: string): string } } }).Buffer;

export function b64encode(b: Uint8Array): string {
  if (B) return B.from(b).toString('base64');
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Decode standard base64; throws on characters outside the alphabet (Buffer alone would skip them). */
export function b64decode(s: string): Uint8Array {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) throw new Error('invalid base64');
  if (B) { const u = B.from(t, 'base64'); return new Uint8Array(u.buffer, u.byteOffset, u.byteLength); }
  const bin = atob(t);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
