/**
 * @module field — GF(p) elements for secp256k1, p = 2^256 - 2^32 - 977 (SEC 2 §2.4.1).
 *
 * An element is 10 little-endian u32 limbs of 26 bits (limb 9: 22 bits) at a pointer, 40 bytes.
 * Additions are lazy: a value of "magnitude m" has limbs <= m·2^26 (limb 9 <= m·2^22) and represents
 * something congruent to the element. feMul/feSqr accept magnitude <= 16 and return magnitude 1; the
 * group formulas track magnitudes and call feNormWeak where a chain of additions would exceed that.
 * Only public data passes through here (verification), so branches on values are fine.
 */
import { feMul, feSqr } from './field-mul';
export { feMul, feSqr };

export const FE: usize = 40;
const M: u32 = 0x3FFFFFF;

/** Scratch elements for the inversion / square-root chains. */
const X2 = memory.data(<i32>FE * 12);
@inline function X(i: i32): usize { return X2 + <usize>i * FE; }

export function feCopy(r: usize, a: usize): void { memory.copy(r, a, FE); }
export function feSetInt(r: usize, v: u32): void { memory.fill(r, 0, FE); store<u32>(r, v); }

/** Load a 32-byte big-endian integer (any value < 2^256; not reduced). */
export function feFromBytes(r: usize, b: usize): void {
  let acc: u64 = 0;
  let bits: i32 = 0;
  let limb: i32 = 0;
  for (let i = 31; i >= 0; i--) {
    acc |= (<u64>load<u8>(b + <usize>i)) << bits;
    bits += 8;
    if (bits >= 26 && limb < 9) {
      store<u32>(r + <usize>(limb << 2), <u32>(acc & M));
      acc >>= 26; bits -= 26; limb++;
    }
  }
  store<u32>(r + 36, <u32>acc);
}

/** True if the 32-byte big-endian integer at b is < p. */
export function bytesLtP(b: usize): bool {
  // p = FF..FF (27 bytes) FE FF FF FC 2F
  for (let i = 0; i < 27; i++) if (load<u8>(b + <usize>i) != 0xFF) return true;
  const tail: u64 = (<u64>load<u8>(b + 27) << 32) | (<u64>load<u8>(b + 28) << 24) |
    (<u64>load<u8>(b + 29) << 16) | (<u64>load<u8>(b + 30) << 8) | <u64>load<u8>(b + 31);
  return tail < 0xFEFFFFFC2F;
}

/** Fully reduce to the canonical representative (limbs exact, value < p). */
export function feNormalize(r: usize): void {
  let t0: u32 = load<u32>(r, 0), t1: u32 = load<u32>(r, 4), t2: u32 = load<u32>(r, 8), t3: u32 = load<u32>(r, 12);
  let t4: u32 = load<u32>(r, 16), t5: u32 = load<u32>(r, 20), t6: u32 = load<u32>(r, 24), t7: u32 = load<u32>(r, 28);
  let t8: u32 = load<u32>(r, 32), t9: u32 = load<u32>(r, 36);
  for (let pass = 0; pass < 2; pass++) {
    const x = t9 >> 22; t9 &= 0x3FFFFF;
    t0 += x * 0x3D1; t1 += (x << 6);
    t1 += t0 >> 26; t0 &= M; t2 += t1 >> 26; t1 &= M; t3 += t2 >> 26; t2 &= M;
    t4 += t3 >> 26; t3 &= M; t5 += t4 >> 26; t4 &= M; t6 += t5 >> 26; t5 &= M;
    t7 += t6 >> 26; t6 &= M; t8 += t7 >> 26; t7 &= M; t9 += t8 >> 26; t8 &= M;
  }
  // now value < 2^256 + small; subtract p once if value >= p (add 2^256 - p, drop bit 256)
  let ge = (t9 >> 22) != 0;
  if (!ge && t9 == 0x3FFFFF && (t8 & t7 & t6 & t5 & t4 & t3 & t2) == M) {
    ge = (t1 + 0x40 + ((t0 + 0x3D1) >> 26)) > M;
  }
  if (ge) {
    t0 += 0x3D1; t1 += 0x40;
    t1 += t0 >> 26; t0 &= M; t2 += t1 >> 26; t1 &= M; t3 += t2 >> 26; t2 &= M;
    t4 += t3 >> 26; t3 &= M; t5 += t4 >> 26; t4 &= M; t6 += t5 >> 26; t5 &= M;
    t7 += t6 >> 26; t6 &= M; t8 += t7 >> 26; t7 &= M; t9 += t8 >> 26; t8 &= M;
    t9 &= 0x3FFFFF;
  }
  store<u32>(r, t0, 0); store<u32>(r, t1, 4); store<u32>(r, t2, 8); store<u32>(r, t3, 12); store<u32>(r, t4, 16);
  store<u32>(r, t5, 20); store<u32>(r, t6, 24); store<u32>(r, t7, 28); store<u32>(r, t8, 32); store<u32>(r, t9, 36);
}

