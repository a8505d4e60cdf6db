/**
 * @module bitcoin/xor — XOR of [p, p + n) in place with an 8-byte key repeated (byte i with key byte i mod 8;
 * `k0` holds key bytes 0..3 little-endian, `k1` bytes 4..7): SIMD, 64 bytes a loop.
 */
export function xorRange(p: usize, n: usize, k0: u32, k1: u32): void {
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
}
