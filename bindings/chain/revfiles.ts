/**
 * @module chain/revfiles — where the undo record (`blocks/rev?????.dat`, format in chain/undo.ts) of each
 * best-chain block sits. Core writes a block's undo record when it CONNECTS the block, into the rev file with
 * the same number as the blk file holding it, XORed with the same `xor.dat` key; so records are in connection
 * order, not blk order, and a rev file may also hold records of blocks that were connected and later
 * reorganised away. Best-chain blocks of one file are first connected in height order, so:
 *  - a rev file with exactly as many records as the file's best-chain blocks (the usual case) is assigned in
 *    order, and the worker checks every record's checksum (SHA256d(prev block hash ‖ undo)) when it reads it:
 *    a mismatch is E_BAD_UNDO naming the file and offset;
 *  - otherwise the records are matched by checksum here, in order, skipping records of stale blocks. The
 *    checksum commits to the PREVIOUS block only, so a stale sibling's record (same parent) matches too: every
 *    record matching block h's parent before the first record of h + 1 is kept as an alternative, and the
 *    worker takes the one whose per-transaction input counts equal the block's (`alts`).
 * Only the 8-byte record headers are read in the first case (the genesis has no undo record).
 * Missing data — no rev files at all (pruned node, a copy without them), the rev file of a needed blk file
 * absent, or a best-chain block without a record (e.g. stored but not yet connected by Core) — is not an
 * error: `UndoIndex.build` says why, and the caller falls back to the two-pass path.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { xorInPlace } from './blkfiles-write.ts';
import type { BlkChainIndex } from './blkfiles.ts';
import { fromHex, toHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import { undoChecksum } from './undo.ts';

export const revName = (n: number): string => `rev${String(n).padStart(5, '0')}.dat`;
export const hasRevFiles = (blocksDir: string): boolean => readdirSync(blocksDir).some((f) => /^rev\d{5}\.dat$/.test(f));

export interface RevRecord { offset: number; size: number }

/** Record headers of one rev file (magic, size), hopping over the bodies and checksums. */
export function readRevHeaders(path: string, magicHex: string, key: Uint8Array): RevRecord[] {
  const fd = openSync(path, 'r');
  const magic = Buffer.from(magicHex, 'hex');
  const head = Buffer.alloc(8);
  const recs: RevRecord[] = [];
  try {
    const size = fstatSync(fd).size;
    let pos = 0;
    while (pos + 8 <= size) {
      readSync(fd, head, 0, 8, pos);
      xorInPlace(head, key, pos);
      if (head.readUInt32LE(0) === 0) break; // preallocated zero tail
      if (!magic.equals(head.subarray(0, 4))) throw new ChainError('E_BAD_UNDO', `${path}@${pos}: network magic ${toHex(head.subarray(0, 4))} is not ${magicHex}`);
      const len = head.readUInt32LE(4);
      if (pos + 8 + len + 32 > size) break; // partially written last record
      recs.push({ offset: pos, size: len });
      pos += 8 + len + 32;
    }
  } finally { closeSync(fd); }
  return recs;
}

export class UndoIndex {
  /** Per height: record offset in rev<file>.dat (of its 8-byte header) and CBlockUndo size; genesis unused. */
  readonly offset: Uint32Array;
  readonly size: Uint32Array;
  /** Heights with more than one record matching their parent hash (stale siblings' records). */
  readonly alts = new Map<number, RevRecord[]>();
  /** rev files whose record count differed from their best-chain blocks (matched by checksum). */
  matchedByChecksum = 0;
  private constructor(readonly blocksDir: string, n: number) { this.offset = new Uint32Array(n); this.size = new Uint32Array(n); }
  path(file: number): string { return join(this.blocksDir, revName(file)); }

  /**
   * Undo locations of every best-chain block in [from, to] (heights ≥ 1), or the reason there are none
   * (the caller falls back to resolving senders from the blk files).
   */
  static build(ix: BlkChainIndex, magicHex: string, key: Uint8Array, from: number, to: number): UndoIndex | { missing: string } {
    if (!hasRevFiles(ix.blocksDir)) return { missing: `no rev?????.dat files in ${ix.blocksDir}` };
    const u = new UndoIndex(ix.blocksDir, ix.hashes.length);
    // best-chain heights (≥ 1) per blk file, in height order; only files that hold part of the range
    const byFile = new Map<number, number[]>();
    for (let h = 1; h < ix.hashes.length; h++) { const l = byFile.get(ix.file[h]); if (l) l.push(h); else byFile.set(ix.file[h], [h]); }
    const need = new Set<number>();
    for (let h = Math.max(1, from); h <= to; h++) need.add(ix.file[h]);
    for (const f of need) {
      const path = u.path(f);
      if (!existsSync(path)) return { missing: `${path} is missing (blocks of blk${String(f).padStart(5, '0')}.dat)` };
      const recs = readRevHeaders(path, magicHex, key);
      const hs = byFile.get(f)!;
      if (recs.length === hs.length) {
        hs.forEach((h, i) => { u.offset[h] = recs[i].offset; u.size[h] = recs[i].size; });
        continue;
      }
      u.matchedByChecksum++;
      // j: the next best-chain block without a record; a record may also be a sibling of the last matched one
      let j = 0;
      const fd = openSync(path, 'r');
      const matches = (r: RevRecord, body: Buffer, h: number): boolean => undoChecksum(fromHex(ix.hashes[h - 1]).reverse(), body.subarray(0, r.size)).equals(body.subarray(r.size));
      try {
        for (const r of recs) {
          const body = Buffer.allocUnsafe(r.size + 32);
          readSync(fd, body, 0, body.length, r.offset + 8);
          xorInPlace(body, key, r.offset + 8);
          if (j < hs.length && matches(r, body, hs[j])) { u.offset[hs[j]] = r.offset; u.size[hs[j]] = r.size; u.alts.set(hs[j], [r]); j++; }
          else if (j > 0 && matches(r, body, hs[j - 1])) u.alts.get(hs[j - 1])!.push(r);
        }
      } finally { closeSync(fd); }
      for (const [h, l] of u.alts) if (l.length === 1) u.alts.delete(h);
      if (j < hs.length && hs[j] <= to) return { missing: `${path} has no undo record for block ${hs[j]} (${ix.hashes[hs[j]]}) or after it: not connected by Core yet, or the record is damaged` };
    }
    return u;
  }
}
