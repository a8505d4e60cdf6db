/**
 * @module bitcoin/reader — bounds-checked reading of Bitcoin serialization (CompactSize varints) and the
 * parser's error slot. Every reader takes the current pointer and the end of the input and never reads
 * past it; the first error wins and is reported with its offset from the start of the input.
 */
import { setErrorOffset } from '../mem';
import { E_TRUNCATED, E_VARINT } from '../errors';

/** Largest CompactSize Bitcoin Core accepts (MAX_SIZE, 32 MiB). */
export const MAX_COMPACT: u64 = 0x02000000;

/** Start of the input being parsed (offsets in errors and records are relative to it). */
export let rBase: usize = 0;
/** The first error code of the current parse, or 0. */
export let rErr: i32 = 0;
/** Pointer just past the last varint read by `readVarint`. */
export let vNext: usize = 0;

export function readerInit(base: usize): void {
  rBase = base;
  rErr = 0;
  setErrorOffset(-1);
}

/** Record an error at pointer `at` (the first one wins). Always returns 0 (the "failed" pointer). */
export function fail(code: i32, at: usize): usize {
  if (rErr == 0) {
    rErr = code;
    setErrorOffset(<i32>(at - rBase));
  }
  return 0;
}

/**
 * Read a canonical CompactSize at `p` (`p < end` not required). Sets `vNext`; returns the value, or
 * u64.MAX_VALUE after recording E_TRUNCATED / E_VARINT (non-minimal encoding or above MAX_COMPACT).
 */
export function readVarint(p: usize, end: usize): u64 {
  if (p >= end) { fail(E_TRUNCATED, p); return u64.MAX_VALUE; }
  const b = load<u8>(p);
  if (b < 0xfd) { vNext = p + 1; return <u64>b; }
  let v: u64;
  let min: u64;
  if (b == 0xfd) {
    if (end - p < 3) { fail(E_TRUNCATED, p); return u64.MAX_VALUE; }
    v = <u64>load<u16>(p, 1); min = 0xfd; vNext = p + 3;
  } else if (b == 0xfe) {
    if (end - p < 5) { fail(E_TRUNCATED, p); return u64.MAX_VALUE; }
    v = <u64>load<u32>(p, 1); min = 0x10000; vNext = p + 5;
  } else {
    if (end - p < 9) { fail(E_TRUNCATED, p); return u64.MAX_VALUE; }
    v = load<u64>(p, 1); min = 0x100000000; vNext = p + 9;
  }
  if (v < min || v > MAX_COMPACT) { fail(E_VARINT, p); return u64.MAX_VALUE; }
  return v;
}

/**
 * Skip a length-prefixed byte string (script, witness item) at `p`. Returns the pointer after it, or 0.
 * `vNext` is left pointing at the string's first byte.
 */
// @ts-ignore: decorator
@inline export function skipBytes(p: usize, end: usize): usize {
  let n: u64;
  let q: usize;
  if (p < end && load<u8>(p) < 0xfd) { n = <u64>load<u8>(p); q = p + 1; vNext = q; } else {
    n = readVarint(p, end);
    if (n == u64.MAX_VALUE) return 0;
    q = vNext;
  }
  if (n > <u64>(end - q)) return fail(E_TRUNCATED, q);
  return q + <usize>n;
}
