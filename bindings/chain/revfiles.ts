/**
 * @module chain/revfiles — where the undo record (`blocks/rev?????.dat`, format in chain/undo.ts) of each
 * best-chain block sits. Core writes a block's undo record when it CONNECTS the block, into the rev file with
 * the same number as the blk file holding it, XORed with the same `xor.dat` key; so records are in connection
 * order, not blk order, and a rev file may also hold records of blocks that were connected and later
 * reorganised away. Best-chain blocks are connected in height order, so block j (of a file's n best-chain
 * blocks, height order) has its record at index j .. j + e of the file's n + e records, once the file's last
 * block has a record. Here only the 8-byte record headers are read (and the last record or records, whose
 * checksum, SHA256d(prev block hash ‖ undo), is compared):
 *  - e = 0 and the last record fits (the usual case): records are assigned in order, and the worker checks
 *    the checksum of every record it reads: a mismatch is E_BAD_UNDO naming the file and offset (the genesis
 *    has no undo record);
 *  - 0 < e ≤ 64 (records of stale blocks among them: only on a node that saw the reorg live, a few per file)
 *    and the last block's record is one of the last e + 1: each block gets record j and `extra` = e, and the
 *    worker, only for a block it needs the record of (one with candidates: a few per thousand blocks), walks
 *    records j .. j + e and takes the one with the block's transaction count and its parent's checksum (a
 *    stale sibling's record, same parent, also fits: then the one of the block's shape whose coins the
 *    candidates' inputs can spend, node/blkscan/worker.ts). None fits: the undo path ends before that block
 *    (the record is damaged), saying so. Until 2026-12-05 such a file was matched here, every record hashed when the scan reached it: on the
 *    bench's datadir ~35% of the main thread's time, during which the workers waited for jobs;
 *  - otherwise (fewer records than blocks, or a last block without one: Core stored blocks it has not
 *    connected yet, or a record is damaged; or more than 64 stale records, where walking e + 1 records for
 *    each block with candidates could cost more than reading the file once) the file is matched here record
 *    by record, by checksum, which reads its every record once; a block whose parent several records fit gets `extra` up to the last of
 *    them. (Before 2026-12-04 e > 0 gave every block of the file the window's records as objects: O(blocks ×
 *    e) — a 700,000-block datadir with ~1,000 stale records in one file ran out of heap.)
 * Missing data — no rev files at all (pruned node, a copy without them), the rev file of a needed blk file
 * absent, or a best-chain block without a record (e.g. stored but not yet connected by Core) — is not an
 * error: the index gives the undo locations up to the block before the first one without a record
 * (`last`) and says why it stops there; the caller resolves the rest with the two-pass path. Files are
 * loaded as a scan reaches them (`UndoIndex.open` + `has`), or all at once (`UndoIndex.build`).
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HopReader } from './hop-reader.ts';
import type { BlkChainIndex } from './blkfiles.ts';
import { hexToHash, toHex } from './bytes.ts';
import { ChainError } from './errors.ts';
import { undoChecksum } from './undo.ts';

export const revName = (n: number): string => `rev${String(n).padStart(5, '0')}.dat`;
export const hasRevFiles = (blocksDir: string): boolean => readdirSync(blocksDir).some((f) => /^rev\d{5}\.dat$/.test(f));

export interface RevRecord { offset: number; size: number }

/** Most stale records a file may hold for its blocks to get a window (`UndoIndex.extra`) instead of a match (module doc). */
export const MAX_WINDOW = 64;

