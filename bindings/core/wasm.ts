/**
 * @module wasm — loads the core (bytes embedded in wasm-bytes.ts) and gives typed access to its memory.
 *
 * Node and Deno compile synchronously at first use, so the API works right after import; browsers, which
 * refuse synchronous compilation of large modules on the main thread, call `await ready()` first.
 */
import { WASM_BASE64 } from './wasm-bytes.ts';
import { CoreError } from './errors.ts';

export const ABI_VERSION = 1;

/** Raw exports of core.wasm (see core-as/ABI.md). */
export type CoreExports = Record<string, any> & {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  inputReserve(n: number): number;
  inputPtr(): number;
  outputPtr(): number;
  outputLen(): number;
  errorOffset(): number;
};

let exportsCache: CoreExports | undefined;
let u8: Uint8Array = new Uint8Array(0);
let dv: DataView = new DataView(new ArrayBuffer(0));

function decodeBase64(b64: string): Uint8Array {
  const g = globalThis as any;
  if (typeof g.Buffer === 'function') return new Uint8Array(g.Buffer.from(b64, 'base64'));
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, col: number): never {
      throw new CoreError('E_CORE_TRAP', -1, `core abort at ${line}:${col}`);
    },
    seed(): number { return Date.now(); },
  },
};

/** Instantiate a compiled core and check its ABI version (exported for the ABI-mismatch test). */
export function instantiate(module: WebAssembly.Module): CoreExports {
  const inst = new WebAssembly.Instance(module, imports);
  const ex = inst.exports as unknown as CoreExports;
  if (typeof ex._initialize === 'function') ex._initialize();
  if (ex.abiVersion() !== ABI_VERSION) throw new CoreError('E_ABI', -1, `core.wasm ABI ${ex.abiVersion()}, expected ${ABI_VERSION}`);
  return ex;
}

let moduleCache: WebAssembly.Module | undefined;

/**
 * The compiled core, compiled once per thread. A worker thread given it (`useModule`, e.g. through
 * `workerData`) shares the compiled code — no second compilation, and functions already optimised stay so.
 */
export function coreModule(): WebAssembly.Module {
  return (moduleCache ??= new WebAssembly.Module(decodeBase64(WASM_BASE64) as BufferSource));
}

/** The core's exports, compiling synchronously on first use (Node, Deno, workers). */
export function core(): CoreExports {
  if (!exportsCache) exportsCache = instantiate(coreModule());
  return exportsCache;
}

/** Instantiates an already compiled core (`coreModule()` of another thread) unless this thread has one. */
export function useModule(m: WebAssembly.Module): void {
  if (exportsCache) return;
  exportsCache = instantiate(m);
  moduleCache = m;
}

/** Compile asynchronously (browsers); afterwards every call is synchronous. */
export async function ready(): Promise<void> {
  if (exportsCache) return;
  const mod = await WebAssembly.compile(decodeBase64(WASM_BASE64) as BufferSource);
  moduleCache ??= mod;
  exportsCache ??= instantiate(mod);
}

/** Byte view of the core's memory, re-made when memory has grown. */
export function mem(): Uint8Array {
  const buf = core().memory.buffer;
  if (u8.buffer !== buf) {
    u8 = new Uint8Array(buf);
    dv = new DataView(buf);
  }
  return u8;
}

/** DataView of the core's memory, re-made when memory has grown. */
export function view(): DataView {
  mem();
  return dv;
}

/** Copy `data` into the input arena; returns its address. No copy when `data` is the arena (`inputView`). */
export function writeInput(data: Uint8Array): number {
  const ptr = core().inputReserve(data.length);
  if (ptr === 0) throw new CoreError('E_TOO_LARGE', -1, `input of ${data.length} bytes`);
  const m = mem();
  if (data.buffer !== m.buffer || data.byteOffset !== ptr) m.set(data, ptr);
  return ptr;
}

/**
 * The input arena as an `n`-byte view, for hosts that read their input straight into core memory (a file
 * read into it saves the copy `writeInput` makes). Passing this view to the next core call copies nothing.
 * Valid until the next core call: any call may grow memory, which detaches the view (`inputBytes` re-makes it;
 * entry points other than xorInput leave the input arena as it was).
 */
export function inputView(n: number): Uint8Array {
  const ptr = core().inputReserve(n);
  if (ptr === 0) throw new CoreError('E_TOO_LARGE', -1, `input of ${n} bytes`);
  return mem().subarray(ptr, ptr + n);
}

/** The first `n` bytes of the input arena as they are now (after a call: the input it was given). */
export function inputBytes(n: number): Uint8Array {
  const ptr = core().inputPtr();
  return mem().subarray(ptr, ptr + n);
}

/** True when `data` is a view into core memory (so a call may detach it). */
export function inCoreMemory(data: Uint8Array): boolean { return data.buffer === core().memory.buffer; }

/** Copy `len` bytes at `ptr` out of the core's memory. */
export function readBytes(ptr: number, len: number): Uint8Array {
  return mem().slice(ptr, ptr + len);
}

/** Throw a CoreError for a negative return code. */
export function check(rc: number, what: string): number {
  if (rc < 0) throw CoreError.fromCode(rc, core().errorOffset(), what);
  return rc;
}