/** Reduce to magnitude 1 without the final subtraction (one carry pass). */
export function feNormWeak(r: usize): void {
  let t0: u32 = load<u32>(r, 0), t1: u32 = load<u32>(r, 4), t2: u32 = load<u32>(r, 8), t3: u32 = load<u32>(r, 12);
  let t4: u32 = load<u32>(r, 16), t5: u32 = load<u32>(r, 20), t6: u32 = load<u32>(r, 24), t7: u32 = load<u32>(r, 28);
  let t8: u32 = load<u32>(r, 32), t9: u32 = load<u32>(r, 36);
  const x = t9 >> 22; t9 &= 0x3FFFFF;
  t0 += x * 0x3D1; t1 += (x << 6);
  t1 += t0 >> 26; t0 &= M; t2 += t1 >> 26; t1 &= M; t3 += t2 >> 26; t2 &= M;
  t4 += t3 >> 26; t3 &= M; t5 += t4 >> 26; t4 &= M; t6 += t5 >> 26; t5 &= M;
  t7 += t6 >> 26; t6 &= M; t8 += t7 >> 26; t7 &= M; t9 += t8 >> 26; t8 &= M;
  store<u32>(r, t0, 0); store<u32>(r, t1, 4); store<u32>(r, t2, 8); store<u32>(r, t3, 12); store<u32>(r, t4, 16);
  store<u32>(r, t5, 20); store<u32>(r, t6, 24); store<u32>(r, t7, 28); store<u32>(r, t8, 32); store<u32>(r, t9, 36);
}

/** Write the canonical 32-byte big-endian encoding (normalizes r in place). */
export function feToBytes(out: usize, r: usize): void {
  feNormalize(r);
  let acc: u64 = 0;
  let bits: i32 = 0;
  let limb: i32 = 0;
  for (let i = 31; i >= 0; i--) {
    while (bits < 8) { acc |= (<u64>load<u32>(r + <usize>(limb << 2))) << bits; bits += 26; limb++; }
    store<u8>(out + <usize>i, <u8>acc);
    acc >>= 8; bits -= 8;
  }
}

/** True if a (magnitude <= 16) represents zero mod p: one carry pass, then compare with 0 and with p. */
export function feIsZero(a: usize): bool {
  let t0: u32 = load<u32>(a, 0), t1: u32 = load<u32>(a, 4), t2: u32 = load<u32>(a, 8), t3: u32 = load<u32>(a, 12);
  let t4: u32 = load<u32>(a, 16), t5: u32 = load<u32>(a, 20), t6: u32 = load<u32>(a, 24), t7: u32 = load<u32>(a, 28);
  let t8: u32 = load<u32>(a, 32), t9: u32 = load<u32>(a, 36);
  const x = t9 >> 22; t9 &= 0x3FFFFF;
  t0 += x * 0x3D1; t1 += (x << 6);
  t1 += t0 >> 26; t0 &= M; t2 += t1 >> 26; t1 &= M; t3 += t2 >> 26; t2 &= M;
  t4 += t3 >> 26; t3 &= M; t5 += t4 >> 26; t4 &= M; t6 += t5 >> 26; t5 &= M;
  t7 += t6 >> 26; t6 &= M; t8 += t7 >> 26; t7 &= M; t9 += t8 >> 26; t8 &= M;
  // the value is now < 2^256 + 2^32·small, so only 0 and p can represent zero
  if ((t0 | t1 | t2 | t3 | t4 | t5 | t6 | t7 | t8 | t9) == 0) return true;
  return t0 == 0x3FFFC2F && t1 == 0x3FFFFBF && (t2 & t3 & t4 & t5 & t6 & t7 & t8) == M && t9 == 0x3FFFFF;
}

/** True if a and b are the same element (both normalized first; inputs are not modified). */
export function feEqual(a: usize, b: usize): bool {
  feCopy(X(10), a); feNormalize(X(10));
  feCopy(X(11), b); feNormalize(X(11));
  return memory.compare(X(10), X(11), FE) == 0;
}

/** Parity of the canonical value (normalizes a in place). */
export function feIsOdd(a: usize): bool { feNormalize(a); return (load<u32>(a) & 1) != 0; }

