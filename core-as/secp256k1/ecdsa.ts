/**
 * @module ecdsa — ECDSA verification over secp256k1 (SEC 1 §4.1.4), public data only.
 *
 * R = (e/s)·G + (r/s)·P; accept iff R is finite and R.x ≡ r (mod n). The comparison is done in
 * Jacobian form without an inversion: r·Z² = X, and also (r + n)·Z² = X when r + n < p.
 * The digest is the 32-byte hash (big-endian, reduced mod n as in bits2int for a 256-bit hash).
 */
import { FE, feEqual, feFromBytes, feMul, feSqr } from './field';
import { GE, GEJ, gx, gz, isInf } from './group';
import { SC, scFromBytes, scInv, scIsHigh, scIsZero, scMul, scToBytes } from './scalar';
import { ecmult } from './ecmult';
import { compactDecode, derDecode } from './der';
import { pubkeyParse } from './pubkey';

export const FLAG_COMPACT: u32 = 1;
export const FLAG_LOW_S: u32 = 2;

const RB = memory.data(32);
const SB = memory.data(32);
const R = memory.data(<i32>SC);
const S = memory.data(<i32>SC);
const E = memory.data(<i32>SC);
const U1 = memory.data(<i32>SC);
const U2 = memory.data(<i32>SC);
const PK = memory.data(<i32>GE);
const RJ = memory.data(<i32>GEJ);
const XR = memory.data(<i32>FE * 2);
/** r + n for the wrap-around case: p - n = 0x14551231950B75FC4402DA1722FC9BAEE. */
const P_MINUS_N = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
  0x45, 0x51, 0x23, 0x19, 0x50, 0xB7, 0x5F, 0xC4, 0x40, 0x2D, 0xA1, 0x72, 0x2F, 0xC9, 0xBA, 0xEE,
]);
const N_BE = memory.data<u8>([
  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
  0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
]);

function lessBE32(a: usize, b: usize): bool {
  for (let i: usize = 0; i < 32; i++) {
    const x = load<u8>(a + i), y = load<u8>(b + i);
    if (x != y) return x < y;
  }
  return false;
}

/** Add two 32-byte big-endian numbers into out (no overflow for r + n with r < p - n). */
function addBE32(out: usize, a: usize, b: usize): void {
  let carry: u32 = 0;
  for (let i = 31; i >= 0; i--) {
    const t = <u32>load<u8>(a + <usize>i) + <u32>load<u8>(b + <usize>i) + carry;
    store<u8>(out + <usize>i, <u8>t);
    carry = t >> 8;
  }
}

/** True if the (already range-checked) r, s, key and digest form a valid signature. */
function verifyParsed(digest: usize): bool {
  scFromBytes(E, digest);
  scInv(U2, S);
  scMul(U1, E, U2);
  scMul(U2, R, U2);
  ecmult(RJ, PK, U2, U1);
  if (isInf(RJ)) return false;
  const z2 = XR + FE;
  feSqr(z2, gz(RJ));
  feFromBytes(XR, RB);
  feMul(XR, XR, z2);
  if (feEqual(XR, gx(RJ))) return true;
  if (!lessBE32(RB, P_MINUS_N)) return false;
  addBE32(RB, RB, N_BE);
  feFromBytes(XR, RB);
  feMul(XR, XR, z2);
  return feEqual(XR, gx(RJ));
}

/**
 * Verify one signature: digest (32 B), signature (sigLen B, DER or compact per flags), public key
 * (keyLen B, SEC 1). Never fails on malformed input: anything invalid is simply false.
 */
export function verifyOne(digest: usize, sig: usize, sigLen: i32, key: usize, keyLen: i32, flags: u32): bool {
  const ok = (flags & FLAG_COMPACT) != 0 ? compactDecode(RB, SB, sig, sigLen) : derDecode(RB, SB, sig, sigLen);
  if (!ok) return false;
  if (scFromBytes(R, RB) || scIsZero(R)) return false;
  if (scFromBytes(S, SB) || scIsZero(S)) return false;
  if ((flags & FLAG_LOW_S) != 0 && scIsHigh(S)) return false;
  if (!pubkeyParse(PK, key, keyLen)) return false;
  scToBytes(RB, R);
  return verifyParsed(digest);
}
