/**
 * @module der — strict DER ECDSA signatures (BIP 66) and compact r‖s, to 32-byte r and s.
 *
 * DER: 0x30 len 0x02 lenR R 0x02 lenS S with every length in short form and exact, no trailing bytes,
 * integers non-empty, non-negative and minimal (a leading 0x00 only before a byte >= 0x80). That is
 * exactly what BIP 66 checks (minus the sighash byte) and what @noble/curves' DER.toSig accepts for
 * integers of at most 33 bytes. Range checks (1 <= r, s < n) are the caller's.
 */

/** Copy a big-endian DER integer body (len bytes at p, already minimal) into 32 bytes at out; false if > 2^256. */
function intTo32(out: usize, p: usize, len: i32): bool {
  if (len > 1 && load<u8>(p) == 0) { p++; len--; }
  if (len > 32) return false;
  memory.fill(out, 0, 32);
  memory.copy(out + <usize>(32 - len), p, <usize>len);
  return true;
}

function checkInt(p: usize, len: i32): bool {
  if (len == 0) return false;
  const b0 = load<u8>(p);
  if ((b0 & 0x80) != 0) return false;                                   // negative
  if (len > 1 && b0 == 0 && (load<u8>(p + 1) & 0x80) == 0) return false; // not minimal
  return true;
}

/** Parse a strict DER signature of `len` bytes at `sig` into r (32 B) and s (32 B). */
export function derDecode(r: usize, s: usize, sig: usize, len: i32): bool {
  if (len < 8 || len > 72) return false;
  if (load<u8>(sig) != 0x30) return false;
  if (<i32>load<u8>(sig + 1) != len - 2) return false;
  if (load<u8>(sig + 2) != 0x02) return false;
  const lenR = <i32>load<u8>(sig + 3);
  if (lenR == 0 || 5 + lenR >= len) return false;
  if (load<u8>(sig + <usize>(4 + lenR)) != 0x02) return false;
  const lenS = <i32>load<u8>(sig + <usize>(5 + lenR));
  if (lenS == 0 || lenR + lenS + 6 != len) return false;
  if (!checkInt(sig + 4, lenR) || !checkInt(sig + <usize>(6 + lenR), lenS)) return false;
  return intTo32(r, sig + 4, lenR) && intTo32(s, sig + <usize>(6 + lenR), lenS);
}

/** Compact signature: exactly 64 bytes r‖s. */
export function compactDecode(r: usize, s: usize, sig: usize, len: i32): bool {
  if (len != 64) return false;
  memory.copy(r, sig, 32);
  memory.copy(s, sig + 32, 32);
  return true;
}
