/**
 * @module bitcoin/merkle-entry — `merkleRoot(count)`: the merkle root of `count` 32-byte internal-order
 * hashes laid back to back in the input arena; 32 bytes to the output arena. Returns 32, or 33 when the
 * tree is mutable (CVE-2012-2459: some level had identical siblings), or a negative error code.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen, setErrorOffset } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE } from '../errors';
import { merkleReduce, merkleTmpSize } from './merkle';

export function merkleRoot(count: i32): i32 {
  setErrorOffset(-1);
  if (count <= 0) return E_BAD_ARG;
  if (<u64>count * 32 > <u64>inputCap()) return E_TOO_LARGE;
  const n = <usize>count;
  const out = outputReserve(((n + 1) << 5) + merkleTmpSize(n));
  if (out == 0) return E_TOO_LARGE;
  memory.copy(out, inputPtr(), n << 5);
  const mutated = merkleReduce(out, out + ((n + 1) << 5), n);
  setOutputLen(32);
  return mutated ? 33 : 32;
}
