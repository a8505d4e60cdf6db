/**
 * @module bitcoin/merkle — Bitcoin's merkle tree (double SHA-256 of concatenated children, odd levels
 * duplicate their last node), each level hashed in one multi-buffer SIMD pass, with Bitcoin Core's
 * CVE-2012-2459 "mutated" check.
 */
import { sha256Strided } from '../hash/sha256-multi';

/** Bytes of scratch `merkleReduce` needs beside the n + 1 hash slots of `buf`. */
// @ts-ignore: decorator
@inline export function merkleTmpSize(n: usize): usize { return ((n >> 1) + 2) << 5; }

/**
 * Reduce `n` (>= 1) 32-byte hashes at `buf` to their merkle root, left at `buf`. `buf` must have room
 * for n + 1 hashes and `tmp` for merkleTmpSize(n) bytes. Returns true when some level had two identical
 * sibling hashes (a mutable tree).
 */
export function merkleReduce(buf: usize, tmp: usize, n: usize): bool {
  let mutated = false;
  let a = buf;
  let b = tmp;
  while (n > 1) {
    for (let i: usize = 0; i + 1 < n; i += 2) {
      const x = a + (i << 5);
      if (load<u64>(x) == load<u64>(x, 32) && memory.compare(x, x + 32, 32) == 0) mutated = true;
    }
    if (n & 1) {
      memory.copy(a + (n << 5), a + ((n - 1) << 5), 32);
      n++;
    }
    const half = n >> 1;
    sha256Strided(a, 64, 64, b, 32, half, true);
    n = half;
    const t = a; a = b; b = t;
  }
  if (a != buf) memory.copy(buf, a, 32);
  return mutated;
}