/** r = a + b (magnitudes add). */
export function feAdd(r: usize, a: usize, b: usize): void {
  store<u32>(r, load<u32>(a, 0) + load<u32>(b, 0), 0); store<u32>(r, load<u32>(a, 4) + load<u32>(b, 4), 4);
  store<u32>(r, load<u32>(a, 8) + load<u32>(b, 8), 8); store<u32>(r, load<u32>(a, 12) + load<u32>(b, 12), 12);
  store<u32>(r, load<u32>(a, 16) + load<u32>(b, 16), 16); store<u32>(r, load<u32>(a, 20) + load<u32>(b, 20), 20);
  store<u32>(r, load<u32>(a, 24) + load<u32>(b, 24), 24); store<u32>(r, load<u32>(a, 28) + load<u32>(b, 28), 28);
  store<u32>(r, load<u32>(a, 32) + load<u32>(b, 32), 32); store<u32>(r, load<u32>(a, 36) + load<u32>(b, 36), 36);
}

/** r = k·a (magnitude multiplies by k). */
export function feMulInt(r: usize, a: usize, k: u32): void {
  store<u32>(r, load<u32>(a, 0) * k, 0); store<u32>(r, load<u32>(a, 4) * k, 4);
  store<u32>(r, load<u32>(a, 8) * k, 8); store<u32>(r, load<u32>(a, 12) * k, 12);
  store<u32>(r, load<u32>(a, 16) * k, 16); store<u32>(r, load<u32>(a, 20) * k, 20);
  store<u32>(r, load<u32>(a, 24) * k, 24); store<u32>(r, load<u32>(a, 28) * k, 28);
  store<u32>(r, load<u32>(a, 32) * k, 32); store<u32>(r, load<u32>(a, 36) * k, 36);
}

/** r = -a, where a has magnitude <= m; the result has magnitude m + 1. */
export function feNeg(r: usize, a: usize, m: u32): void {
  const k: u32 = 2 * (m + 1);
  const km = M * k;
  store<u32>(r, 0x3FFFC2F * k - load<u32>(a, 0), 0);
  store<u32>(r, 0x3FFFFBF * k - load<u32>(a, 4), 4);
  store<u32>(r, km - load<u32>(a, 8), 8); store<u32>(r, km - load<u32>(a, 12), 12);
  store<u32>(r, km - load<u32>(a, 16), 16); store<u32>(r, km - load<u32>(a, 20), 20);
  store<u32>(r, km - load<u32>(a, 24), 24); store<u32>(r, km - load<u32>(a, 28), 28);
  store<u32>(r, km - load<u32>(a, 32), 32);
  store<u32>(r, 0x3FFFFF * k - load<u32>(a, 36), 36);
}

/** r = a - b, where b has magnitude <= mb (result magnitude: ma + mb + 1). */
export function feSub(r: usize, a: usize, b: usize, mb: u32): void {
  const k: u32 = 2 * (mb + 1);
  const km = M * k;
  store<u32>(r, load<u32>(a, 0) + 0x3FFFC2F * k - load<u32>(b, 0), 0);
  store<u32>(r, load<u32>(a, 4) + 0x3FFFFBF * k - load<u32>(b, 4), 4);
  store<u32>(r, load<u32>(a, 8) + km - load<u32>(b, 8), 8); store<u32>(r, load<u32>(a, 12) + km - load<u32>(b, 12), 12);
  store<u32>(r, load<u32>(a, 16) + km - load<u32>(b, 16), 16); store<u32>(r, load<u32>(a, 20) + km - load<u32>(b, 20), 20);
  store<u32>(r, load<u32>(a, 24) + km - load<u32>(b, 24), 24); store<u32>(r, load<u32>(a, 28) + km - load<u32>(b, 28), 28);
  store<u32>(r, load<u32>(a, 32) + km - load<u32>(b, 32), 32);
  store<u32>(r, load<u32>(a, 36) + 0x3FFFFF * k - load<u32>(b, 36), 36);
}

/**
 * r = ka·a - kb·b - kc·c + kp·p, reduced to magnitude 1 in one pass (fuses the additions of the group
 * formulas). The caller picks kp so every limb stays non-negative: kp·p_i >= kb·b_i + kc·c_i.
 */
