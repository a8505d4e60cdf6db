/**
 * @module scalar — integers modulo the group order n (SEC 2 §2.4.1), for ECDSA verification only.
 *
 * A scalar is 8 little-endian u32 limbs (32 bytes, plus one zero guard limb so wNAF can read past the
 * top: SC = 36 bytes). Reduction uses 2^256 = c (mod n), c = 2^256 - n (129 bits), folding until the
 * high half is empty. The GLV split follows the lattice basis of the curve's endomorphism (Gallant,
 * Lambert, Vanstone 2001) with rounding by precomputed g1 = round(2^384·a1/n), g2 = round(2^384·(-b1)/n).
 */

export const SC: usize = 36;

const N = memory.data<u32>([0xD0364141, 0xBFD25E8C, 0xAF48A03B, 0xBAAEDCE6, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0]);
const NHALF = memory.data<u32>([0x681B20A0, 0xDFE92F46, 0x57A4501D, 0x5D576E73, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x7FFFFFFF, 0]);
const C = memory.data<u32>([0x2FC9BEBF, 0x402DA173, 0x50B75FC4, 0x45512319, 1]);
const LAMBDA = memory.data<u32>([0x1B23BD72, 0xDF02967C, 0x20816678, 0x122E22EA, 0x8812645A, 0xA5261C02, 0xC05C30E0, 0x5363AD4C, 0]);
const G1 = memory.data<u32>([0x45DBB031, 0xE893209A, 0x71E8CA7F, 0x3DAA8A14, 0x9284EB15, 0xE86C90E4, 0xA7D46BCD, 0x3086D221, 0]);
const G2 = memory.data<u32>([0x8AC47F71, 0x1571B4AE, 0x9DF506C6, 0x221208AC, 0x0ABFE4C4, 0x6F547FA9, 0x010E8828, 0xE4437ED6, 0]);
const MINUS_B1 = memory.data<u32>([0x0ABFE4C3, 0x6F547FA9, 0x010E8828, 0xE4437ED6, 0, 0, 0, 0, 0]);
const MINUS_B2 = memory.data<u32>([0x3DB1562C, 0xD765CDA8, 0x0774346D, 0x8A280AC5, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0]);

/** Wide scratch: a 512-bit product (16 limbs) and a fold buffer. */
const W = memory.data(4 * 20);
const W2 = memory.data(4 * 20);
const T1 = memory.data(<i32>SC);
const T2 = memory.data(<i32>SC);

@inline function limb(a: usize, i: i32): u64 { return <u64>load<u32>(a + (<usize>i << 2)); }
@inline function setLimb(a: usize, i: i32, v: u64): void { store<u32>(a + (<usize>i << 2), <u32>v); }

export function scSetZero(r: usize): void { memory.fill(r, 0, SC); }

export function scIsZero(a: usize): bool {
  let z: u32 = 0;
  for (let i = 0; i < 8; i++) z |= load<u32>(a + (<usize>i << 2));
  return z == 0;
}

/** Compare two 8-limb values: -1, 0, 1. */
function cmp8(a: usize, b: usize): i32 {
  for (let i = 7; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2)), y = load<u32>(b + (<usize>i << 2));
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** r = a - b over 8 limbs (a >= b assumed, or wraps mod 2^256). */
function sub8(r: usize, a: usize, b: usize): void {
  let borrow: i64 = 0;
  for (let i = 0; i < 8; i++) {
    const d: i64 = <i64>limb(a, i) - <i64>limb(b, i) + borrow;
    setLimb(r, i, <u64>d);
    borrow = d >> 32;
  }
}

/** r = a + b mod n (a, b < n). */
export function scAdd(r: usize, a: usize, b: usize): void {
  let carry: u64 = 0;
  for (let i = 0; i < 8; i++) {
    const s = limb(a, i) + limb(b, i) + carry;
    setLimb(r, i, s); carry = s >> 32;
  }
  setLimb(r, 8, 0);
  if (carry != 0 || cmp8(r, N) >= 0) sub8(r, r, N);
}

