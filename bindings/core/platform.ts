/**
 * @module platform — the one place that looks at the host runtime. Large single messages hash faster in
 * the runtime's native code (OpenSSL in Node, Rust in Deno: ~0.8 ms per MiB here vs ~5 ms in WASM), so when
 * `process.getBuiltinModule('node:crypto')` exists (Node >= 20.16, Deno 2) SHA-256 of messages of at least
 * NATIVE_MIN_BYTES goes there; browsers and older runtimes use the WASM core for every size. No static import
 * of node:* here, so the module loads unchanged in browsers.
 */

/** From this size on, single-message SHA-256 uses the native implementation when one exists. */
export const NATIVE_MIN_BYTES = 8192;

type HashFn = (algo: string, data: Uint8Array, enc: 'buffer') => Uint8Array;

function findNative(): HashFn | undefined {
  try {
    const proc = (globalThis as any).process;
    if (typeof proc?.getBuiltinModule !== 'function') return undefined;
    const c = proc.getBuiltinModule('node:crypto');
    if (typeof c?.hash === 'function') return c.hash as HashFn;
    if (typeof c?.createHash === 'function') {
      return (algo, data) => c.createHash(algo).update(data).digest() as Uint8Array;
    }
  } catch {
    // no native crypto in this runtime
  }
  return undefined;
}

const nativeHash = findNative();

/** Native SHA-256 (a fresh Uint8Array), or undefined when the runtime has none. */
export function nativeSha256(data: Uint8Array): Uint8Array | undefined {
  if (!nativeHash) return undefined;
  const d = nativeHash('sha256', data, 'buffer');
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** Which implementation a single SHA-256 of `n` bytes uses ('native' or 'wasm'). */
export function sha256Route(n: number): 'native' | 'wasm' {
  return nativeHash && n >= NATIVE_MIN_BYTES ? 'native' : 'wasm';
}
