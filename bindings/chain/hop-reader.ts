/**
 * @module chain/hop-reader — small positioned reads that hop forwards through a file (record headers of the blk
 * and rev files: 88 or 8 bytes, then a jump over the body). One `pread` per header costs ~3–4 µs of syscall;
 * where the bodies are short (the early chain: 700,000 blocks of ~200 bytes; a rev file of empty blocks'
 * undo records) that syscall is nearly all the time. So after a short hop the next read fills a read-ahead
 * window and the following headers come from memory; after a long hop (mainnet blocks of ~1 MB: reading
 * ahead would copy the body for nothing) it reads just the bytes asked for.
 */
import { readSync } from 'node:fs';
import { xorInPlace } from './blkfiles-write.ts';

/** Hops shorter than this read ahead. */
const SHORT_HOP = 16 << 10;
const WINDOW = 256 << 10;

export class HopReader {
  /** allocated at the first short hop: a file of big blocks (or a single read) never needs it */
  private win: Buffer | null = null;
  private winPos = 0;
  private winLen = 0;
  private last = -1;
  private readonly key: Uint8Array | null;

  /** `key`: the 8-byte `xor.dat` key (all zero: plain files); bytes come back de-obfuscated. */
  constructor(private readonly fd: number, key: Uint8Array) { this.key = key.some((b) => b !== 0) ? key : null; }

  /**
   * `out.length` bytes at `pos` into `out`, de-obfuscated; false when the file ends first. `out` is the
   * caller's (reused), never a view of the window.
   */
  read(out: Uint8Array, pos: number): boolean {
    const n = out.length;
    const hop = this.last < 0 ? Infinity : pos - this.last;
    this.last = pos;
    if (pos < this.winPos || pos + n > this.winPos + this.winLen) {
      if (hop >= SHORT_HOP || hop < 0 || n > WINDOW) {
        if (readSync(this.fd, out, 0, n, pos) !== n) return false;
        if (this.key) xorInPlace(out, this.key, pos);
        return true;
      }
      this.win ??= Buffer.allocUnsafe(WINDOW);
      this.winPos = pos;
      this.winLen = readSync(this.fd, this.win, 0, WINDOW, pos);
      if (this.winLen < n) return false;
      if (this.key) xorInPlace(this.win.subarray(0, this.winLen), this.key, pos); // the whole window at once: word-wide, not 88 bytes at a time
    }
    out.set(this.win!.subarray(pos - this.winPos, pos - this.winPos + n));
    return true;
  }
}