export function feLin(r: usize, a: usize, ka: u64, b: usize, kb: u64, c: usize, kc: u64, kp: u64): void {
  const m = <u64>M * kp;
  let t0: u64 = <u64>load<u32>(a, 0) * ka + 0x3FFFC2F * kp - <u64>load<u32>(b, 0) * kb - <u64>load<u32>(c, 0) * kc;
  let t1: u64 = <u64>load<u32>(a, 4) * ka + 0x3FFFFBF * kp - <u64>load<u32>(b, 4) * kb - <u64>load<u32>(c, 4) * kc;
  let t2: u64 = <u64>load<u32>(a, 8) * ka + m - <u64>load<u32>(b, 8) * kb - <u64>load<u32>(c, 8) * kc;
  let t3: u64 = <u64>load<u32>(a, 12) * ka + m - <u64>load<u32>(b, 12) * kb - <u64>load<u32>(c, 12) * kc;
  let t4: u64 = <u64>load<u32>(a, 16) * ka + m - <u64>load<u32>(b, 16) * kb - <u64>load<u32>(c, 16) * kc;
  let t5: u64 = <u64>load<u32>(a, 20) * ka + m - <u64>load<u32>(b, 20) * kb - <u64>load<u32>(c, 20) * kc;
  let t6: u64 = <u64>load<u32>(a, 24) * ka + m - <u64>load<u32>(b, 24) * kb - <u64>load<u32>(c, 24) * kc;
  let t7: u64 = <u64>load<u32>(a, 28) * ka + m - <u64>load<u32>(b, 28) * kb - <u64>load<u32>(c, 28) * kc;
  let t8: u64 = <u64>load<u32>(a, 32) * ka + m - <u64>load<u32>(b, 32) * kb - <u64>load<u32>(c, 32) * kc;
  let t9: u64 = <u64>load<u32>(a, 36) * ka + 0x3FFFFF * kp - <u64>load<u32>(b, 36) * kb - <u64>load<u32>(c, 36) * kc;
  const MM: u64 = 0x3FFFFFF;
  t1 += t0 >> 26; t0 &= MM; t2 += t1 >> 26; t1 &= MM; t3 += t2 >> 26; t2 &= MM;
  t4 += t3 >> 26; t3 &= MM; t5 += t4 >> 26; t4 &= MM; t6 += t5 >> 26; t5 &= MM;
  t7 += t6 >> 26; t6 &= MM; t8 += t7 >> 26; t7 &= MM; t9 += t8 >> 26; t8 &= MM;
  const x = t9 >> 22; t9 &= 0x3FFFFF;
  t0 += x * 0x3D1; t1 += (x << 6) + (t0 >> 26); t0 &= MM; t2 += t1 >> 26; t1 &= MM;
  store<u32>(r, <u32>t0, 0); store<u32>(r, <u32>t1, 4); store<u32>(r, <u32>t2, 8); store<u32>(r, <u32>t3, 12); store<u32>(r, <u32>t4, 16);
  store<u32>(r, <u32>t5, 20); store<u32>(r, <u32>t6, 24); store<u32>(r, <u32>t7, 28); store<u32>(r, <u32>t8, 32); store<u32>(r, <u32>t9, 36);
}

/** The zero element, for feLin calls with fewer operands. */
export const FE_ZERO = memory.data(40);

function sqrN(r: usize, a: usize, n: i32): void {
  feSqr(r, a);
  for (let i = 1; i < n; i++) feSqr(r, r);
}

/** Shared prefix of the inversion and square-root chains: X(0)=a^(2^2-1) ... X(8)=a^(2^223-1). */
function chain223(a: usize): void {
  feSqr(X(0), a); feMul(X(0), X(0), a);            // x2
  feSqr(X(1), X(0)); feMul(X(1), X(1), a);         // x3
  sqrN(X(2), X(1), 3); feMul(X(2), X(2), X(1));    // x6
  sqrN(X(3), X(2), 3); feMul(X(3), X(3), X(1));    // x9
  sqrN(X(4), X(3), 2); feMul(X(4), X(4), X(0));    // x11
  sqrN(X(5), X(4), 11); feMul(X(5), X(5), X(4));   // x22
  sqrN(X(6), X(5), 22); feMul(X(6), X(6), X(5));   // x44
  sqrN(X(7), X(6), 44); feMul(X(7), X(7), X(6));   // x88
  sqrN(X(8), X(7), 88); feMul(X(8), X(8), X(7));   // x176
  sqrN(X(8), X(8), 44); feMul(X(8), X(8), X(6));   // x220
  sqrN(X(8), X(8), 3); feMul(X(8), X(8), X(1));    // x223
}

/** r = a^(p-2) = 1/a (0 for 0). p-2 = [223 ones] 0 [22 ones] 0000 1 0 1 1 0 1. */
export function feInv(r: usize, a: usize): void {
  chain223(a);
  sqrN(X(9), X(8), 23); feMul(X(9), X(9), X(5));
  sqrN(X(9), X(9), 5); feMul(X(9), X(9), a);
  sqrN(X(9), X(9), 3); feMul(X(9), X(9), X(0));
  sqrN(X(9), X(9), 2); feMul(r, X(9), a);
}

/** r = a^((p+1)/4); returns true if that is a square root of a. (p+1)/4 = [223 ones] 0 [22 ones] 0000 11 00. */
export function feSqrt(r: usize, a: usize): bool {
  chain223(a);
  sqrN(X(9), X(8), 23); feMul(X(9), X(9), X(5));
  sqrN(X(9), X(9), 6); feMul(X(9), X(9), X(0));
  sqrN(r, X(9), 2);
  feSqr(X(9), r);
  return feEqual(X(9), a);
}
