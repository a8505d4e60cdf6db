/**
 * @module sha256-multi — multi-buffer SHA-256: many independent messages hashed four at a time in the
 * SIMD lanes of sha256x4Compress. A lane that finishes its message takes the next one, so messages of
 * different lengths (transactions) keep all lanes busy; the last long message finishes on the scalar path.
 *
 * Work is described by a table of 12-byte entries {src u32, len u32, dst u32}; each message's digest is
 * written at its dst (dst may equal src: a message's last partial block is copied out before any write).
 */
import { sha256x4Compress as sha256x4CompressSimd } from './sha256-x4-compress';
import { sha256Compress } from './sha256-compress';
import { sha256Into, sha256dInto } from './sha256';

const IV: usize = memory.data<u32>([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
/** Interleaved state of the four lanes: word k of lane j at 16k + 4j. */
const XST: usize = memory.data(128, 16);
/** Each lane's padded tail (up to two blocks). */
const LPAD: usize = memory.data(512, 16);
/** Per-lane bookkeeping, u32 × 4 each: next full block, full blocks left, tail blocks left, tail index, dst, active. */
const L_CUR: usize = memory.data(16, 16);
const L_FULL: usize = memory.data(16, 16);
const L_TAIL: usize = memory.data(16, 16);
const L_TIDX: usize = memory.data(16, 16);
const L_DST: usize = memory.data(16, 16);
const DUMMY: usize = memory.data(64, 16);
const SST: usize = memory.data(32, 16);
/** Lockstep tails: four lanes × two blocks, and one shared padding block pair. */
const TAILS: usize = memory.data(512, 16);
const TPAD: usize = memory.data(128, 16);

/** One lane's state for the SIMD-free flavour (build/core.nosimd.wasm). */
const LST: usize = memory.data(32, 16);

/** SIMD-free stand-in for sha256x4Compress: the four lanes one after another through the scalar compress. */
function sha256x4CompressScalar(st: usize, p0: usize, p1: usize, p2: usize, p3: usize): void {
  for (let j: usize = 0; j < 4; j++) {
    for (let k: usize = 0; k < 8; k++) store<u32>(LST + (k << 2), load<u32>(st + (k << 4) + (j << 2)));
    sha256Compress(LST, j == 0 ? p0 : j == 1 ? p1 : j == 2 ? p2 : p3);
    for (let k: usize = 0; k < 8; k++) store<u32>(st + (k << 4) + (j << 2), load<u32>(LST + (k << 2)));
  }
}

/** Four lanes at once: SIMD when the build has it (core.wasm), else lane by lane (core.nosimd.wasm). */
// @ts-ignore: decorator
@inline function sha256x4Compress(st: usize, p0: usize, p1: usize, p2: usize, p3: usize): void {
  if (ASC_FEATURE_SIMD) sha256x4CompressSimd(st, p0, p1, p2, p3);
  else sha256x4CompressScalar(st, p0, p1, p2, p3);
}

// @ts-ignore: decorator
@inline function lane(arr: usize, j: usize): usize { return <usize>load<u32>(arr + (j << 2)); }
// @ts-ignore: decorator
@inline function setLane(arr: usize, j: usize, v: usize): void { store<u32>(arr + (j << 2), <u32>v); }

function startLane(j: usize, e: usize): void {
  const src = <usize>load<u32>(e, 0);
  const len = <usize>load<u32>(e, 4);
  const full = len >> 6;
  const rem = len & 63;
  const pad = LPAD + (j << 7);
  memory.copy(pad, src + (full << 6), rem);
  store<u8>(pad + rem, 0x80);
  const tail: usize = rem < 56 ? 1 : 2;
  const end = pad + (tail << 6);
  memory.fill(pad + rem + 1, 0, end - 8 - (pad + rem + 1));
  store<u64>(end - 8, bswap<u64>(<u64>len << 3));
  setLane(L_CUR, j, src);
  setLane(L_FULL, j, full);
  setLane(L_TAIL, j, tail);
  setLane(L_TIDX, j, 0);
  setLane(L_DST, j, <usize>load<u32>(e, 8));
  for (let k: usize = 0; k < 8; k++) store<u32>(XST + (k << 4) + (j << 2), load<u32>(IV + (k << 2)));
}

// @ts-ignore: decorator
@inline function blockPtr(j: usize): usize {
  return lane(L_FULL, j) > 0 ? lane(L_CUR, j) : LPAD + (j << 7) + (lane(L_TIDX, j) << 6);
}

/** Advance lane j past the block just compressed; true when its message is complete. */
// @ts-ignore: decorator
@inline function advance(j: usize): bool {
  const full = lane(L_FULL, j);
  if (full > 0) {
    setLane(L_FULL, j, full - 1);
    setLane(L_CUR, j, lane(L_CUR, j) + 64);
    return false;
  }
  setLane(L_TIDX, j, lane(L_TIDX, j) + 1);
  const t = lane(L_TAIL, j) - 1;
  setLane(L_TAIL, j, t);
  return t == 0;
}

function writeLaneDigest(j: usize): void {
  const dst = lane(L_DST, j);
  for (let k: usize = 0; k < 8; k++) store<u32>(dst + (k << 2), bswap<u32>(load<u32>(XST + (k << 4) + (j << 2))));
}

/** Finish lane j alone on the scalar path. */
function finishScalar(j: usize): void {
  for (let k: usize = 0; k < 8; k++) store<u32>(SST + (k << 2), load<u32>(XST + (k << 4) + (j << 2)));
  while (true) {
    sha256Compress(SST, blockPtr(j));
    if (advance(j)) break;
  }
  for (let k: usize = 0; k < 8; k++) store<u32>(XST + (k << 4) + (j << 2), load<u32>(SST + (k << 2)));
  writeLaneDigest(j);
}

/** SHA-256 of every message of the table (`count` entries of {src, len, dst}). */
export function sha256Multi(table: usize, count: usize): void {
  let next: usize = 0;
  let active: u32 = 0; // bit j set: lane j busy
  for (let j: usize = 0; j < 4 && next < count; j++) {
    startLane(j, table + next * 12);
    next++;
    active |= 1 << <u32>j;
  }
  while (active != 0) {
    if (next >= count && popcnt<u32>(active) == 1) {
      finishScalar(<usize>ctz<u32>(active));
      return;
    }
    const p0 = active & 1 ? blockPtr(0) : DUMMY;
    const p1 = active & 2 ? blockPtr(1) : DUMMY;
    const p2 = active & 4 ? blockPtr(2) : DUMMY;
    const p3 = active & 8 ? blockPtr(3) : DUMMY;
    sha256x4Compress(XST, p0, p1, p2, p3);
    for (let j: usize = 0; j < 4; j++) {
      if ((active & (1 << <u32>j)) == 0) continue;
      if (!advance(j)) continue;
      writeLaneDigest(j);
      if (next < count) {
        startLane(j, table + next * 12);
        next++;
      } else {
        active &= ~(1 << <u32>j);
      }
    }
  }
}

/** Double SHA-256 of every message of the table; the table's src/len are overwritten (src = dst, len = 32). */
export function sha256dMulti(table: usize, count: usize): void {
  sha256Multi(table, count);
  for (let i: usize = 0; i < count; i++) {
    const e = table + i * 12;
    store<u32>(e, load<u32>(e, 8), 0);
    store<u32>(e, 32, 4);
  }
  sha256Multi(table, count);
}

/** Store the four lanes' digests of XST (lane j to d_j). */
// @ts-ignore: decorator
@inline function writeDigests4(d0: usize, d1: usize, d2: usize, d3: usize): void {
  for (let k: usize = 0; k < 8; k++) {
    const w = XST + (k << 4);
    const o = k << 2;
    store<u32>(d0 + o, bswap<u32>(load<u32>(w, 0)));
    store<u32>(d1 + o, bswap<u32>(load<u32>(w, 4)));
    store<u32>(d2 + o, bswap<u32>(load<u32>(w, 8)));
    store<u32>(d3 + o, bswap<u32>(load<u32>(w, 12)));
  }
}

// @ts-ignore: decorator
@inline function resetState4(): void {
  if (ASC_FEATURE_SIMD) {
    for (let k: usize = 0; k < 8; k++) v128.store(XST + (k << 4), i32x4.splat(load<u32>(IV + (k << 2))));
  } else {
    for (let k: usize = 0; k < 32; k++) store<u32>(XST + (k << 2), load<u32>(IV + ((k >> 2) << 2)));
  }
}

/** Lay out the padded tail of a `len`-byte message whose last `rem` bytes are at `src` into `pad`. */
function padTail(pad: usize, src: usize, rem: usize, len: usize): usize {
  memory.copy(pad, src, rem);
  store<u8>(pad + rem, 0x80);
  const tail: usize = rem < 56 ? 1 : 2;
  const end = pad + (tail << 6);
  memory.fill(pad + rem + 1, 0, end - 8 - (pad + rem + 1));
  store<u64>(end - 8, bswap<u64>(<u64>len << 3));
  return tail;
}

/**
 * Hash `count` messages of `len` bytes at src + i·srcStride into dst + i·dstStride (32 bytes each);
 * `double` applies SHA-256 twice. Groups of four equal-length messages run in lockstep (shared padding
 * block when len is a multiple of 64, no per-lane bookkeeping); the last count % 4 run on the scalar path.
 * A digest may overwrite its own message but not a later one.
 */
export function sha256Strided(src: usize, srcStride: usize, len: usize, dst: usize, dstStride: usize, count: usize, double: bool): void {
  const full = len >> 6;
  const rem = len & 63;
  // second-round pads: 32-byte digest + fixed padding, one per lane
  if (double) {
    for (let j: usize = 0; j < 4; j++) padTail(LPAD + (j << 7), DUMMY, 32, 32);
  }
  let shared: usize = 0;
  let sharedTail: usize = 0;
  if (rem == 0) { shared = TPAD; sharedTail = padTail(TPAD, DUMMY, 0, len); }
  const groups = count >> 2;
  for (let g: usize = 0; g < groups; g++) {
    const i = g << 2;
    const p0 = src + i * srcStride, p1 = p0 + srcStride, p2 = p1 + srcStride, p3 = p2 + srcStride;
    const d0 = dst + i * dstStride, d1 = d0 + dstStride, d2 = d1 + dstStride, d3 = d2 + dstStride;
    resetState4();
    for (let b: usize = 0; b < full; b++) {
      const o = b << 6;
      sha256x4Compress(XST, p0 + o, p1 + o, p2 + o, p3 + o);
    }
    if (shared != 0) {
      for (let t: usize = 0; t < sharedTail; t++) sha256x4Compress(XST, shared + (t << 6), shared + (t << 6), shared + (t << 6), shared + (t << 6));
    } else {
      const o = full << 6;
      const tail = padTail(TAILS, p0 + o, rem, len);
      padTail(TAILS + 128, p1 + o, rem, len);
      padTail(TAILS + 256, p2 + o, rem, len);
      padTail(TAILS + 384, p3 + o, rem, len);
      for (let t: usize = 0; t < tail; t++) {
        const q = TAILS + (t << 6);
        sha256x4Compress(XST, q, q + 128, q + 256, q + 384);
      }
    }
    if (double) {
      writeDigests4(LPAD, LPAD + 128, LPAD + 256, LPAD + 384);
      resetState4();
      sha256x4Compress(XST, LPAD, LPAD + 128, LPAD + 256, LPAD + 384);
    }
    writeDigests4(d0, d1, d2, d3);
  }
  for (let i = groups << 2; i < count; i++) {
    if (double) sha256dInto(src + i * srcStride, len, dst + i * dstStride);
    else sha256Into(src + i * srcStride, len, dst + i * dstStride);
  }
}
