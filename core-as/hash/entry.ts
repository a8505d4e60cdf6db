/**
 * @module hash/entry — the hash entry points of the ABI (see ABI.md §Hashing). Input is read from the
 * input arena, digests are written to the output arena; errors are negative codes, never traps.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE, E_TRUNCATED } from '../errors';
import { sha256Into, sha256dInto, hash128Into } from './sha256';
import { ripemd160Into, ripemd160Of32, hash160Into } from './ripemd160';
import { sha256Multi, sha256dMulti, sha256Strided } from './sha256-multi';

/** Bound on a batch's result arena (digests + scratch + table: 44 + digest bytes per message). */
export const MAX_BATCH_OUTPUT: u64 = 256 << 20;

export const ALGO_SHA256: i32 = 0;
export const ALGO_SHA256D: i32 = 1;
export const ALGO_RIPEMD160: i32 = 2;
export const ALGO_HASH160: i32 = 3;
export const ALGO_HASH128: i32 = 4;

/** Digest size of `algo`, or 0 for an unknown algorithm. */
export function digestSize(algo: i32): i32 {
  if (algo == ALGO_SHA256 || algo == ALGO_SHA256D) return 32;
  if (algo == ALGO_RIPEMD160 || algo == ALGO_HASH160) return 20;
  if (algo == ALGO_HASH128) return 16;
  return 0;
}

/** Hash `len` bytes at `src` with `algo` into `dst` (algo already validated). */
export function hashInto(algo: i32, src: usize, len: usize, dst: usize): void {
  switch (algo) {
    case ALGO_SHA256: sha256Into(src, len, dst); break;
    case ALGO_SHA256D: sha256dInto(src, len, dst); break;
    case ALGO_RIPEMD160: ripemd160Into(src, len, dst); break;
    case ALGO_HASH160: hash160Into(src, len, dst); break;
    default: hash128Into(src, len, dst); break;
  }
}

/** Hash the first `len` input bytes; the digest goes to the output arena. Returns the digest size. */
export function hashOne(algo: i32, len: i32): i32 {
  setErrorOffset(-1);
  const ds = digestSize(algo);
  if (ds == 0 || len < 0) return E_BAD_ARG;
  if (<usize>len > inputCap()) return E_TOO_LARGE;
  const out = outputReserve(<usize>ds);
  if (out == 0) return E_TOO_LARGE;
  hashInto(algo, inputPtr(), <usize>len, out);
  setOutputLen(<usize>ds);
  return ds;
}

/**
 * Hash `count` messages in one call. `msgLen >= 0`: the input holds `count` messages of `msgLen` bytes
 * back to back. `msgLen == -1`: the input holds `count` little-endian u32 lengths, then the messages back
 * to back. Digests are written back to back to the output arena. Returns the output length.
 * SHA-256 based algorithms run four messages at a time (sha256-multi); RIPEMD-160 alone is scalar.
 */
export function hashBatch(algo: i32, count: i32, msgLen: i32): i32 {
  setErrorOffset(-1);
  const ds = digestSize(algo);
  if (ds == 0 || count < 0 || msgLen < -1) return E_BAD_ARG;
  const cap = <u64>inputCap();
  if (<u64>count * (44 + <u64>ds) > MAX_BATCH_OUTPUT) return E_TOO_LARGE;
  const n = <usize>count;
  const base = inputPtr();
  let data = base;
  if (msgLen >= 0) {
    if (<u64>count * <u64>msgLen > cap) return E_TOO_LARGE;
  } else {
    const table = <u64>count << 2;
    if (table > cap) return E_TOO_LARGE;
    let total: u64 = table;
    for (let i: usize = 0; i < n; i++) total += <u64>load<u32>(base + (i << 2));
    if (total > cap) { setErrorOffset(<i32>table); return E_TRUNCATED; }
    data = base + <usize>table;
  }
  const outLen = n * <usize>ds;
  // output arena: digests | SHA-256 scratch (hash160, hash128) | table of {src, len, dst}
  const shaOff = (outLen + 15) & ~<usize>15;
  const tblOff = shaOff + (n << 5);
  const out = outputReserve(tblOff + n * 12);
  if (out == 0) return E_TOO_LARGE;
  const direct = algo == ALGO_SHA256 || algo == ALGO_SHA256D;
  const shaDst = direct ? out : out + shaOff;
  if (algo == ALGO_RIPEMD160) {
    let p = data;
    for (let i: usize = 0; i < n; i++) {
      const len = msgLen >= 0 ? <usize>msgLen : <usize>load<u32>(base + (i << 2));
      ripemd160Into(p, len, out + i * 20);
      p += len;
    }
  } else if (msgLen >= 0) {
    sha256Strided(data, <usize>msgLen, <usize>msgLen, shaDst, 32, n, algo == ALGO_SHA256D);
  } else {
    let p = data;
    for (let i: usize = 0; i < n; i++) {
      const len = <usize>load<u32>(base + (i << 2));
      const e = out + tblOff + i * 12;
      store<u32>(e, <u32>p, 0);
      store<u32>(e, <u32>len, 4);
      store<u32>(e, <u32>(shaDst + (i << 5)), 8);
      p += len;
    }
    if (algo == ALGO_SHA256D) sha256dMulti(out + tblOff, n);
    else sha256Multi(out + tblOff, n);
  }
  if (algo == ALGO_HASH160) {
    for (let i: usize = 0; i < n; i++) ripemd160Of32(out + shaOff + (i << 5), out + i * 20);
  } else if (algo == ALGO_HASH128) {
    for (let i: usize = 0; i < n; i++) memory.copy(out + (i << 4), out + shaOff + (i << 5), 16);
  }
  setOutputLen(outLen);
  return <i32>outLen;
}
