/**
 * @module virtualchain/consensus — the per-block consensus hash (spec consensus.md §1-5), one call per
 * block: SHA256d leaves of the serialized ops, the sorted "display hex" merkle root (ops hash), then the
 * skip-list merkle over earlier consensus hashes + the ops hash, HASH160, first 16 bytes.
 *
 * Sorting the lowercase hex strings equals sorting the bytes lexicographically (a shorter prefix first),
 * so the core sorts raw digests. Merkle nodes are byte-reversed ("internal order"); a one-node tree's
 * root is the node itself; nodes may be 16 (earlier consensus hashes) or 32 bytes.
 */
import { sha256dInto, sha256dMulti, hash160Into } from '../hash/index';
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE, E_TRUNCATED, E_VC_TOO_MANY } from '../errors';

/** Most leaves in one tree (accepted ops of a block, or earlier hashes + 1). */
export const MAX_LEAVES: i32 = 16384;

const LEAVES: usize = memory.data(MAX_LEAVES * 32, 16); // digests in input order (display order bytes)
const NODES: usize = memory.data(MAX_LEAVES * 32, 16);  // merkle level, 32-byte slots
const LENS: usize = memory.data(MAX_LEAVES, 16);        // node lengths (16 or 32)
const IDX: usize = memory.data(MAX_LEAVES * 4, 16);     // sort permutation
const ITEMP: usize = memory.data(MAX_LEAVES * 8, 16);   // (ptr, len) of outer items
const PAIR: usize = memory.data(64, 16);
const LEAFTBL: usize = memory.data(MAX_LEAVES * 12, 16); // {src, len, dst} per op (then per merkle pair) for the 4-lane SHA-256d
const PAIRS: usize = memory.data((MAX_LEAVES / 2 + 1) * 64, 16); // one merkle level's concatenated pairs
const OPSHASH: usize = memory.data(32, 16);
const ROOT: usize = memory.data(32, 16);
const DIGEST: usize = memory.data(20, 16);

/** Lexicographic byte comparison; a proper prefix sorts first. */
function cmp(a: usize, la: i32, b: usize, lb: i32): i32 {
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const x = <i32>load<u8>(a + i);
    const y = <i32>load<u8>(b + i);
    if (x != y) return x - y;
  }
  return la - lb;
}

/** Shell sort of IDX[0..n) by the items (ptr,len) in ITEMP. */
function sortItems(n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(IDX + (<usize>i << 2), i);
  let gap = 1;
  while (gap < n / 3) gap = gap * 3 + 1;
  while (gap >= 1) {
    for (let i = gap; i < n; i++) {
      const v = load<i32>(IDX + (<usize>i << 2));
      const vp = load<usize>(ITEMP + (<usize>v << 3));
      const vl = load<i32>(ITEMP + (<usize>v << 3) + 4);
      let j = i;
      while (j >= gap) {
        const w = load<i32>(IDX + (<usize>(j - gap) << 2));
        if (cmp(load<usize>(ITEMP + (<usize>w << 3)), load<i32>(ITEMP + (<usize>w << 3) + 4), vp, vl) <= 0) break;
        store<i32>(IDX + (<usize>j << 2), w);
        j -= gap;
      }
      store<i32>(IDX + (<usize>j << 2), v);
    }
    gap = gap / 3;
  }
}

