/**
 * @module field-mul — multiplication and squaring in GF(p), p = 2^256 - 2^32 - 977, on 10×26-bit limbs.
 *
 * Limb products are 52 bits, so a column of ten fits an i64 with room for inputs of magnitude <= 16
 * (limbs < 2^30): WASM has a fast 64-bit multiply but no 64×64→128, which is why 5×52 limbs lose here.
 * Columns are summed product-scanning style, each carried into a 26-bit limb right away (fewer live i64
 * values, which measured faster under V8 than holding all 20 limbs in locals). feMul forms the products in
 * pairs with SIMD i64x2.extmul_low_i32x4_u (a_i, a_{i+1} times a splatted b_j: ~30 % faster than scalar);
 * feSqr does the same over each unordered pair once (doubled operand) plus the squares: 25 vector products.
 * The upper ten limbs fold down with 2^260 = 2^36 + 0x3D10 (mod p), bits above 2^256 once more with
 * 0x1000003D1. Output: magnitude 1 (limbs < 2^26 except limb 3 by a few units; limb 9 < 2^22).
 * Hand-unrolled (there is no generator; see docs/architecture.md §Deliberate copies): one line per column or carry.
 */

import { feMulScalar } from './field-mul-scalar';

const M: u64 = 0x3FFFFFF;
/** The 20-limb product before folding. */
const S = memory.data(80);

/** o = a·b mod p (o may alias a or b). */
function feMulSimd(o: usize, a: usize, b: usize): void {
  const A0 = v128.load(a, 0);
  const A2 = v128.load(a, 8);
  const A4 = v128.load(a, 16);
  const A6 = v128.load(a, 24);
  const A8 = v128.load(a, 32);
  let c: u64 = 0;
  let hi: u64 = 0;
  { const v = i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 0));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 0); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 4));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 4); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 8)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 0)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 8); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 12)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 4)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 12); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 16)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 8))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 0)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 16); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 20)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 12))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 4)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 20); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 24)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 16))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 8))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 0)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 24); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 28)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 20))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 12))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 4)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 28); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 32)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 24))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 16))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 8))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 0)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 32); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, v128.load32_splat(b, 36)), i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 28))), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 20))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 12))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 4)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 36); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 32)), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 24))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 16))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 8)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 40); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A2, v128.load32_splat(b, 36)), i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 28))), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 20))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 12)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 44); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 32)), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 24))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 16)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 48); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A4, v128.load32_splat(b, 36)), i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 28))), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 20)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 52); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 32)), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 24)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 56); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A6, v128.load32_splat(b, 36)), i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 28)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 60); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 32));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 64); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A8, v128.load32_splat(b, 36));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 68); c >>= 26;
  c += hi;
  store<u32>(S, <u32>c & 0x3FFFFFF, 72); c >>= 26;
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

/** (2x, x, x, x) from a splat of x: the (i, i+1) cross term doubled next to the (i+1)² term. */
@inline function sq2(v: v128, lo: v128): v128 { return i32x4.add(v, v128.and(v, lo)); }

/** o = a² mod p (o may alias a). */
function feSqrSimd(o: usize, a: usize): void {
  const A0 = v128.load(a, 0);
  const A2 = v128.load(a, 8);
  const A4 = v128.load(a, 16);
  const A6 = v128.load(a, 24);
  const A8 = v128.load(a, 32);
  const LO = i32x4(-1, 0, 0, 0);
  let c: u64 = 0;
  let hi: u64 = 0;
  { const v = i64x2.extmul_low_i32x4_u(A0, v128.and(v128.load32_splat(a, 0), LO));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 0); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A0, sq2(v128.load32_splat(a, 4), LO));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 4); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 8), 1));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 8); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 12), 1));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 12); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 16), 1)), i64x2.extmul_low_i32x4_u(A2, v128.and(v128.load32_splat(a, 8), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 16); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 20), 1)), i64x2.extmul_low_i32x4_u(A2, sq2(v128.load32_splat(a, 12), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 20); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 24), 1)), i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 16), 1)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 24); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 28), 1)), i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 20), 1)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 28); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 32), 1)), i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 24), 1))), i64x2.extmul_low_i32x4_u(A4, v128.and(v128.load32_splat(a, 16), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 32); c >>= 26;
  { const v = i64x2.add(i64x2.add(i64x2.extmul_low_i32x4_u(A0, i32x4.shl(v128.load32_splat(a, 36), 1)), i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 28), 1))), i64x2.extmul_low_i32x4_u(A4, sq2(v128.load32_splat(a, 20), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 36); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 32), 1)), i64x2.extmul_low_i32x4_u(A4, i32x4.shl(v128.load32_splat(a, 24), 1)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 40); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A2, i32x4.shl(v128.load32_splat(a, 36), 1)), i64x2.extmul_low_i32x4_u(A4, i32x4.shl(v128.load32_splat(a, 28), 1)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 44); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A4, i32x4.shl(v128.load32_splat(a, 32), 1)), i64x2.extmul_low_i32x4_u(A6, v128.and(v128.load32_splat(a, 24), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 48); c >>= 26;
  { const v = i64x2.add(i64x2.extmul_low_i32x4_u(A4, i32x4.shl(v128.load32_splat(a, 36), 1)), i64x2.extmul_low_i32x4_u(A6, sq2(v128.load32_splat(a, 28), LO)));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 52); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A6, i32x4.shl(v128.load32_splat(a, 32), 1));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 56); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A6, i32x4.shl(v128.load32_splat(a, 36), 1));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 60); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A8, v128.and(v128.load32_splat(a, 32), LO));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 64); c >>= 26;
  { const v = i64x2.extmul_low_i32x4_u(A8, sq2(v128.load32_splat(a, 36), LO));
    c += hi + <u64>i64x2.extract_lane(v, 0); hi = <u64>i64x2.extract_lane(v, 1); }
  store<u32>(S, <u32>c & 0x3FFFFFF, 68); c >>= 26;
  c += hi;
  store<u32>(S, <u32>c & 0x3FFFFFF, 72); c >>= 26;

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

/** o = a·b mod p: SIMD pairs in core.wasm, scalar columns in the SIMD-free core.nosimd.wasm. */
// @ts-ignore: decorator
@inline export function feMul(o: usize, a: usize, b: usize): void {
  if (ASC_FEATURE_SIMD) feMulSimd(o, a, b);
  else feMulScalar(o, a, b);
}

/** o = a² mod p (o may alias a). */
// @ts-ignore: decorator
@inline export function feSqr(o: usize, a: usize): void {
  if (ASC_FEATURE_SIMD) feSqrSimd(o, a);
  else feMulScalar(o, a, a);
}