/** Record headers of one rev file (magic, size), hopping over the bodies and checksums. */
export function readRevHeaders(path: string, magicHex: string, key: Uint8Array): RevRecord[] {
  const fd = openSync(path, 'r');
  const magic = Buffer.from(magicHex, 'hex');
  const head = Buffer.alloc(8);
  const recs: RevRecord[] = [];
  try {
    const size = fstatSync(fd).size;
    let pos = 0;
    const hops = new HopReader(fd, key);
    while (pos + 8 <= size) {
      if (!hops.read(head, pos)) break;
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
  /**
   * Per height: how many records after `offset` may be the block's instead (files with stale blocks' records,
   * module doc): the worker walks them and takes the one that fits; 0 for nearly every block.
   */
  readonly extra: Uint32Array;
  /** rev files with stale blocks' records whose blocks got a window of records (`extra`) without reading them. */
  windowed = 0;
  /** rev files matched record by record by checksum (fewer records than blocks, or the last block has none). */
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
    this.extra = new Uint32Array(ix.hashes.length);
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

  /** The undo path ends before block h (a worker found no record that fits it): `last` = h − 1 at most. */
  stopAt(h: number, why: string): void { if (h < this.first) { this.first = h; this.stop = why; } }

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
    if (e >= 0 && e <= MAX_WINDOW && lastHasRecord(path, recs, hs, ix, key)) {
      hs.forEach((h, j) => { this.offset[h] = recs[j].offset; this.size[h] = recs[j].size; this.extra[h] = e; });
      if (e > 0) this.windowed++;
      return;
    }
    this.matchedByChecksum++;
    const j = matchInOrder(this, path, recs, hs, ix, key);
    if (j < hs.length) none(hs[j], `${path} has no undo record for block ${hs[j]} (${ix.hashes[hs[j]]}) or after it: not connected by Core yet, or the record is damaged`);
  }
}

/** Record `r` (body and checksum in `rec`) is a record of a child of the block whose internal-order hash is `parent`. */
function fits(r: RevRecord, rec: Uint8Array, parent: Uint8Array): boolean {
  return undoChecksum(parent, rec.subarray(0, r.size)).equals(rec.subarray(r.size));
}
const parentOf = (ix: BlkChainIndex, h: number): Uint8Array => hexToHash(ix.hashes[h - 1]);

/** Reads records (body ‖ checksum) in file order into one reused buffer (a view: valid until the next read). */
class RecordReader {
  private buf = new Uint8Array(0);
  private readonly hops: HopReader;
  constructor(fd: number, key: Uint8Array) { this.hops = new HopReader(fd, key); }
  read(r: RevRecord): Uint8Array {
    const n = r.size + 32;
    if (this.buf.length < n) this.buf = new Uint8Array(Math.max(n, 2 * this.buf.length));
    const rec = this.buf.subarray(0, n);
    if (!this.hops.read(rec, r.offset + 8)) throw new ChainError('E_BAD_UNDO', `record @${r.offset} ends past its file`);
    return rec;
  }
}

/** Whether one of the file's last e + 1 records (e: records beyond its blocks) has the checksum of the last block's parent. */
function lastHasRecord(path: string, recs: RevRecord[], hs: number[], ix: BlkChainIndex, key: Uint8Array): boolean {
  const fd = openSync(path, 'r');
  try {
    const records = new RecordReader(fd, key), parent = parentOf(ix, hs[hs.length - 1]);
    for (let k = recs.length - 1; k >= hs.length - 1; k--) if (fits(recs[k], records.read(recs[k]), parent)) return true;
    return false;
  } finally { closeSync(fd); }
}

/**
 * Matches a file's records to its blocks in order, reading every record once (module doc); records fitting
 * the last matched block's parent too (stale siblings') extend its `extra` up to the last of them.
 * Returns the index in `hs` of the first block without a record (hs.length: none).
 */
function matchInOrder(u: UndoIndex, path: string, recs: RevRecord[], hs: number[], ix: BlkChainIndex, key: Uint8Array): number {
  let j = 0;
  let next = hs.length ? parentOf(ix, hs[0]) : null, prev: Uint8Array | null = null;
  const fd = openSync(path, 'r');
  try {
    const records = new RecordReader(fd, key);
    let at = -1; // index of the last matched block's record
    recs.forEach((r, k) => {
      const rec = records.read(r);
      if (next && fits(r, rec, next)) {
        const h = hs[j++];
        u.offset[h] = r.offset; u.size[h] = r.size;
        at = k;
        prev = next;
        next = j < hs.length ? parentOf(ix, hs[j]) : null;
      } else if (prev && fits(r, rec, prev)) u.extra[hs[j - 1]] = k - at;
    });
  } finally { closeSync(fd); }
  return j;
}
