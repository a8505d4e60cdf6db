/**
 * @module bitcoin/xor-entry — `xorInput(len, k0, k1)`: XORs the first `len` bytes of the input arena in place
 * with an 8-byte key repeated (byte i with key byte i mod 8; `k0` holds key bytes 0..3 little-endian, `k1`
 * bytes 4..7). Bitcoin Core ≥ 28 obfuscates blk/rev files with the key in `blocks/xor.dat`: a host reads a
 * record straight into the arena, rotates the key to the record's file offset, and de-obfuscates here (SIMD:
 * 16 bytes an instruction) instead of a byte or word loop in JavaScript. Returns 0, or a negative error code.
 */
import { inputPtr, inputCap, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE } from '../errors';

export function xorInput(len: i32, k0: u32, k1: u32): i32 {
  setErrorOffset(-1);
  if (len < 0) return E_BAD_ARG;
  if (<usize>len > inputCap()) return E_TOO_LARGE;
  const p = inputPtr();
  const n = <usize>len;
  const k: u64 = (<u64>k1 << 32) | <u64>k0;
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const kv = i64x2.splat(<i64>k);
    for (; i + 64 <= n; i += 64) {
      v128.store(p + i, v128.xor(v128.load(p + i), kv));
      v128.store(p + i + 16, v128.xor(v128.load(p + i + 16), kv));
      v128.store(p + i + 32, v128.xor(v128.load(p + i + 32), kv));
      v128.store(p + i + 48, v128.xor(v128.load(p + i + 48), kv));
    }
    for (; i + 16 <= n; i += 16) v128.store(p + i, v128.xor(v128.load(p + i), kv));
  }
  for (; i + 8 <= n; i += 8) store<u64>(p + i, load<u64>(p + i) ^ k);
  for (; i < n; i++) store<u8>(p + i, load<u8>(p + i) ^ <u8>(k >> (<u64>(i & 7) << 3)));
  return 0;
}
