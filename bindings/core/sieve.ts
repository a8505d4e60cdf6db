/**
 * @module sieve — `sieveArena`: the cheap first look at a block already in the input arena, for bulk scans of
 * blocks a full node validated (ABI.md §sieveBlock). It counts on the bytes as stored (`xor.dat` folded into the
 * comparisons), gives the block hash and transaction count, and `places`: 0 proves no output of the block is an
 * OP_RETURN push of the magic, so the caller skips it — and only the first 96 bytes of the arena (header, count)
 * were de-obfuscated; otherwise the whole block is de-obfuscated in place and the caller runs
 * `scanBlock(inputBytes(len), magic, { trusted: true })` on the arena to find the real matches.
 */
import { core, check, mem } from './wasm.ts';
import { toHexReversed } from './hex.ts';
import { magicWord } from './scan.ts';
import { keyWords } from './xor.ts';

export interface SieveResult { hash: string; txCount: number; places: number }

/**
 * Sieves the first `len` bytes of the input arena (one block record, XORed with `key` from `fileOffset` in
 * its file when `key` is given) for `magic` (2..4 bytes; default "id").
 */
export function sieveArena(len: number, opts: { key?: Uint8Array; fileOffset?: number; magic?: string | Uint8Array } = {}): SieveResult {
  const [w, wl] = magicWord(opts.magic ?? 'id');
  if (wl < 2) throw new RangeError(`"magic" expected 2..4 bytes for a sieve, got ${wl}`);
  const [k0, k1] = opts.key ? keyWords(opts.key, opts.fileOffset ?? 0) : [0, 0];
  const ex = core();
  const places = check(ex.sieveBlock(len, w, wl, k0, k1), 'sieveBlock');
  const p = ex.outputPtr();
  const m = mem();
  return { hash: toHexReversed(m, p, p + 32), txCount: new DataView(m.buffer, p + 32, 4).getUint32(0, true), places };
}
