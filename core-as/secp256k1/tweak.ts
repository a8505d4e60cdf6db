/**
 * @module tweak — P + t·G for a public key P and a 32-byte big-endian scalar t: BIP32's public child
 * derivation (CKDpub: child = parent + IL·G) in one call, with the verifier's multi-scalar multiplication
 * (`ecmult`: 1·P + t·G) instead of a JavaScript bigint ladder.
 */
import { FE, feInv, feMul, feSqr } from './field';
import { GE, GEJ, gx, gy, gz, isInf } from './group';
import { SC, scFromBytes } from './scalar';
import { ecmult } from './ecmult';
import { pubkeyParse, pubkeySerialize } from './pubkey';

const P = memory.data(<i32>GE);
const T = memory.data(<i32>SC);
const ONE = memory.data(<i32>SC);
const R = memory.data(<i32>GEJ);
const A = memory.data(<i32>GE);
const Z = memory.data(<i32>FE * 2);

/**
 * Writes the compressed SEC 1 encoding of P + t·G (P: `keyLen` bytes at `key`, t: 32 bytes at `tweak`) at
 * `out`. Returns 33, 0 if the key is not a valid public key, -1 if t ≥ n or the sum is the point at infinity.
 */
export function tweakAdd(out: usize, key: usize, keyLen: i32, tweak: usize): i32 {
  if (!pubkeyParse(P, key, keyLen)) return 0;
  if (scFromBytes(T, tweak)) return -1;
  memory.fill(ONE, 0, SC);
  store<u32>(ONE, 1);
  ecmult(R, P, ONE, T);
  if (isInf(R)) return -1;
  feInv(Z, gz(R));
  feSqr(Z + FE, Z);
  feMul(gx(A), gx(R), Z + FE);
  feMul(Z + FE, Z + FE, Z);
  feMul(gy(A), gy(R), Z + FE);
  return pubkeySerialize(out, A, true);
}