/** Merkle root of the sorted items; writes the display-order root to ROOT and returns its length. */
function merkle(n: i32): i32 {
  for (let i = 0; i < n; i++) {
    const k = load<i32>(IDX + (<usize>i << 2));
    const p = load<usize>(ITEMP + (<usize>k << 3));
    const l = load<i32>(ITEMP + (<usize>k << 3) + 4);
    const dst = NODES + (<usize>i << 5);
    for (let b = 0; b < l; b++) store<u8>(dst + b, load<u8>(p + l - 1 - b));
    store<u8>(LENS + i, <u8>l);
  }
  let count = n;
  while (count > 1) {
    if (count & 1) {
      memory.copy(NODES + (<usize>count << 5), NODES + (<usize>(count - 1) << 5), 32);
      store<u8>(LENS + count, load<u8>(LENS + count - 1));
      count++;
    }
    // the level's pairs concatenated apart from NODES, then hashed four at a time in SIMD lanes (LEAFTBL is
    // free once the leaves are hashed): ~21 earlier hashes + the ops hash make 11 + 6 + 3 + 2 + 1 pairs a block
    const half = count >> 1;
    for (let i = 0; i < half; i++) {
      const a = NODES + (<usize>(2 * i) << 5);
      const la = <i32>load<u8>(LENS + 2 * i);
      const b = NODES + (<usize>(2 * i + 1) << 5);
      const lb = <i32>load<u8>(LENS + 2 * i + 1);
      const pair = PAIRS + (<usize>i << 6);
      memory.copy(pair, a, la);
      memory.copy(pair + la, b, lb);
      const e = LEAFTBL + <usize>i * 12;
      store<u32>(e, <u32>pair, 0);
      store<u32>(e, <u32>(la + lb), 4);
      store<u32>(e, <u32>(NODES + (<usize>i << 5)), 8);
      store<u8>(LENS + i, 32);
    }
    sha256dMulti(LEAFTBL, <usize>half);
    count = half;
  }
  const l = <i32>load<u8>(LENS);
  for (let b = 0; b < l; b++) store<u8>(ROOT + b, load<u8>(NODES + l - 1 - b));
  return l;
}

/**
 * Input: nOps records `[u32 LE length][serialized op]`, then nPrev earlier consensus hashes (16 bytes
 * each, in any order). Output: ops hash (32, display order) ‖ consensus hash (16) ‖ nOps leaves (32 each,
 * input order). Returns the output length or a negative error code.
 */
export function consensusBlock(nOps: i32, nPrev: i32, inLen: i32): i32 {
  setErrorOffset(-1);
  if (nOps < 0 || nPrev < 0 || inLen < 0) return E_BAD_ARG;
  if (<usize>inLen > inputCap()) return E_TOO_LARGE;
  if (nOps > MAX_LEAVES || nPrev + 1 > MAX_LEAVES) return E_VC_TOO_MANY;
  const base = inputPtr();
  let off = 0;
  for (let i = 0; i < nOps; i++) {
    if (off + 4 > inLen) { setErrorOffset(off); return E_TRUNCATED; }
    const len = load<u32>(base + off);
    if (<u64>off + 4 + <u64>len > <u64>inLen) { setErrorOffset(off); return E_TRUNCATED; }
    const e = LEAFTBL + <usize>i * 12;
    store<u32>(e, <u32>(base + off + 4), 0);
    store<u32>(e, len, 4);
    store<u32>(e, <u32>(LEAVES + (<usize>i << 5)), 8);
    off += 4 + <i32>len;
  }
  // the leaves, four ops at a time in SIMD lanes (messages of any lengths)
  sha256dMulti(LEAFTBL, <usize>nOps);
  if (off + nPrev * 16 != inLen) { setErrorOffset(off); return E_TRUNCATED; }
  const prev = base + off;
  const nLeaves = nOps > 0 ? nOps : 1;
  if (nOps == 0) sha256dInto(PAIR, 0, LEAVES);
  for (let i = 0; i < nLeaves; i++) {
    store<usize>(ITEMP + (<usize>i << 3), LEAVES + (<usize>i << 5));
    store<i32>(ITEMP + (<usize>i << 3) + 4, 32);
  }
  sortItems(nLeaves);
  merkle(nLeaves);
  memory.copy(OPSHASH, ROOT, 32);
  for (let i = 0; i < nPrev; i++) {
    store<usize>(ITEMP + (<usize>i << 3), prev + (<usize>i << 4));
    store<i32>(ITEMP + (<usize>i << 3) + 4, 16);
  }
  store<usize>(ITEMP + (<usize>nPrev << 3), OPSHASH);
  store<i32>(ITEMP + (<usize>nPrev << 3) + 4, 32);
  sortItems(nPrev + 1);
  merkle(nPrev + 1);
  hash160Into(ROOT, 32, DIGEST);
  const outLen = 48 + nOps * 32;
  const out = outputReserve(outLen);
  if (out == 0) return E_TOO_LARGE;
  memory.copy(out, OPSHASH, 32);
  memory.copy(out + 32, DIGEST, 16);
  memory.copy(out + 48, LEAVES, <usize>nOps << 5);
  setOutputLen(outLen);
  return outLen;
}
