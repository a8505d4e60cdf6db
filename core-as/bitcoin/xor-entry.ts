/**
 * @module bitcoin/xor-entry — `xorInput(len, k0, k1)`: XORs the first `len` bytes of the input arena in place
 * with an 8-byte key repeated (byte i with key byte i mod 8; `k0` holds key bytes 0..3 little-endian, `k1`
 * bytes 4..7). Bitcoin Core ≥ 28 obfuscates blk/rev files with the key in `blocks/xor.dat`: a host reads a
 * record straight into the input arena, rotates the key to the record's file offset, and de-obfuscates here (SIMD:
 * 16 bytes an instruction) instead of a byte or word loop in JavaScript. Returns 0, or a negative error code.
 */
import { inputPtr, inputCap, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE } from '../errors';
import { xorRange } from './xor';

export function xorInput(len: i32, k0: u32, k1: u32): i32 {
  setErrorOffset(-1);
  if (len < 0) return E_BAD_ARG;
  if (<usize>len > inputCap()) return E_TOO_LARGE;
  xorRange(inputPtr(), <usize>len, k0, k1);
  return 0;
}
