/**
 * @module pubkey — SEC 1 §2.3.3/§2.3.4 public keys: 33-byte compressed (02/03 ‖ x) and 65-byte
 * uncompressed (04 ‖ x ‖ y). Hybrid (06/07), infinity (00) and coordinates >= p are rejected; every
 * accepted key is a point on the curve (which has prime order, so on-curve means in the group).
 */
import { FE, bytesLtP, feAdd, feEqual, feFromBytes, feIsOdd, feMul, feNeg, feNormalize, feSetInt, feSqr, feSqrt, feToBytes } from './field';
import { gx, gy } from './group';

const T = memory.data(<i32>FE * 3);
const SEVEN = memory.data(<i32>FE);

/** r = x³ + 7. */
function curveRhs(r: usize, x: usize): void {
  feSqr(r, x); feMul(r, r, x);
  feSetInt(SEVEN, 7);
  feAdd(r, r, SEVEN);
}

/** Parse `len` bytes at `key` into the affine point `out` (GE layout); false if not a valid key. */
export function pubkeyParse(out: usize, key: usize, len: i32): bool {
  if (len == 33) {
    const tag = load<u8>(key);
    if (tag != 2 && tag != 3) return false;
    if (!bytesLtP(key + 1)) return false;
    feFromBytes(gx(out), key + 1);
    curveRhs(T, gx(out));
    if (!feSqrt(gy(out), T)) return false;
    feNormalize(gy(out));
    if (feIsOdd(gy(out)) != (tag == 3)) { feNeg(gy(out), gy(out), 1); feNormalize(gy(out)); }
    return true;
  }
  if (len == 65) {
    if (load<u8>(key) != 4) return false;
    if (!bytesLtP(key + 1) || !bytesLtP(key + 33)) return false;
    feFromBytes(gx(out), key + 1);
    feFromBytes(gy(out), key + 33);
    curveRhs(T, gx(out));
    feSqr(T + FE, gy(out));
    return feEqual(T, T + FE);
  }
  return false;
}

/** Write the SEC 1 encoding of the affine point p (33 or 65 bytes) at out; returns its length. */
export function pubkeySerialize(out: usize, p: usize, compressed: bool): i32 {
  feToBytes(out + 1, gx(p));
  const odd = feIsOdd(gy(p));
  if (compressed) { store<u8>(out, odd ? 3 : 2); return 33; }
  store<u8>(out, 4);
  feToBytes(out + 33, gy(p));
  return 65;
}
