/**
 * @module bitcoin/merkle — Bitcoin's merkle tree (double SHA-256 of concatenated children, odd levels
 * duplicate their last node), computed in place, with Bitcoin Core's CVE-2012-2459 "mutated" check.
 */
import { sha256dOf64 } from '../hash/sha256';

/**
 * Reduce `n` (>= 1) 32-byte hashes at `buf` to their merkle root, left at `buf`. `buf` must have room
 * for n + 1 hashes. Returns true when some level had two identical sibling hashes (a mutable tree).
 */
export function merkleReduce(buf: usize, n: usize): bool {
  let mutated = false;
  while (n > 1) {
    for (let i: usize = 0; i + 1 < n; i += 2) {
      const a = buf + (i << 5);
      if (load<u64>(a) == load<u64>(a, 32) && memory.compare(a, a + 32, 32) == 0) mutated = true;
    }
    if (n & 1) {
      memory.copy(buf + (n << 5), buf + ((n - 1) << 5), 32);
      n++;
    }
    const half = n >> 1;
    for (let i: usize = 0; i < half; i++) sha256dOf64(buf + (i << 6), buf + (i << 5));
    n = half;
  }
  return mutated;
}
