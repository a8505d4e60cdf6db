/**
 * @module ripemd160 — RIPEMD-160 and hash160 (= RIPEMD160(SHA256(x)), Bitcoin's address hash) over linear
 * memory. Static scratch only: no allocation per call.
 */
import { ripemd160Compress } from './ripemd160-compress';
import { sha256Into } from './sha256';

const IV: usize = memory.data<u32>([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
const ST: usize = memory.data(20, 16);
const PAD: usize = memory.data(128, 16);
const MID: usize = memory.data(32, 16);

/** RIPEMD-160 of `len` bytes at `src`, 20 bytes written at `dst` (`dst` may overlap `src`). */
export function ripemd160Into(src: usize, len: usize, dst: usize): void {
  memory.copy(ST, IV, 20);
  let p = src;
  const end = src + (len & ~<usize>63);
  while (p < end) { ripemd160Compress(ST, p); p += 64; }
  const rem = len & 63;
  memory.copy(PAD, p, rem);
  store<u8>(PAD + rem, 0x80);
  const blocks: usize = rem < 56 ? 1 : 2;
  const last = PAD + (blocks << 6);
  memory.fill(PAD + rem + 1, 0, last - 8 - (PAD + rem + 1));
  store<u64>(last - 8, <u64>len << 3); // little-endian bit length
  ripemd160Compress(ST, PAD);
  if (blocks == 2) ripemd160Compress(ST, PAD + 64);
  memory.copy(dst, ST, 20);
}

/** RIPEMD-160 of exactly 32 bytes (the second step of hash160): one block, no tail loop. */
export function ripemd160Of32(src: usize, dst: usize): void {
  memory.copy(ST, IV, 20);
  memory.copy(PAD, src, 32);
  store<u64>(PAD, 0x80, 32);
  store<u64>(PAD, 0, 40);
  store<u64>(PAD, 0, 48);
  store<u64>(PAD, 256, 56);
  ripemd160Compress(ST, PAD);
  memory.copy(dst, ST, 20);
}

/** hash160(x) = RIPEMD160(SHA256(x)): 20 bytes at `dst`. */
export function hash160Into(src: usize, len: usize, dst: usize): void {
  sha256Into(src, len, MID);
  ripemd160Of32(MID, dst);
}