/** r = n - a (0 stays 0). */
export function scNeg(r: usize, a: usize): void {
  if (scIsZero(a)) { scSetZero(r); return; }
  sub8(r, N, a);
  setLimb(r, 8, 0);
}

/** True if a > n/2 (the "high-S" half). */
export function scIsHigh(a: usize): bool { return cmp8(a, NHALF) > 0; }

/** Load 32 big-endian bytes; returns true if the value was >= n (then r holds value - n). */
export function scFromBytes(r: usize, b: usize): bool {
  for (let i = 0; i < 8; i++) store<u32>(r + (<usize>i << 2), bswap<u32>(load<u32>(b + <usize>(28 - 4 * i))));
  setLimb(r, 8, 0);
  if (cmp8(r, N) >= 0) { sub8(r, r, N); return true; }
  return false;
}

export function scToBytes(out: usize, a: usize): void {
  for (let i = 0; i < 8; i++) store<u32>(out + <usize>(28 - 4 * i), bswap<u32>(load<u32>(a + (<usize>i << 2))));
}

/** W[0..16) = a·b (schoolbook, 8×8 limbs). */
function mulWide(a: usize, b: usize): void {
  memory.fill(W, 0, 4 * 20);
  for (let i = 0; i < 8; i++) {
    const ai = limb(a, i);
    if (ai == 0) continue;
    let carry: u64 = 0;
    for (let j = 0; j < 8; j++) {
      const t = ai * limb(b, j) + limb(W, i + j) + carry;
      setLimb(W, i + j, t); carry = t >> 32;
    }
    setLimb(W, i + 8, carry);
  }
}

/** r = W[0..len) mod n, folding the part above 2^256 with c = 2^256 - n. */
function reduceWide(r: usize, len: i32): void {
  while (len > 8) {
    // W2 = low 8 limbs + high · c
    memory.fill(W2, 0, 4 * 20);
    memory.copy(W2, W, 32);
    let top = 8;
    for (let i = 8; i < len; i++) {
      const hi = limb(W, i);
      if (hi == 0) continue;
      let carry: u64 = 0;
      let k = 0;
      for (; k < 5; k++) {
        const t = hi * limb(C, k) + limb(W2, i - 8 + k) + carry;
        setLimb(W2, i - 8 + k, t); carry = t >> 32;
      }
      for (let j = i - 8 + k; carry != 0; j++) {
        const t = limb(W2, j) + carry;
        setLimb(W2, j, t); carry = t >> 32;
        if (j + 1 > top) top = j + 1;
      }
      if (i - 8 + k > top) top = i - 8 + k;
    }
    memory.copy(W, W2, 4 * 20);
    len = top;
    while (len > 8 && limb(W, len - 1) == 0) len--;
  }
  memory.copy(r, W, 32);
  setLimb(r, 8, 0);
  while (cmp8(r, N) >= 0) sub8(r, r, N);
}

/** r = a·b mod n. */
export function scMul(r: usize, a: usize, b: usize): void {
  mulWide(a, b);
  reduceWide(r, 16);
}

/** r = round(a·g / 2^384) (a, g < 2^256; result < 2^128 + 1 fits). */
function mulShift384(r: usize, a: usize, g: usize): void {
  mulWide(a, g);
  let carry: u64 = (limb(W, 11) >> 31) & 1;
  for (let i = 0; i < 4; i++) {
    const t = limb(W, 12 + i) + carry;
    setLimb(r, i, t); carry = t >> 32;
  }
  setLimb(r, 4, carry);
  for (let i = 5; i < 9; i++) setLimb(r, i, 0);
}

// n as four u64 limbs (little-endian), for the binary inversion.
const N0: u64 = 0xBFD25E8CD0364141;
const N1: u64 = 0xBAAEDCE6AF48A03B;
const N2: u64 = 0xFFFFFFFFFFFFFFFE;
const N3: u64 = 0xFFFFFFFFFFFFFFFF;

