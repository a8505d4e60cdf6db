/**
 * @module chain/revfiles — where the undo record (`blocks/rev?????.dat`, format in chain/undo.ts) of each
 * best-chain block sits. Core writes a block's undo record when it CONNECTS the block, into the rev file with
 * the same number as the blk file holding it, XORed with the same `xor.dat` key; so records are in connection
 * order, not blk order, and a rev file may also hold records of blocks that were connected and later
 * reorganised away. Best-chain blocks are connected in height order, so block j (of a file's n best-chain
 * blocks, height order) has its first record at index j .. j + e of the file's n + e records, once the
 * file's last block has a record (it is checked here: the records that can be its record are read and their
 * checksums, SHA256d(prev block hash ‖ undo), compared). Then:
 *  - e = 0 (the usual case): records are assigned in order, and the worker checks every record's checksum
 *    when it reads it: a mismatch is E_BAD_UNDO naming the file and offset;
 *  - e > 0 (records of stale blocks among them): block j gets records j .. j + e as candidates (`alts`) and
 *    the worker takes the one whose transaction count and checksum fit. The checksum commits to the PREVIOUS
 *    block only, so a stale sibling's record (same parent) fits too: when several do, the worker takes the
 *    one whose per-transaction input counts equal the block's. No record body is read here, only the 8-byte
 *    headers and the few records of each file's last block (the genesis has no undo record).
 *  - a file whose last block has no record (Core stored blocks it has not connected yet, or a record is
 *    damaged) is matched here record by record, by checksum, to find its first block without one.
 * Missing data — no rev files at all (pruned node, a copy without them), the rev file of a needed blk file
 * absent, or a best-chain block without a record (e.g. stored but not yet connected by Core) — is not an
 * error: the index gives the undo locations up to the block before the first one without a record
 * (`last`) and says why it stops there; the caller resolves the rest with the two-pass path. Files are
 * loaded as a scan reaches them (`UndoIndex.open` + `has`), or all at once (`UndoIndex.build`).
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
  /** Heights whose record is one of several candidates (files with stale blocks' records): the worker picks. */
  readonly alts = new Map<number, RevRecord[]>();
  /** rev files whose record count differed from their best-chain blocks (records matched by checksum). */
  matchedByChecksum = 0;
  /** Why the blocks from `first` on have none; undefined while every block looked at has one. */
  stop?: string;
  /** The lowest height of the range found without a record (to + 1: none so far). */
  private first: number;
  /** Best-chain heights (≥ 1) per blk file, in height order; files not loaded yet. */
  private readonly byFile = new Map<number, number[]>();
  private readonly loaded = new Set<number>();

  private constructor(private readonly ix: BlkChainIndex, private readonly magicHex: string, private readonly key: Uint8Array, private readonly from: number, private readonly to: number) {
    this.offset = new Uint32Array(ix.hashes.length);
    this.size = new Uint32Array(ix.hashes.length);
    this.first = to + 1;
    for (let h = 1; h < ix.hashes.length; h++) { const l = this.byFile.get(ix.file[h]); if (l) l.push(h); else this.byFile.set(ix.file[h], [h]); }
  }
  path(file: number): string { return join(this.ix.blocksDir, revName(file)); }
  /** Highest height of the range with a record, as far as the files loaded so far tell (every block from the range's start up to it has one). */
  get last(): number { return this.first - 1; }

  /**
   * The undo index of the best-chain blocks in [from, to] (heights ≥ 1), loaded file by file as `has` reaches
   * them — a scan starts at once and reads the rev headers of a file only when it gets there (mainnet: ~900k
   * record headers, seconds, no longer all before the first block) — or the reason there are none (no rev
   * files, or none for `from`: the caller resolves senders from the blk files).
   */
  static open(ix: BlkChainIndex, magicHex: string, key: Uint8Array, from: number, to: number): UndoIndex | { missing: string } {
    if (!hasRevFiles(ix.blocksDir)) return { missing: `no rev?????.dat files in ${ix.blocksDir}` };
    const u = new UndoIndex(ix, magicHex, key, Math.max(1, from), to);
    return u.has(u.from) ? u : { missing: u.stop! };
  }

  /** As `open`, with every file of the range loaded (`last` and `stop` final). */
  static build(ix: BlkChainIndex, magicHex: string, key: Uint8Array, from: number, to: number): UndoIndex | { missing: string } {
    const u = UndoIndex.open(ix, magicHex, key, from, to);
    if (!(u instanceof UndoIndex)) return u;
    for (let h = u.from; h <= to; h++) u.load(ix.file[h]);
    return u.last < u.from ? { missing: u.stop! } : u;
  }

  /**
   * Whether block h (in the range, asked in height order) has its undo record located — loading its file
   * first. False from the first block without one on (`stop` says why).
   */
  has(h: number): boolean {
    this.load(this.ix.file[h]);
    return h < this.first;
  }

  /** Locates the records of one rev file's blocks (module doc), once. */
  private load(f: number): void {
    if (this.loaded.has(f)) return;
    this.loaded.add(f);
    const { ix, key } = this;
    const none = (h: number, why: string): void => { if (h >= this.from && h <= this.to && h < this.first) { this.first = h; this.stop = why; } };
    const path = this.path(f);
    const hs = this.byFile.get(f)!;
    if (!existsSync(path)) { none(hs.find((h) => h >= this.from) ?? hs[0], `${path} is missing (blocks of blk${String(f).padStart(5, '0')}.dat)`); return; }
    const recs = readRevHeaders(path, this.magicHex, key);
    const e = recs.length - hs.length;
    if (e >= 0 && lastHasRecord(path, recs, hs, e, ix, key)) {
      if (e > 0) this.matchedByChecksum++;
      hs.forEach((h, j) => {
        this.offset[h] = recs[j].offset; this.size[h] = recs[j].size;
        if (e > 0) this.alts.set(h, recs.slice(j, j + e + 1));
      });
      return;
    }
    this.matchedByChecksum++;
    const j = matchInOrder(this, path, recs, hs, ix, key);
    if (j < hs.length) none(hs[j], `${path} has no undo record for block ${hs[j]} (${ix.hashes[hs[j]]}) or after it: not connected by Core yet, or the record is damaged`);
  }
}

