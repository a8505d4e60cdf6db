/**
 * @module bitcoin/sieve — `sieveBlock`: the per-block call of a bulk scan over blocks a full node already
 * validated (Core's datadir). It de-obfuscates the block in place (`xor.dat` key, as xorInput; a zero key
 * skips it), hashes the header, reads the transaction count, and counts the places where an output matching
 * scanBlock's rule could sit: the magic's bytes right after `OP_RETURN` and a push opcode (`6a 01..4b`,
 * `6a 4c ..`, `6a 4d .. ..`). A zero count PROVES the block has no matching output — every match
 * scanBlock reports has those bytes there — so the caller skips the transaction walk for it; a non-zero
 * count is an upper bound (it may be data that only looks like it) and the caller runs scanBlockTrusted.
 * No transaction is walked: the search is byte-wise (SIMD, two bytes of magic over 64 bytes a branch), so
 * the cost is that of reading the block once. Output (36 bytes): block hash (32, internal order), u32 tx count.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE } from '../errors';
import { beginBlock, blockTxCount } from './block';
import { rErr } from './reader';
import { sha256dInto } from '../hash/sha256';
import { xorRange } from './xor';

@inline function at(p: usize): u32 { return <u32>load<u8>(p); }

/** Whether position q (the first magic byte) of [p, p+n) holds the whole magic right after OP_RETURN and a push. */
function fits(p: usize, n: usize, q: usize, magic: u32, magicLen: u32): bool {
  if (q + <usize>magicLen > n) return false;
  for (let k: u32 = 2; k < magicLen; k++) if (at(p + q + k) != ((magic >> (k << 3)) & 0xff)) return false;
  if (q >= 2 && at(p + q - 2) == 0x6a) { const op = at(p + q - 1); if (op >= 1 && op <= 75) return true; }
  if (q >= 3 && at(p + q - 3) == 0x6a && at(p + q - 2) == 0x4c) return true;
  return q >= 4 && at(p + q - 4) == 0x6a && at(p + q - 3) == 0x4d;
}

/** Number of places in [p, p+n) where the magic (≥ 2 bytes) could start an OP_RETURN push. */
function countPlaces(p: usize, n: usize, magic: u32, magicLen: u32): i32 {
  const b0 = magic & 0xff, b1 = (magic >> 8) & 0xff;
  let hits: i32 = 0;
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const v0 = i8x16.splat(<i8>b0), v1 = i8x16.splat(<i8>b1);
    for (; i + 65 <= n; i += 64) {
      const m0 = v128.and(i8x16.eq(v128.load(p + i), v0), i8x16.eq(v128.load(p + i + 1), v1));
      const m1 = v128.and(i8x16.eq(v128.load(p + i + 16), v0), i8x16.eq(v128.load(p + i + 17), v1));
      const m2 = v128.and(i8x16.eq(v128.load(p + i + 32), v0), i8x16.eq(v128.load(p + i + 33), v1));
      const m3 = v128.and(i8x16.eq(v128.load(p + i + 48), v0), i8x16.eq(v128.load(p + i + 49), v1));
      if (!v128.any_true(v128.or(v128.or(m0, m1), v128.or(m2, m3)))) continue;
      for (let j = i; j < i + 64; j++) if (at(p + j) == b0 && at(p + j + 1) == b1 && fits(p, n, j, magic, magicLen)) hits++;
    }
  }
  for (; i + 1 < n; i++) if (at(p + i) == b0 && at(p + i + 1) == b1 && fits(p, n, i, magic, magicLen)) hits++;
  return hits;
}

/**
 * Sieve the block of `len` input bytes (obfuscated with key words k0, k1 rotated to its file offset; 0, 0
 * for none) for OP_RETURN pushes starting with the first `magicLen` (2..4) bytes of `magic`. Returns the
 * number of places (0: no output matches), or an error code (truncated header, bad count varint).
 */
export function sieveBlock(len: i32, magic: u32, magicLen: i32, k0: u32, k1: u32): i32 {
  setErrorOffset(-1);
  if (len < 0 || magicLen < 2 || magicLen > 4) return E_BAD_ARG;
  if (<usize>len > inputCap()) return E_TOO_LARGE;
  const base = inputPtr();
  if ((k0 | k1) != 0) xorRange(base, <usize>len, k0, k1);
  if (beginBlock(base, len) == 0) return rErr;
  const out = outputReserve(36);
  if (out == 0) return E_TOO_LARGE;
  sha256dInto(base, 80, out);
  store<u32>(out, blockTxCount, 32);
  setOutputLen(36);
  return countPlaces(base, <usize>len, magic, <u32>magicLen);
}
