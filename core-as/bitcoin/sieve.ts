/**
 * @module bitcoin/sieve — `sieveBlock`: the per-block call of a bulk scan over blocks a full node already
 * validated (Core's datadir). It counts the places where an output matching scanBlock's rule could sit —
 * the magic's bytes right after `OP_RETURN` and a push opcode (`6a 01..4b`, `6a 4c ..`, `6a 4d .. ..`) —
 * on the block AS STORED (the `xor.dat` key is folded into the comparisons, not applied to the bytes), then
 * de-obfuscates only the header and transaction count, hashes the header and reads the count. A zero count
 * PROVES the block has no matching output — every match scanBlock reports has those bytes there — so the
 * caller skips the transaction walk and the rest stays obfuscated; a non-zero count is an upper bound (it
 * may be data that only looks like it): the whole block is de-obfuscated in place and the caller runs
 * scanBlockTrusted. No transaction is walked: the search is byte-wise (SIMD, two bytes of magic over 64
 * bytes a branch), so the cost is that of reading the block once. Output (36 bytes): block hash (32,
 * internal order), u32 tx count.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE } from '../errors';
import { beginBlock, blockTxCount } from './block';
import { rErr } from './reader';
import { sha256dInto } from '../hash/sha256';
import { xorRange } from './xor';

/** Bytes de-obfuscated whatever the count: the header and the longest count varint (80 + 9), rounded up to
 * a multiple of 8 so that the rest starts at key byte 0 again. */
const HEAD: usize = 96;

/** Byte q of the block in plain: the stored byte XORed with key byte q mod 8 (`key` 0: as stored). */
@inline function at(p: usize, q: usize, key: u64): u32 {
  return (<u32>load<u8>(p + q) ^ <u32>(key >> ((<u64>q & 7) << 3))) & 0xff;
}

/** Whether position q (the first magic byte) of [p, p+n) holds the whole magic right after OP_RETURN and a push. */
function fits(p: usize, n: usize, q: usize, magic: u32, magicLen: u32, key: u64): bool {
  if (q + <usize>magicLen > n) return false;
  for (let k: u32 = 2; k < magicLen; k++) if (at(p, q + k, key) != ((magic >> (k << 3)) & 0xff)) return false;
  if (q >= 2 && at(p, q - 2, key) == 0x6a) { const op = at(p, q - 1, key); if (op >= 1 && op <= 75) return true; }
  if (q >= 3 && at(p, q - 3, key) == 0x6a && at(p, q - 2, key) == 0x4c) return true;
  return q >= 4 && at(p, q - 4, key) == 0x6a && at(p, q - 3, key) == 0x4d;
}

@inline function placeAt(p: usize, n: usize, j: usize, magic: u32, magicLen: u32, key: u64): bool {
  return at(p, j, key) == (magic & 0xff) && at(p, j + 1, key) == ((magic >> 8) & 0xff) && fits(p, n, j, magic, magicLen, key);
}

/**
 * Number of places in [p, p+n) where the magic (≥ 2 bytes) could start an OP_RETURN push; the bytes are as
 * stored, XORed with `key` (byte q with key byte q mod 8). SIMD: lanes of a load at a multiple of 8 meet
 * key bytes 0..7 twice, those of the load one byte on meet them rotated by one, so the two magic bytes
 * are compared against `magic ^ key` — the same work as on plain bytes.
 */
function countPlaces(p: usize, n: usize, magic: u32, magicLen: u32, key: u64): i32 {
  let hits: i32 = 0;
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const v0 = v128.xor(i8x16.splat(<i8>(magic & 0xff)), i64x2.splat(<i64>key));
    const v1 = v128.xor(i8x16.splat(<i8>((magic >> 8) & 0xff)), i64x2.splat(<i64>rotr<u64>(key, 8)));
    for (; i + 65 <= n; i += 64) {
      const m0 = v128.and(i8x16.eq(v128.load(p + i), v0), i8x16.eq(v128.load(p + i + 1), v1));
      const m1 = v128.and(i8x16.eq(v128.load(p + i + 16), v0), i8x16.eq(v128.load(p + i + 17), v1));
      const m2 = v128.and(i8x16.eq(v128.load(p + i + 32), v0), i8x16.eq(v128.load(p + i + 33), v1));
      const m3 = v128.and(i8x16.eq(v128.load(p + i + 48), v0), i8x16.eq(v128.load(p + i + 49), v1));
      if (!v128.any_true(v128.or(v128.or(m0, m1), v128.or(m2, m3)))) continue;
      for (let j = i; j < i + 64; j++) if (placeAt(p, n, j, magic, magicLen, key)) hits++;
    }
  }
  for (; i + 1 < n; i++) if (placeAt(p, n, i, magic, magicLen, key)) hits++;
  return hits;
}

/**
 * Sieve the block of `len` input bytes (obfuscated with key words k0, k1 rotated to its file offset; 0, 0
 * for none) for OP_RETURN pushes starting with the first `magicLen` (2..4) bytes of `magic`. Returns the
 * number of places (0: no output matches), or an error code (truncated header, bad count varint). The
 * first min(len, 96) bytes are left plain; the rest only when places > 0 (ABI.md).
 */
export function sieveBlock(len: i32, magic: u32, magicLen: i32, k0: u32, k1: u32): i32 {
  setErrorOffset(-1);
  if (len < 0 || magicLen < 2 || magicLen > 4) return E_BAD_ARG;
  if (<usize>len > inputCap()) return E_TOO_LARGE;
  const base = inputPtr();
  const n = <usize>len;
  const key = (<u64>k1 << 32) | <u64>k0;
  const places = countPlaces(base, n, magic, <u32>magicLen, key);
  const head = n < HEAD ? n : HEAD;
  if (key != 0) xorRange(base, head, k0, k1);
  if (beginBlock(base, len) == 0) return rErr;
  const out = outputReserve(36);
  if (out == 0) return E_TOO_LARGE;
  sha256dInto(base, 80, out);
  store<u32>(out, blockTxCount, 32);
  setOutputLen(36);
  if (places > 0 && key != 0 && n > HEAD) xorRange(base + HEAD, n - HEAD, k0, k1);
  return places;
}
