/**
 * @module field-mul — multiplication and squaring in GF(p), p = 2^256 - 2^32 - 977, on 10×26-bit limbs.
 *
 * Limb products are 52 bits, so a column of ten fits an i64 with room for inputs of magnitude <= 16
 * (limbs < 2^30): WASM has a fast 64-bit multiply but no 64×64→128, which is why 5×52 limbs lose here.
 * The 19 columns are carried into 26-bit limbs, the upper ten folded down with 2^260 = 2^36 + 0x3D10 (mod p),
 * and bits above 2^256 folded once more with 0x1000003D1. Output: magnitude 1 (limbs < 2^26, limb 3 may
 * exceed by a few bits; limb 9 < 2^22). Generated code: each line is one column or one carry.
 */

const M: u64 = 0x3FFFFFF;

/** r = a·b mod p (r may alias a or b). */
export function feMul(r: usize, a: usize, b: usize): void {
  const a0: u64 = load<u32>(a, 0);
  const a1: u64 = load<u32>(a, 4);
  const a2: u64 = load<u32>(a, 8);
  const a3: u64 = load<u32>(a, 12);
  const a4: u64 = load<u32>(a, 16);
  const a5: u64 = load<u32>(a, 20);
  const a6: u64 = load<u32>(a, 24);
  const a7: u64 = load<u32>(a, 28);
  const a8: u64 = load<u32>(a, 32);
  const a9: u64 = load<u32>(a, 36);
  const b0: u64 = load<u32>(b, 0);
  const b1: u64 = load<u32>(b, 4);
  const b2: u64 = load<u32>(b, 8);
  const b3: u64 = load<u32>(b, 12);
  const b4: u64 = load<u32>(b, 16);
  const b5: u64 = load<u32>(b, 20);
  const b6: u64 = load<u32>(b, 24);
  const b7: u64 = load<u32>(b, 28);
  const b8: u64 = load<u32>(b, 32);
  const b9: u64 = load<u32>(b, 36);
  let c0: u64 = a0 * b0;
  let c1: u64 = a0 * b1 + a1 * b0;
  let c2: u64 = a0 * b2 + a1 * b1 + a2 * b0;
  let c3: u64 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  let c4: u64 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
  let c5: u64 = a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
  let c6: u64 = a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
  let c7: u64 = a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
  let c8: u64 = a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
  let c9: u64 = a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0;
  let c10: u64 = a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1;
  let c11: u64 = a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2;
  let c12: u64 = a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3;
  let c13: u64 = a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4;
  let c14: u64 = a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5;
  let c15: u64 = a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6;
  let c16: u64 = a7 * b9 + a8 * b8 + a9 * b7;
  let c17: u64 = a8 * b9 + a9 * b8;
  let c18: u64 = a9 * b9;
  // carry the 512-bit product into 26-bit limbs t0..t18 and a wide top t19
  c1 += c0 >> 26; c0 &= M;
  c2 += c1 >> 26; c1 &= M;
  c3 += c2 >> 26; c2 &= M;
  c4 += c3 >> 26; c3 &= M;
  c5 += c4 >> 26; c4 &= M;
  c6 += c5 >> 26; c5 &= M;
  c7 += c6 >> 26; c6 &= M;
  c8 += c7 >> 26; c7 &= M;
  c9 += c8 >> 26; c8 &= M;
  c10 += c9 >> 26; c9 &= M;
  c11 += c10 >> 26; c10 &= M;
  c12 += c11 >> 26; c11 &= M;
  c13 += c12 >> 26; c12 &= M;
  c14 += c13 >> 26; c13 &= M;
  c15 += c14 >> 26; c14 &= M;
  c16 += c15 >> 26; c15 &= M;
  c17 += c16 >> 26; c16 &= M;
  c18 += c17 >> 26; c17 &= M;
  const c19: u64 = c18 >> 26; c18 &= M;
  // fold limbs 10..19 (weight 2^260 * 2^26k) down: 2^260 = 0x3D10 + 2^36 (mod p)
  let r0: u64 = c0 + c10 * 0x3D10;
  let r1: u64 = c1 + c11 * 0x3D10 + (c10 << 10);
  let r2: u64 = c2 + c12 * 0x3D10 + (c11 << 10);
  let r3: u64 = c3 + c13 * 0x3D10 + (c12 << 10);
  let r4: u64 = c4 + c14 * 0x3D10 + (c13 << 10);
  let r5: u64 = c5 + c15 * 0x3D10 + (c14 << 10);
  let r6: u64 = c6 + c16 * 0x3D10 + (c15 << 10);
  let r7: u64 = c7 + c17 * 0x3D10 + (c16 << 10);
  let r8: u64 = c8 + c18 * 0x3D10 + (c17 << 10);
  let r9: u64 = c9 + c19 * 0x3D10 + (c18 << 10);
  let top: u64 = c19 << 10;
  r1 += r0 >> 26; r0 &= M;
  r2 += r1 >> 26; r1 &= M;
  r3 += r2 >> 26; r2 &= M;
  r4 += r3 >> 26; r3 &= M;
  r5 += r4 >> 26; r4 &= M;
  r6 += r5 >> 26; r5 &= M;
  r7 += r6 >> 26; r6 &= M;
  r8 += r7 >> 26; r7 &= M;
  r9 += r8 >> 26; r8 &= M;
  // bits >= 256: 2^256 = 0x1000003D1 (mod p)
  top = (r9 >> 22) + (top << 4); r9 &= 0x3FFFFF;
  r0 += top * 0x3D1; r1 += (top << 6) + (r0 >> 26); r0 &= M;
  r2 += r1 >> 26; r1 &= M; r3 += r2 >> 26; r2 &= M;
  store<u32>(r, <u32>r0, 0);
  store<u32>(r, <u32>r1, 4);
  store<u32>(r, <u32>r2, 8);
  store<u32>(r, <u32>r3, 12);
  store<u32>(r, <u32>r4, 16);
  store<u32>(r, <u32>r5, 20);
  store<u32>(r, <u32>r6, 24);
  store<u32>(r, <u32>r7, 28);
  store<u32>(r, <u32>r8, 32);
  store<u32>(r, <u32>r9, 36);
}

