/**
 * @module ecmult — u1·G + u2·P for ECDSA verification (Strauss–Shamir with wNAF, GLV, precomputed G).
 *
 * u2 is split with the endomorphism λ(x, y) = (βx, y) into two ~128-bit halves acting on P and λP
 * (window 5: 8 odd multiples, built per call on an isomorphic curve so no inversion is needed: the
 * multiples share one Z, which is folded back at the end). u1 is cut into its low and high 128 bits acting
 * on G and 2^128·G, whose odd multiples (window WG) are affine tables computed once at first use. All four
 * wNAF streams share one chain of ~129 doublings.
 */
import { FE, feCopy, feFromBytes, feInv, feMul, feNeg, feNormWeak, feSetInt, feSqr } from './field';
import { GE, GEJ, gejAddGe, gejDouble, gejSetGe, gx, gy, gz, isInf, setInf } from './group';
import { SC, scBits, scIsHigh, scNeg, scSplitLambda } from './scalar';

/** Window for G: 2^(WG-2) affine points per table (two tables). */
const WG: i32 = 12;
const NG: i32 = 1 << (WG - 2);
const WP: i32 = 5;
const NP: i32 = 1 << (WP - 2);
const WLEN: i32 = 132;

const G_AFF = memory.data<u32>([
  0x2F81798, 0xA056C5, 0x28D959F, 0x36CB738, 0x3029BFC, 0x3A1C2C1, 0x206295C, 0x2EEB156, 0x27EF9DC, 0x1E6F99,
  0x310D4B8, 0x1F423FE, 0x14199C4, 0x1229A15, 0xFD17B4, 0x384422A, 0x24FBFC0, 0x3119576, 0x27726A3, 0x120EB6,
]);
const BETA = memory.data<u32>([0x19501EE, 0x25B0A1C, 0x995C13, 0x1D44BD6, 0x19CF049, 0x30D0D3A, 0x24479EA, 0x1C41B9, 0x22B657C, 0x1EBA5A]);

let preG: usize = 0;
let preG128: usize = 0;

const PRE_A = memory.data(<i32>GE * NP);
const PRE_AL = memory.data(<i32>GE * NP);
const ZR = memory.data(<i32>FE * NP);
const ZG = memory.data(<i32>FE);
const ZS = memory.data(<i32>FE * 3);
const D = memory.data(<i32>GEJ);
const ACC = memory.data(<i32>GEJ);
const K1 = memory.data(<i32>SC);
const K2 = memory.data(<i32>SC);
const KLO = memory.data(<i32>SC);
const KHI = memory.data(<i32>SC);
const WN_P1 = memory.data(WLEN * 4);
const WN_P2 = memory.data(WLEN * 4);
const WN_G1 = memory.data(WLEN * 4);
const WN_G2 = memory.data(WLEN * 4);

/** Width-w NAF of a (< 2^(len-1)) into out[0..len) (i32 digits, odd, |d| < 2^(w-1)); returns used length. */
function wnaf(out: usize, a: usize, len: i32, w: i32): i32 {
  memory.fill(out, 0, <usize>len << 2);
  let bit = 0, carry: u32 = 0, last = -1;
  while (bit < len) {
    if (scBits(a, bit, 1) == carry) { bit++; continue; }
    let now = w;
    if (now > len - bit) now = len - bit;
    let word = <i32>(scBits(a, bit, now) + carry);
    carry = (<u32>word >> (w - 1)) & 1;
    word -= <i32>(carry << w);
    store<i32>(out + (<usize>bit << 2), word);
    last = bit;
    bit += now;
  }
  return last + 1;
}

/** out[i] = (2i+1)·base as affine points, for i < count (one inversion via Montgomery's trick). */
function affineOddMultiples(out: usize, base: usize, count: i32): void {
  const jac = heap.alloc(<usize>count * GEJ);
  const pref = heap.alloc(<usize>count * FE);
  const inv = heap.alloc(FE * 3);
  // d = 2·base, made affine
  gejSetGe(D, base);
  gejDouble(D, D);
  feInv(inv, gz(D));
  feSqr(inv + FE, inv); feMul(gx(ACC), gx(D), inv + FE);
  feMul(inv + FE, inv + FE, inv); feMul(gy(ACC), gy(D), inv + FE);
  gejSetGe(jac, base);
  for (let i = 1; i < count; i++) {
    gejAddGe(jac + <usize>i * GEJ, jac + <usize>(i - 1) * GEJ, ACC, false, 0, 0);
  }
  feCopy(pref, gz(jac));
  for (let i = 1; i < count; i++) feMul(pref + <usize>i * FE, pref + <usize>(i - 1) * FE, gz(jac + <usize>i * GEJ));
  feInv(inv, pref + <usize>(count - 1) * FE);   // inv = 1/(z0···z_{c-1})
  for (let i = count - 1; i >= 0; i--) {
    const zi = inv + FE, z2 = inv + 2 * FE;
    if (i > 0) {
      feMul(zi, inv, pref + <usize>(i - 1) * FE);      // 1/z_i
      feMul(inv, inv, gz(jac + <usize>i * GEJ));      // 1/(z0···z_{i-1})
    } else {
      feCopy(zi, inv);
    }
    const p = jac + <usize>i * GEJ, o = out + <usize>i * GE;
    feSqr(z2, zi);
    feMul(gx(o), gx(p), z2);
    feMul(z2, z2, zi);
    feMul(gy(o), gy(p), z2);
  }
}

