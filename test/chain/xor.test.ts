/**
 * xorInPlace (Core ≥ 28 `xor.dat` obfuscation) equals the byte-by-byte definition at every alignment and length;
 * the core's xorInput (the block-file workers' path) equals xorInPlace.
 */
import { describe, expect, it } from 'vitest';
import { xorInPlace } from '../../bindings/chain/blkfiles-write.ts';
import { Rng } from '../../bindings/synth/txs.ts';
import { inputBytes, inputView } from '../../bindings/core/wasm.ts';
import { xorInputArena } from '../../bindings/core/xor.ts';

describe('xorInPlace', () => {
  it('byte i of the file is XORed with key[i mod 8], for any sub-array offset, file offset and length', () => {
    const rng = new Rng(21);
    const key = Uint8Array.from(rng.bytes(8));
    const backing = Uint8Array.from(rng.bytes(4096));
    for (let t = 0; t < 400; t++) {
      const start = rng.int(64), len = rng.int(300) + (t % 5 === 0 ? 1500 : 0), fileOff = rng.int(1 << 20);
      const buf = Uint8Array.from(backing).subarray(start, start + len);
      const want = buf.map((b, i) => b ^ key[(fileOff + i) & 7]);
      xorInPlace(buf, key, fileOff);
      expect(Buffer.from(buf).equals(Buffer.from(want))).toBe(true);
    }
    const zero = Uint8Array.from(backing.subarray(0, 100));
    xorInPlace(zero, new Uint8Array(8), 3);
    expect(Buffer.from(zero).equals(Buffer.from(backing.subarray(0, 100)))).toBe(true);
  });
});

describe('xorInputArena (the core\'s xorInput, SIMD)', () => {
  it('equals xorInPlace on a view of the input arena, for any length and file offset', () => {
    const rng = new Rng(22);
    const key = Uint8Array.from(rng.bytes(8));
    for (let t = 0; t < 300; t++) {
      const len = rng.int(200) + (t % 3 === 0 ? rng.int(5000) : 0), fileOff = rng.int(1 << 20) + (t % 7 === 0 ? 2 ** 32 : 0);
      const data = Uint8Array.from(rng.bytes(len));
      const want = Uint8Array.from(data);
      xorInPlace(want, key, fileOff);
      const v = inputView(len);
      v.set(data);
      xorInputArena(len, key, fileOff);
      expect(Buffer.from(inputBytes(len)).equals(Buffer.from(want))).toBe(true);
    }
    expect(() => xorInputArena(-1, key, 0)).toThrow(/E_BAD_ARG|argument/);
    expect(() => xorInputArena(1, key.subarray(0, 7), 0)).toThrow(RangeError);
  });
});