/** r = a² mod p (r may alias a). */
export function feSqr(r: usize, a: usize): void {
  const a0: u64 = load<u32>(a, 0);
  const a1: u64 = load<u32>(a, 4);
  const a2: u64 = load<u32>(a, 8);
  const a3: u64 = load<u32>(a, 12);
  const a4: u64 = load<u32>(a, 16);
  const a5: u64 = load<u32>(a, 20);
  const a6: u64 = load<u32>(a, 24);
  const a7: u64 = load<u32>(a, 28);
  const a8: u64 = load<u32>(a, 32);
  const a9: u64 = load<u32>(a, 36);
  let c0: u64 = a0 * a0;
  let c1: u64 = (a0 * a1 << 1);
  let c2: u64 = (a0 * a2 << 1) + a1 * a1;
  let c3: u64 = (a0 * a3 << 1) + (a1 * a2 << 1);
  let c4: u64 = (a0 * a4 << 1) + (a1 * a3 << 1) + a2 * a2;
  let c5: u64 = (a0 * a5 << 1) + (a1 * a4 << 1) + (a2 * a3 << 1);
  let c6: u64 = (a0 * a6 << 1) + (a1 * a5 << 1) + (a2 * a4 << 1) + a3 * a3;
  let c7: u64 = (a0 * a7 << 1) + (a1 * a6 << 1) + (a2 * a5 << 1) + (a3 * a4 << 1);
  let c8: u64 = (a0 * a8 << 1) + (a1 * a7 << 1) + (a2 * a6 << 1) + (a3 * a5 << 1) + a4 * a4;
  let c9: u64 = (a0 * a9 << 1) + (a1 * a8 << 1) + (a2 * a7 << 1) + (a3 * a6 << 1) + (a4 * a5 << 1);
  let c10: u64 = (a1 * a9 << 1) + (a2 * a8 << 1) + (a3 * a7 << 1) + (a4 * a6 << 1) + a5 * a5;
  let c11: u64 = (a2 * a9 << 1) + (a3 * a8 << 1) + (a4 * a7 << 1) + (a5 * a6 << 1);
  let c12: u64 = (a3 * a9 << 1) + (a4 * a8 << 1) + (a5 * a7 << 1) + a6 * a6;
  let c13: u64 = (a4 * a9 << 1) + (a5 * a8 << 1) + (a6 * a7 << 1);
  let c14: u64 = (a5 * a9 << 1) + (a6 * a8 << 1) + a7 * a7;
  let c15: u64 = (a6 * a9 << 1) + (a7 * a8 << 1);
  let c16: u64 = (a7 * a9 << 1) + a8 * a8;
  let c17: u64 = (a8 * a9 << 1);
  let c18: u64 = a9 * a9;
  // carry the 512-bit product into 26-bit limbs t0..t18 and a wide top t19
  c1 += c0 >> 26; c0 &= M;
  c2 += c1 >> 26; c1 &= M;
  c3 += c2 >> 26; c2 &= M;
  c4 += c3 >> 26; c3 &= M;
  c5 += c4 >> 26; c4 &= M;
  c6 += c5 >> 26; c5 &= M;
  c7 += c6 >> 26; c6 &= M;
  c8 += c7 >> 26; c7 &= M;
  c9 += c8 >> 26; c8 &= M;
  c10 += c9 >> 26; c9 &= M;
  c11 += c10 >> 26; c10 &= M;
  c12 += c11 >> 26; c11 &= M;
  c13 += c12 >> 26; c12 &= M;
  c14 += c13 >> 26; c13 &= M;
  c15 += c14 >> 26; c14 &= M;
  c16 += c15 >> 26; c15 &= M;
  c17 += c16 >> 26; c16 &= M;
  c18 += c17 >> 26; c17 &= M;
  const c19: u64 = c18 >> 26; c18 &= M;
  // fold limbs 10..19 (weight 2^260 * 2^26k) down: 2^260 = 0x3D10 + 2^36 (mod p)
  let r0: u64 = c0 + c10 * 0x3D10;
  let r1: u64 = c1 + c11 * 0x3D10 + (c10 << 10);
  let r2: u64 = c2 + c12 * 0x3D10 + (c11 << 10);
  let r3: u64 = c3 + c13 * 0x3D10 + (c12 << 10);
  let r4: u64 = c4 + c14 * 0x3D10 + (c13 << 10);
  let r5: u64 = c5 + c15 * 0x3D10 + (c14 << 10);
  let r6: u64 = c6 + c16 * 0x3D10 + (c15 << 10);
  let r7: u64 = c7 + c17 * 0x3D10 + (c16 << 10);
  let r8: u64 = c8 + c18 * 0x3D10 + (c17 << 10);
  let r9: u64 = c9 + c19 * 0x3D10 + (c18 << 10);
  let top: u64 = c19 << 10;
  r1 += r0 >> 26; r0 &= M;
  r2 += r1 >> 26; r1 &= M;
  r3 += r2 >> 26; r2 &= M;
  r4 += r3 >> 26; r3 &= M;
  r5 += r4 >> 26; r4 &= M;
  r6 += r5 >> 26; r5 &= M;
  r7 += r6 >> 26; r6 &= M;
  r8 += r7 >> 26; r7 &= M;
  r9 += r8 >> 26; r8 &= M;
  // bits >= 256: 2^256 = 0x1000003D1 (mod p)
  top = (r9 >> 22) + (top << 4); r9 &= 0x3FFFFF;
  r0 += top * 0x3D1; r1 += (top << 6) + (r0 >> 26); r0 &= M;
  r2 += r1 >> 26; r1 &= M; r3 += r2 >> 26; r2 &= M;
  store<u32>(r, <u32>r0, 0);
  store<u32>(r, <u32>r1, 4);
  store<u32>(r, <u32>r2, 8);
  store<u32>(r, <u32>r3, 12);
  store<u32>(r, <u32>r4, 16);
  store<u32>(r, <u32>r5, 20);
  store<u32>(r, <u32>r6, 24);
  store<u32>(r, <u32>r7, 28);
  store<u32>(r, <u32>r8, 32);
  store<u32>(r, <u32>r9, 36);
}