// Binary extended Euclid state (u64 limbs): u = x·a, v = y·a (mod n).
let u0: u64 = 0, u1: u64 = 0, u2: u64 = 0, u3: u64 = 0;
let v0: u64 = 0, v1: u64 = 0, v2: u64 = 0, v3: u64 = 0;
let x0: u64 = 0, x1: u64 = 0, x2: u64 = 0, x3: u64 = 0;
let y0: u64 = 0, y1: u64 = 0, y2: u64 = 0, y3: u64 = 0;

/** x = x/2 mod n. */
@inline function halfX(): void {
  let c: u64 = 0;
  if ((x0 & 1) != 0) {
    let t = x0 + N0; let k: u64 = t < x0 ? 1 : 0; x0 = t;
    t = x1 + N1 + k; k = (t < x1 || (k != 0 && t == x1)) ? 1 : 0; x1 = t;
    t = x2 + N2 + k; k = (t < x2 || (k != 0 && t == x2)) ? 1 : 0; x2 = t;
    t = x3 + N3 + k; k = (t < x3 || (k != 0 && t == x3)) ? 1 : 0; x3 = t;
    c = k;
  }
  x0 = (x0 >> 1) | (x1 << 63); x1 = (x1 >> 1) | (x2 << 63); x2 = (x2 >> 1) | (x3 << 63); x3 = (x3 >> 1) | (c << 63);
}

@inline function halfY(): void {
  let c: u64 = 0;
  if ((y0 & 1) != 0) {
    let t = y0 + N0; let k: u64 = t < y0 ? 1 : 0; y0 = t;
    t = y1 + N1 + k; k = (t < y1 || (k != 0 && t == y1)) ? 1 : 0; y1 = t;
    t = y2 + N2 + k; k = (t < y2 || (k != 0 && t == y2)) ? 1 : 0; y2 = t;
    t = y3 + N3 + k; k = (t < y3 || (k != 0 && t == y3)) ? 1 : 0; y3 = t;
    c = k;
  }
  y0 = (y0 >> 1) | (y1 << 63); y1 = (y1 >> 1) | (y2 << 63); y2 = (y2 >> 1) | (y3 << 63); y3 = (y3 >> 1) | (c << 63);
}

