/**
 * @module hash — SHA-256, double SHA-256, RIPEMD-160, hash160, hash128 and batched hashing over the core
 * (ABI.md §Hashing). Uint8Array in, fresh Uint8Array out. Large single SHA-256 messages route to native
 * code where the runtime has it (see platform.ts).
 */
import { core, mem, writeInput, check } from './wasm.ts';
import { nativeSha256, NATIVE_MIN_BYTES } from './platform.ts';

export type HashAlgo = 'sha256' | 'sha256d' | 'ripemd160' | 'hash160' | 'hash128';

const ALGO: Record<HashAlgo, number> = { sha256: 0, sha256d: 1, ripemd160: 2, hash160: 3, hash128: 4 };
const SIZE: Record<HashAlgo, number> = { sha256: 32, sha256d: 32, ripemd160: 20, hash160: 20, hash128: 16 };

function bytes(data: Uint8Array, label: string): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError(`"${label}" expected Uint8Array, got ${typeof data}`);
  return data;
}

function wasmHash(algo: number, data: Uint8Array, what: string): Uint8Array {
  writeInput(data);
  const n = check(core().hashOne(algo, data.length), what);
  const p = core().outputPtr();
  return mem().slice(p, p + n);
}

/** SHA-256 (32 bytes). */
export function sha256(data: Uint8Array): Uint8Array {
  bytes(data, 'data');
  if (data.length >= NATIVE_MIN_BYTES) {
    const d = nativeSha256(data);
    if (d) return d;
  }
  return wasmHash(0, data, 'sha256');
}

/** Double SHA-256 (Bitcoin's hash256; 32 bytes, internal order). */
export function sha256d(data: Uint8Array): Uint8Array {
  bytes(data, 'data');
  if (data.length >= NATIVE_MIN_BYTES) {
    const d = nativeSha256(data);
    if (d) return wasmHash(0, d, 'sha256d');
  }
  return wasmHash(1, data, 'sha256d');
}

/** RIPEMD-160 (20 bytes). */
export function ripemd160(data: Uint8Array): Uint8Array {
  return wasmHash(2, bytes(data, 'data'), 'ripemd160');
}

/** hash160(x) = RIPEMD160(SHA256(x)) (20 bytes). */
export function hash160(data: Uint8Array): Uint8Array {
  bytes(data, 'data');
  if (data.length >= NATIVE_MIN_BYTES) {
    const d = nativeSha256(data);
    if (d) return wasmHash(2, d, 'hash160');
  }
  return wasmHash(3, data, 'hash160');
}

/** hash128(x) = SHA256(x)[0..16] (the protocol's name and consensus hashes). */
export function hash128(data: Uint8Array): Uint8Array {
  return sha256(data).slice(0, 16);
}

/** Digest size in bytes of `algo`. */
export function digestSize(algo: HashAlgo): number {
  const s = SIZE[algo];
  if (!s) throw new RangeError(`"algo" expected one of ${Object.keys(SIZE).join(', ')}, got ${String(algo)}`);
  return s;
}

/**
 * Hash many messages in one core call; returns all digests back to back (message i's digest at
 * `i * digestSize(algo)`). Pass an array of messages, or one Uint8Array of equal-size messages with
 * `msgLen` (the fastest form: no length table, no per-message copy).
 */
export function hashBatch(messages: Uint8Array[] | Uint8Array, algo: HashAlgo = 'sha256', msgLen?: number): Uint8Array {
  digestSize(algo);
  const ex = core();
  let rc: number;
  if (messages instanceof Uint8Array) {
    if (msgLen === undefined || !Number.isInteger(msgLen) || msgLen <= 0 || messages.length % msgLen !== 0) {
      throw new RangeError(`"msgLen" expected a positive divisor of ${messages.length}, got ${msgLen}`);
    }
    writeInput(messages);
    rc = check(ex.hashBatch(ALGO[algo], messages.length / msgLen, msgLen), 'hashBatch');
  } else {
    if (!Array.isArray(messages)) throw new TypeError('"messages" expected Uint8Array[] or Uint8Array');
    const count = messages.length;
    let total = count * 4;
    for (const m of messages) total += bytes(m, 'messages[i]').length;
    const base = ex.inputReserve(total);
    const u8 = mem();
    const dv = new DataView(u8.buffer);
    let off = base + count * 4;
    for (let i = 0; i < count; i++) {
      const m = messages[i];
      dv.setUint32(base + 4 * i, m.length, true);
      u8.set(m, off);
      off += m.length;
    }
    rc = check(ex.hashBatch(ALGO[algo], count, -1), 'hashBatch');
  }
  const p = ex.outputPtr();
  return mem().slice(p, p + rc);
}

/** Split the result of hashBatch into one Uint8Array per message (views, no copy). */
export function splitDigests(all: Uint8Array, algo: HashAlgo = 'sha256'): Uint8Array[] {
  const ds = digestSize(algo);
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += ds) out.push(all.subarray(i, i + ds));
  return out;
}