/** Record `r` (body and checksum in `rec`) is a record of a child of block `h - 1`. */
function fits(r: RevRecord, rec: Uint8Array, ix: BlkChainIndex, h: number): boolean {
  return undoChecksum(fromHex(ix.hashes[h - 1]).reverse(), rec.subarray(0, r.size)).equals(rec.subarray(r.size));
}

function readRecord(fd: number, r: RevRecord, key: Uint8Array): Buffer {
  const rec = Buffer.allocUnsafe(r.size + 32);
  readSync(fd, rec, 0, rec.length, r.offset + 8);
  xorInPlace(rec, key, r.offset + 8);
  return rec;
}

/** Whether one of the records that can be the file's last block's (the last e + 1) has its parent's checksum. */
function lastHasRecord(path: string, recs: RevRecord[], hs: number[], e: number, ix: BlkChainIndex, key: Uint8Array): boolean {
  const fd = openSync(path, 'r');
  try {
    for (let i = hs.length - 1; i < recs.length; i++) if (fits(recs[i], readRecord(fd, recs[i], key), ix, hs[hs.length - 1])) return true;
    return false;
  } finally { closeSync(fd); }
}

/**
 * Matches a file's records to its blocks in order, reading every record (a file whose last block has no
 * record); records fitting the last matched block's parent too are its alternatives (stale siblings).
 * Returns the index in `hs` of the first block without a record (hs.length: none).
 */
function matchInOrder(u: UndoIndex, path: string, recs: RevRecord[], hs: number[], ix: BlkChainIndex, key: Uint8Array): number {
  let j = 0;
  const fd = openSync(path, 'r');
  try {
    for (const r of recs) {
      const rec = readRecord(fd, r, key);
      if (j < hs.length && fits(r, rec, ix, hs[j])) { u.offset[hs[j]] = r.offset; u.size[hs[j]] = r.size; u.alts.set(hs[j], [r]); j++; }
      else if (j > 0 && fits(r, rec, ix, hs[j - 1])) u.alts.get(hs[j - 1])!.push(r);
    }
  } finally { closeSync(fd); }
  for (const h of hs) if (u.alts.get(h)?.length === 1) u.alts.delete(h);
  return j;
}
