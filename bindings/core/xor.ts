/**
 * @module xor — de-obfuscation of Bitcoin Core ≥ 28 block files (`blocks/xor.dat`, 8-byte key; byte j of a
 * file is XORed with key[j mod 8]) inside core memory: a host reads a record straight into the input arena
 * (`inputView`) and calls `xorInputArena` (ABI.md §xorInput: SIMD, several times a JavaScript word loop).
 */
import { core, check } from './wasm.ts';

/** The key as the core takes it (two little-endian words), rotated to a record at `fileOffset` in its file. */
export function keyWords(key: Uint8Array, fileOffset: number): [number, number] {
  if (key.length !== 8) throw new RangeError(`"key" expected 8 bytes, got ${key.length}`);
  const r = fileOffset % 8;
  const k = (i: number): number => key[(r + i) & 7];
  return [(k(0) | (k(1) << 8) | (k(2) << 16) | (k(3) << 24)) >>> 0, (k(4) | (k(5) << 8) | (k(6) << 16) | (k(7) << 24)) >>> 0];
}

/** XORs the first `len` bytes of the input arena with `key` as they sat at `fileOffset` in the file. */
export function xorInputArena(len: number, key: Uint8Array, fileOffset: number): void {
  const [k0, k1] = keyWords(key, fileOffset);
  check(core().xorInput(len, k0, k1), 'xorInput');
}
