/**
 * @module sha256 — SHA-256 (FIPS 180-4) over linear memory: one-shot, streaming context, double SHA-256
 * and the fixed-size forms Bitcoin uses (32 and 64 bytes). Static scratch only: no allocation per call.
 * Not reentrant (single-threaded wasm); the streaming context is caller-owned memory of SHA256_CTX_SIZE.
 */
import { sha256Compress } from './sha256-compress';

export { sha256Compress };

/** Bytes of a streaming context: state (32) | block buffer (64) | buffered length u32 | pad | total u64. */
export const SHA256_CTX_SIZE: usize = 112;

const IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
/** Working state for one-shot calls. */
const ST: usize = memory.data(32, 16);
/** Two blocks of tail / padding scratch. */
const PAD: usize = memory.data(128, 16);
/** Scratch for the intermediate digest of sha256d. */
const MID: usize = memory.data(32, 16);
/** The constant second block of any 64-byte message (0x80, zeros, bit length 512). */
const PAD64: usize = memory.data<u8>([
  0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00,
], 16);

// @ts-ignore: decorator
@inline function initState(st: usize): void {
  memory.copy(st, IV, 32);
}

// @ts-ignore: decorator
@inline function writeDigest(st: usize, dst: usize): void {
  store<u32>(dst, bswap<u32>(load<u32>(st, 0)), 0);
  store<u32>(dst, bswap<u32>(load<u32>(st, 4)), 4);
  store<u32>(dst, bswap<u32>(load<u32>(st, 8)), 8);
  store<u32>(dst, bswap<u32>(load<u32>(st, 12)), 12);
  store<u32>(dst, bswap<u32>(load<u32>(st, 16)), 16);
  store<u32>(dst, bswap<u32>(load<u32>(st, 20)), 20);
  store<u32>(dst, bswap<u32>(load<u32>(st, 24)), 24);
  store<u32>(dst, bswap<u32>(load<u32>(st, 28)), 28);
}

/** Pad the `rem` (< 64) tail bytes at `tail` for a message of `total` bytes and compress the last block(s). */
function finishTail(st: usize, tail: usize, rem: usize, total: u64): void {
  memory.copy(PAD, tail, rem);
  store<u8>(PAD + rem, 0x80);
  const blocks: usize = rem < 56 ? 1 : 2;
  const end = PAD + (blocks << 6);
  memory.fill(PAD + rem + 1, 0, end - 8 - (PAD + rem + 1));
  store<u64>(end - 8, bswap<u64>(total << 3));
  sha256Compress(st, PAD);
  if (blocks == 2) sha256Compress(st, PAD + 64);
}

/** SHA-256 of `len` bytes at `src`, 32 bytes written at `dst` (`dst` may overlap `src`). */
export function sha256Into(src: usize, len: usize, dst: usize): void {
  initState(ST);
  let p = src;
  const end = src + (len & ~<usize>63);
  while (p < end) { sha256Compress(ST, p); p += 64; }
  finishTail(ST, p, len & 63, <u64>len);
  writeDigest(ST, dst);
}

/** SHA-256 of exactly 32 bytes at `src` (one block, as in the second round of sha256d). */
export function sha256Of32(src: usize, dst: usize): void {
  initState(ST);
  memory.copy(PAD, src, 32);
  store<u64>(PAD, 0x80, 32);
  store<u64>(PAD, 0, 40);
  store<u64>(PAD, 0, 48);
  store<u64>(PAD, 0x0001000000000000, 56); // big-endian 256 in the last 8 bytes
  sha256Compress(ST, PAD);
  writeDigest(ST, dst);
}

/** SHA-256 of exactly 64 bytes at `src` (a merkle node's children). */
export function sha256Of64(src: usize, dst: usize): void {
  initState(ST);
  sha256Compress(ST, src);
  sha256Compress(ST, PAD64);
  writeDigest(ST, dst);
}

/** Double SHA-256 (Bitcoin's hash256) of `len` bytes at `src` into `dst`. */
export function sha256dInto(src: usize, len: usize, dst: usize): void {
  sha256Into(src, len, MID);
  sha256Of32(MID, dst);
}

/** Double SHA-256 of exactly 64 bytes (a merkle node): `dst` may equal `src`. */
export function sha256dOf64(src: usize, dst: usize): void {
  sha256Of64(src, MID);
  sha256Of32(MID, dst);
}

/** First 16 bytes of SHA-256 (the protocol's hash128). */
export function hash128Into(src: usize, len: usize, dst: usize): void {
  sha256Into(src, len, MID);
  memory.copy(dst, MID, 16);
}

// ---- streaming context (caller-owned memory of SHA256_CTX_SIZE bytes) ----

export function sha256Init(ctx: usize): void {
  initState(ctx);
  store<u32>(ctx, 0, 96);
  store<u64>(ctx, 0, 104);
}

export function sha256Update(ctx: usize, src: usize, len: usize): void {
  let used = <usize>load<u32>(ctx, 96);
  store<u64>(ctx, load<u64>(ctx, 104) + <u64>len, 104);
  const buf = ctx + 32;
  let p = src;
  let n = len;
  if (used > 0) {
    const take = min<usize>(64 - used, n);
    memory.copy(buf + used, p, take);
    used += take; p += take; n -= take;
    if (used < 64) { store<u32>(ctx, <u32>used, 96); return; }
    sha256Compress(ctx, buf);
    used = 0;
  }
  while (n >= 64) { sha256Compress(ctx, p); p += 64; n -= 64; }
  if (n > 0) memory.copy(buf, p, n);
  store<u32>(ctx, <u32>n, 96);
}

/** Finish: 32-byte digest at `dst`. The context must be re-initialised before reuse. */
export function sha256Final(ctx: usize, dst: usize): void {
  finishTail(ctx, ctx + 32, <usize>load<u32>(ctx, 96), load<u64>(ctx, 104));
  writeDigest(ctx, dst);
}
