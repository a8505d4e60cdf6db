/**
 * @module field-mul-scalar — GF(p) multiplication on 10×26-bit limbs without SIMD, for the SIMD-free
 * flavour build/core.nosimd.wasm (embedders whose translators lack SIMD, e.g. Debian's wasm2c 1.0.32).
 * Same columns and the same fold as field-mul.ts's SIMD feMul (products summed per column into an i64,
 * carried into a 26-bit limb right away, limbs 10..19 folded with 2^260 = 2^36 + 0x3D10 mod p), so both
 * flavours give bit-identical limbs.
 */

const M: u64 = 0x3FFFFFF;
/** The 20-limb product before folding. */
const S = memory.data(80);

/** o = a·b mod p (o may alias a or b). */
export function feMulScalar(o: usize, a: usize, b: usize): void {
  let c: u64 = 0;
  for (let k: usize = 0; k < 19; k++) {
    const lo: usize = k > 9 ? k - 9 : 0;
    const hi: usize = k < 9 ? k : 9;
    for (let i = lo; i <= hi; i++) c += <u64>load<u32>(a + (i << 2)) * <u64>load<u32>(b + ((k - i) << 2));
    store<u32>(S + (k << 2), <u32>c & 0x3FFFFFF);
    c >>= 26;
  }
  const c19: u64 = c;
  // fold limbs 10..19 (weight 2^260 * 2^26k) down: 2^260 = 0x3D10 + 2^36 (mod p), carrying as we go
  let r: u64 = 0;
  r += <u64>load<u32>(S, 0) + <u64>load<u32>(S, 40) * 0x3D10;
  const r0: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 4) + <u64>load<u32>(S, 44) * 0x3D10 + (<u64>load<u32>(S, 40) << 10);
  const r1: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 8) + <u64>load<u32>(S, 48) * 0x3D10 + (<u64>load<u32>(S, 44) << 10);
  const r2: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 12) + <u64>load<u32>(S, 52) * 0x3D10 + (<u64>load<u32>(S, 48) << 10);
  const r3: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 16) + <u64>load<u32>(S, 56) * 0x3D10 + (<u64>load<u32>(S, 52) << 10);
  const r4: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 20) + <u64>load<u32>(S, 60) * 0x3D10 + (<u64>load<u32>(S, 56) << 10);
  const r5: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 24) + <u64>load<u32>(S, 64) * 0x3D10 + (<u64>load<u32>(S, 60) << 10);
  const r6: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 28) + <u64>load<u32>(S, 68) * 0x3D10 + (<u64>load<u32>(S, 64) << 10);
  const r7: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 32) + <u64>load<u32>(S, 72) * 0x3D10 + (<u64>load<u32>(S, 68) << 10);
  const r8: u64 = r & M; r >>= 26;
  r += <u64>load<u32>(S, 36) + c19 * 0x3D10 + (<u64>load<u32>(S, 72) << 10);
  // bits >= 256: 2^256 = 0x1000003D1 (mod p)
  const top: u64 = (r >> 22) + (c19 << 14);
  const r9 = r & 0x3FFFFF;
  let s0: u64 = r0 + top * 0x3D1; let s1: u64 = r1 + (top << 6) + (s0 >> 26); s0 &= M;
  let s2: u64 = r2 + (s1 >> 26); s1 &= M; const s3: u64 = r3 + (s2 >> 26); s2 &= M;
  store<u32>(o, <u32>s0, 0);
  store<u32>(o, <u32>s1, 4);
  store<u32>(o, <u32>s2, 8);
  store<u32>(o, <u32>s3, 12);
  store<u32>(o, <u32>r4, 16);
  store<u32>(o, <u32>r5, 20);
  store<u32>(o, <u32>r6, 24);
  store<u32>(o, <u32>r7, 28);
  store<u32>(o, <u32>r8, 32);
  store<u32>(o, <u32>r9, 36);
}