/** Build the G tables (once). */
export function ecmultInit(): void {
  if (preG != 0) return;
  preG = heap.alloc(<usize>NG * GE);
  preG128 = heap.alloc(<usize>NG * GE);
  affineOddMultiples(preG, G_AFF, NG);
  // 2^128·G, made affine
  const g128 = heap.alloc(GE);
  const inv = heap.alloc(FE * 2);
  gejSetGe(ACC, G_AFF);
  for (let i = 0; i < 128; i++) gejDouble(ACC, ACC);
  feInv(inv, gz(ACC));
  feSqr(inv + FE, inv); feMul(gx(g128), gx(ACC), inv + FE);
  feMul(inv + FE, inv + FE, inv); feMul(gy(g128), gy(ACC), inv + FE);
  affineOddMultiples(preG128, g128, NG);
}

/**
 * Odd multiples P, 3P, ..., (2NP-1)P of the affine point p into PRE_A (and λ-images into PRE_AL), all
 * sharing the Z coordinate returned in ZG: entry (x, y) stands for the Jacobian (x, y, ZG).
 */
function buildPTable(p: usize): void {
  gejSetGe(D, p);
  gejDouble(D, D);                        // d = 2P = (dx, dy, C)
  // On the curve y² = x³ + 7C⁶, φ(P) = (px·C², py·C³) and φ(d) = (dx, dy) are affine.
  const c2 = ZS, c3 = ZS + FE;
  feSqr(c2, gz(D)); feMul(c3, c2, gz(D));
  feMul(gx(ACC), gx(p), c2); feMul(gy(ACC), gy(p), c3); feSetInt(gz(ACC), 1); setInf(ACC, false);
  feCopy(gx(PRE_A), gx(ACC)); feCopy(gy(PRE_A), gy(ACC));
  for (let i = 1; i < NP; i++) {
    gejAddGe(ACC, ACC, D, false, 0, ZR + <usize>i * FE);
    feCopy(gx(PRE_A + <usize>i * GE), gx(ACC)); feCopy(gy(PRE_A + <usize>i * GE), gy(ACC));
  }
  // bring entries to the last entry's Z: walk down multiplying the z ratios
  const zs = ZS + 2 * FE, s2 = ZS, s3 = ZS + FE;
  feCopy(zs, ZR + <usize>(NP - 1) * FE);
  for (let i = NP - 2; i >= 0; i--) {
    const e = PRE_A + <usize>i * GE;
    feSqr(s2, zs); feMul(s3, s2, zs);
    feMul(gx(e), gx(e), s2); feMul(gy(e), gy(e), s3);
    if (i > 0) feMul(zs, zs, ZR + <usize>i * FE);
  }
  feMul(ZG, gz(ACC), gz(D));              // undo the isomorphism: true Z = ZG
  for (let i = 0; i < NP; i++) {
    const e = PRE_A + <usize>i * GE, l = PRE_AL + <usize>i * GE;
    feMul(gx(l), gx(e), BETA); feCopy(gy(l), gy(e));
  }
}

@inline function addDigit(r: usize, table: usize, n: i32, flip: bool, zinv: usize): void {
  if (n > 0) gejAddGe(r, r, table + <usize>((n - 1) >> 1) * GE, flip, zinv, 0);
  else gejAddGe(r, r, table + <usize>((-n - 1) >> 1) * GE, !flip, zinv, 0);
}

/** r = u1·G + u2·P (P affine, finite; u1, u2 < n). r is Jacobian (true coordinates). */
export function ecmult(r: usize, p: usize, u2: usize, u1: usize): void {
  ecmultInit();
  scSplitLambda(K1, K2, u2);
  const neg1 = scIsHigh(K1), neg2 = scIsHigh(K2);
  if (neg1) scNeg(K1, K1);
  if (neg2) scNeg(K2, K2);
  memory.fill(KLO, 0, SC); memory.copy(KLO, u1, 16);
  memory.fill(KHI, 0, SC); memory.copy(KHI, u1 + 16, 16);
  let bits = wnaf(WN_P1, K1, 130, WP);
  let b = wnaf(WN_P2, K2, 130, WP); if (b > bits) bits = b;
  b = wnaf(WN_G1, KLO, 130, WG); if (b > bits) bits = b;
  b = wnaf(WN_G2, KHI, 130, WG); if (b > bits) bits = b;
  buildPTable(p);
  setInf(r, true);
  for (let i = bits - 1; i >= 0; i--) {
    gejDouble(r, r);
    const o = <usize>i << 2;
    let n = load<i32>(WN_P1 + o);
    if (n != 0) addDigit(r, PRE_A, n, neg1, 0);
    n = load<i32>(WN_P2 + o);
    if (n != 0) addDigit(r, PRE_AL, n, neg2, 0);
    n = load<i32>(WN_G1 + o);
    if (n != 0) addDigit(r, preG, n, false, ZG);
    n = load<i32>(WN_G2 + o);
    if (n != 0) addDigit(r, preG128, n, false, ZG);
  }
  if (!isInf(r)) feMul(gz(r), gz(r), ZG);
}