/** r = 1/a mod n (a nonzero, < n): binary extended Euclid, variable time (public data only). */
export function scInv(r: usize, a: usize): void {
  u0 = limb(a, 0) | (limb(a, 1) << 32); u1 = limb(a, 2) | (limb(a, 3) << 32);
  u2 = limb(a, 4) | (limb(a, 5) << 32); u3 = limb(a, 6) | (limb(a, 7) << 32);
  v0 = N0; v1 = N1; v2 = N2; v3 = N3;
  x0 = 1; x1 = 0; x2 = 0; x3 = 0;
  y0 = 0; y1 = 0; y2 = 0; y3 = 0;
  while (true) {
    while ((u0 & 1) == 0) {
      u0 = (u0 >> 1) | (u1 << 63); u1 = (u1 >> 1) | (u2 << 63); u2 = (u2 >> 1) | (u3 << 63); u3 >>= 1;
      halfX();
    }
    while ((v0 & 1) == 0) {
      v0 = (v0 >> 1) | (v1 << 63); v1 = (v1 >> 1) | (v2 << 63); v2 = (v2 >> 1) | (v3 << 63); v3 >>= 1;
      halfY();
    }
    if (u0 == 1 && (u1 | u2 | u3) == 0) { storeX(r, x0, x1, x2, x3); return; }
    if (v0 == 1 && (v1 | v2 | v3) == 0) { storeX(r, y0, y1, y2, y3); return; }
    const uGe = u3 != v3 ? u3 > v3 : u2 != v2 ? u2 > v2 : u1 != v1 ? u1 > v1 : u0 >= v0;
    if (uGe) {
      // u -= v; x -= y (mod n)
      let b: u64 = u0 < v0 ? 1 : 0; u0 -= v0;
      let t = u1 - v1 - b; b = (u1 < v1 || (b != 0 && u1 == v1)) ? 1 : 0; u1 = t;
      t = u2 - v2 - b; b = (u2 < v2 || (b != 0 && u2 == v2)) ? 1 : 0; u2 = t;
      u3 = u3 - v3 - b;
      b = x0 < y0 ? 1 : 0; x0 -= y0;
      t = x1 - y1 - b; b = (x1 < y1 || (b != 0 && x1 == y1)) ? 1 : 0; x1 = t;
      t = x2 - y2 - b; b = (x2 < y2 || (b != 0 && x2 == y2)) ? 1 : 0; x2 = t;
      t = x3 - y3 - b; b = (x3 < y3 || (b != 0 && x3 == y3)) ? 1 : 0; x3 = t;
      if (b != 0) {
        t = x0 + N0; let k: u64 = t < x0 ? 1 : 0; x0 = t;
        t = x1 + N1 + k; k = (t < x1 || (k != 0 && t == x1)) ? 1 : 0; x1 = t;
        t = x2 + N2 + k; k = (t < x2 || (k != 0 && t == x2)) ? 1 : 0; x2 = t;
        x3 = x3 + N3 + k;
      }
    } else {
      let b: u64 = v0 < u0 ? 1 : 0; v0 -= u0;
      let t = v1 - u1 - b; b = (v1 < u1 || (b != 0 && v1 == u1)) ? 1 : 0; v1 = t;
      t = v2 - u2 - b; b = (v2 < u2 || (b != 0 && v2 == u2)) ? 1 : 0; v2 = t;
      v3 = v3 - u3 - b;
      b = y0 < x0 ? 1 : 0; y0 -= x0;
      t = y1 - x1 - b; b = (y1 < x1 || (b != 0 && y1 == x1)) ? 1 : 0; y1 = t;
      t = y2 - x2 - b; b = (y2 < x2 || (b != 0 && y2 == x2)) ? 1 : 0; y2 = t;
      t = y3 - x3 - b; b = (y3 < x3 || (b != 0 && y3 == x3)) ? 1 : 0; y3 = t;
      if (b != 0) {
        t = y0 + N0; let k: u64 = t < y0 ? 1 : 0; y0 = t;
        t = y1 + N1 + k; k = (t < y1 || (k != 0 && t == y1)) ? 1 : 0; y1 = t;
        t = y2 + N2 + k; k = (t < y2 || (k != 0 && t == y2)) ? 1 : 0; y2 = t;
        y3 = y3 + N3 + k;
      }
    }
  }
}

function storeX(r: usize, a: u64, b: u64, c: u64, d: u64): void {
  store<u64>(r, a, 0); store<u64>(r, b, 8); store<u64>(r, c, 16); store<u64>(r, d, 24); store<u32>(r, 0, 32);
}

/**
 * Split k into r1 + r2·λ = k (mod n) with |r1|, |r2| < 2^128. r1, r2 come back as values mod n that may
 * stand for negatives; the caller negates "high" ones (and their points).
 */
export function scSplitLambda(r1: usize, r2: usize, k: usize): void {
  mulShift384(T1, k, G1);
  mulShift384(T2, k, G2);
  scMul(T1, T1, MINUS_B1);
  scMul(T2, T2, MINUS_B2);
  scAdd(r2, T1, T2);
  scMul(r1, r2, LAMBDA);
  scNeg(r1, r1);
  scAdd(r1, r1, k);
}

/** Bits [pos, pos+count) of a (count <= 31), reading the guard limb past the top. */
@inline export function scBits(a: usize, pos: i32, count: i32): u32 {
  const li = pos >> 5;
  const sh = pos & 31;
  const v: u64 = limb(a, li) | (li < 8 ? limb(a, li + 1) << 32 : 0);
  return <u32>(v >> sh) & ((1 << count) - 1);
}
