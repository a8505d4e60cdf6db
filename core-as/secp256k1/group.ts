/**
 * @module group — secp256k1 points (y² = x³ + 7) in Jacobian coordinates, variable time (public data only).
 *
 * Jacobian point (GEJ bytes): X, Y, Z field elements then an i32 infinity flag; (X, Y, Z) is the affine
 * point (X/Z², Y/Z³). Affine point (GE bytes): x, y. Formulas: doubling dbl-2009-l (2M + 5S), mixed
 * addition add-2007-bl style (8M + 3S), both valid on any y² = x³ + b, which the precomputation in
 * ecmult uses (it works on an isomorphic curve to avoid inversions). All outputs have magnitude 1.
 */
import { FE, FE_ZERO, feLin, feAdd, feCopy, feIsZero, feMul, feMulInt, feNeg, feNormWeak, feSetInt, feSqr, feSub } from './field';

export const GE: usize = 80;
export const GEJ: usize = 128;
const INF: usize = 120;

@inline export function gx(p: usize): usize { return p; }
@inline export function gy(p: usize): usize { return p + FE; }
@inline export function gz(p: usize): usize { return p + 2 * FE; }
@inline export function isInf(p: usize): bool { return load<i32>(p, INF) != 0; }
@inline export function setInf(p: usize, v: bool): void { store<i32>(p, v ? 1 : 0, INF); }

const T = memory.data(<i32>FE * 12);
@inline function t(i: i32): usize { return T + <usize>i * FE; }

/** r = a (affine, z = 1). */
export function gejSetGe(r: usize, a: usize): void {
  feCopy(gx(r), gx(a)); feCopy(gy(r), gy(a)); feSetInt(gz(r), 1); setInf(r, false);
}

/** r = 2a. r may alias a. */
export function gejDouble(r: usize, a: usize): void {
  if (isInf(a)) { setInf(r, true); return; }
  // Y = 0 cannot happen on secp256k1 (no point of order 2), so 2a is never infinity here.
  const A = t(0), B = t(1), Cc = t(2), D = t(3), E = t(4), F = t(5), Y2 = t(6);
  feSqr(A, gx(a));                 // A = X²
  feSqr(B, gy(a));                 // B = Y²
  feSqr(Cc, B);                    // C = B²
  feAdd(D, gx(a), B);              // X + B (mag 2)
  feSqr(D, D);                     // (X+B)²
  feLin(D, D, 2, A, 2, Cc, 2, 8);  // D = 2((X+B)² - A - C) (mag 1)
  feMulInt(E, A, 3);               // E = 3A (mag 3)
  feSqr(F, E);                     // F = E²
  feAdd(Y2, gy(a), gy(a));         // 2Y (a's Y, Z read before X, Y are overwritten)
  feMul(gz(r), Y2, gz(a));         // Z3 = 2·Y·Z
  feLin(gx(r), F, 1, D, 2, FE_ZERO, 0, 4);   // X3 = F - 2D
  feSub(D, D, gx(r), 1);           // D - X3 (mag 3)
  feMul(D, E, D);                  // E·(D - X3)
  feLin(gy(r), D, 1, Cc, 8, FE_ZERO, 0, 16); // Y3 = E·(D - X3) - 8C
  setInf(r, false);
}

/**
 * r = a + b with b affine given as (bx, by) standing for the Jacobian (bx, by, 1/bzinv) — bzinv = 0
 * means plain affine (z = 1). If rzr != 0, stores there the ratio r.z / a.z (only meaningful when a is
 * finite and the addition is a generic one). r may alias a.
 */
export function gejAddGe(r: usize, a: usize, b: usize, neg: bool, bzinv: usize, rzr: usize): void {
  let by = gy(b);
  if (neg) { by = t(10); feNeg(by, gy(b), 1); }
  if (isInf(a)) {
    if (bzinv == 0) {
      feCopy(gx(r), gx(b)); feCopy(gy(r), by); feNormWeak(gy(r));
    } else {
      const z2 = t(0), z3 = t(1);
      feSqr(z2, bzinv); feMul(z3, z2, bzinv);
      feMul(gx(r), gx(b), z2); feMul(gy(r), by, z3);
    }
    feSetInt(gz(r), 1); setInf(r, false);
    return;
  }
  const az = t(11), Z1Z1 = t(0), U2 = t(1), S2 = t(2), H = t(3), R = t(4), HH = t(5), HHH = t(6), V = t(7);
  if (bzinv == 0) feCopy(az, gz(a)); else feMul(az, gz(a), bzinv);
  feSqr(Z1Z1, az);
  feMul(U2, gx(b), Z1Z1);
  feMul(S2, by, Z1Z1); feMul(S2, S2, az);
  feSub(H, U2, gx(a), 1);          // H = U2 - X1 (mag 3)
  feSub(R, S2, gy(a), 1);          // R = S2 - Y1 (mag 3)
  if (feIsZero(H)) {
    if (feIsZero(R)) { gejDouble(r, a); if (rzr != 0) feSetInt(rzr, 0); return; }
    setInf(r, true);
    if (rzr != 0) feSetInt(rzr, 0);
    return;
  }
  if (rzr != 0) { feCopy(rzr, H); feNormWeak(rzr); }
  feSqr(HH, H);
  feMul(HHH, H, HH);
  feMul(V, gx(a), HH);
  feMul(gz(r), gz(a), H);          // Z3 = Z1·H
  const Y1HHH = t(8);
  feMul(Y1HHH, gy(a), HHH);
  // X3 = R² - HHH - 2V
  feSqr(gx(r), R);
  feLin(gx(r), gx(r), 1, HHH, 1, V, 2, 8);
  // Y3 = R·(V - X3) - Y1·HHH
  feSub(V, V, gx(r), 1);           // mag 3
  feMul(gy(r), R, V);
  feLin(gy(r), gy(r), 1, Y1HHH, 1, FE_ZERO, 0, 4);
  setInf(r, false);
}
