/**
 * @module chain/blk-index — the best chain of a Core `blocks/` directory from the block headers alone: each
 * record's 88 bytes (magic, length, header) are read with positioned reads, hopping over the bodies (short
 * hops from a read-ahead window: chain/hop-reader.ts), and the
 * records are linked by previous hash from the genesis (longest branch; ties: first seen, as Core). Stale
 * blocks and the arrival order Core stores blocks in (headers-first download writes children before parents)
 * do not matter. A following node calls `extend` when the files grow: it reads only the records appended
 * since (mainnet has ~900k records: a full rebuild costs seconds, an extension a few reads) and falls back
 * to a full rebuild only when the new records do not simply extend the tip (a fork, a reorg, a shrunk file).
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChainError } from './errors.ts';
import { sha256d } from '../core/index.ts';
import { blkName } from './blkfiles-write.ts';
import { HopReader } from './hop-reader.ts';
import { hashToHex, toHex } from './bytes.ts';
import { toHexReversed } from '../base/bytes.ts';

export function readXorKey(blocksDir: string): Uint8Array {
  const p = join(blocksDir, 'xor.dat');
  if (!existsSync(p)) return new Uint8Array(8);
  const k = new Uint8Array(readFileSync(p));
  if (k.length !== 8) throw new ChainError('E_BAD_XOR_KEY', `${p} must hold 8 bytes, has ${k.length}`);
  return k;
}

export const blkFiles = (blocksDir: string): string[] => readdirSync(blocksDir).filter((f) => /^blk\d{5}\.dat$/.test(f)).sort();

/**
 * Links records by previous hash into the best chain (by height; ties: first seen). `orphans`, when given,
 * receives the records no path from the root reaches (a child read before its parent was stored).
 */
export function linkChain<T extends { hash: string; prevHash: string }>(records: Iterable<T>, genesisHash?: string, orphans?: T[]): T[] {
  // records by first-seen index; children by parent index, in arrival order (integers: ~900k records on mainnet)
  const idx = new Map<string, number>();
  const recs: T[] = [];
  for (const r of records) if (!idx.has(r.hash)) { idx.set(r.hash, recs.length); recs.push(r); }
  const n = recs.length;
  const kids: (number[] | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) { const p = idx.get(recs[i].prevHash); if (p !== undefined) (kids[p] ??= []).push(i); }
  const root = genesisHash ? idx.get(genesisHash) : n ? 0 : undefined;
  if (root === undefined) { if (orphans) orphans.push(...recs); return []; }
  // iterative DFS for the deepest descendant; first-seen child wins ties
  const depth = new Int32Array(n).fill(-1), parent = new Int32Array(n).fill(-1);
  const order = [root]; // discovery order, for the tie break below
  depth[root] = 0;
  let best = root;
  const stack = [root];
  while (stack.length) {
    const h = stack.pop()!;
    const d = depth[h];
    if (d > depth[best]) best = h;
    const c = kids[h];
    if (c) for (let k = c.length - 1; k >= 0; k--) { depth[c[k]] = d + 1; parent[c[k]] = h; order.push(c[k]); stack.push(c[k]); }
  }
  // earliest-discovered among the deepest tips
  const maxD = depth[best];
  for (const h of order) if (depth[h] === maxD) { best = h; break; }
  const chain: T[] = [];
  for (let h = best; h >= 0; h = parent[h]) chain.push(recs[h]);
  if (orphans) for (let i = 0; i < n; i++) if (depth[i] < 0) orphans.push(recs[i]);
  return chain.reverse();
}

/** Where one block record sits: file number, offset of its 8-byte record header, raw block length. */
export interface BlkLoc { hash: string; prevHash: string; file: number; offset: number; len: number }

/**
 * Every block record's location and header hashes, read without loading the files: 88 bytes per record
 * (magic, length, 80-byte header) with positioned reads, hopping over the block bodies. Mainnet up to
 * block 665,750 is ~665k reads of 88 bytes. `ends` (file name → offset): where to start in each file (0 for
 * a file not in it), updated to where reading stopped (the end, a preallocated zero tail, a torn last record).
 */
export function* readBlkHeaders(blocksDir: string, magicHex: string, ends = new Map<string, number>()): Generator<BlkLoc> {
  if (!existsSync(blocksDir)) throw new ChainError('E_NO_BLOCKS_DIR', `no block directory at ${blocksDir}`);
  const key = readXorKey(blocksDir);
  const magic = Buffer.from(magicHex, 'hex');
  const m0 = magic[0], m1 = magic[1], m2 = magic[2], m3 = magic[3];
  const head = Buffer.alloc(88);
  const body = head.subarray(8, 88);
  for (const f of blkFiles(blocksDir)) {
    const fd = openSync(join(blocksDir, f), 'r');
    try {
      const size = fstatSync(fd).size;
      const fileNo = Number(f.slice(3, 8));
      let pos = ends.get(f) ?? 0;
      const hops = new HopReader(fd, key);
      while (pos + 88 <= size) {
        if (!hops.read(head, pos)) break;
        if (head[0] === 0 && head[1] === 0 && head[2] === 0 && head[3] === 0) break; // preallocated tail
        if (head[0] !== m0 || head[1] !== m1 || head[2] !== m2 || head[3] !== m3) throw new ChainError('E_BAD_MAGIC', `${f}@${pos}: network magic ${toHex(head.subarray(0, 4))} is not ${magicHex}`);
        const len = head.readUInt32LE(4);
        if (pos + 8 + len > size) break; // partially written last record
        const h = sha256d(body); // the core's: ~1 µs, node:crypto's two objects ~4-8 µs
        yield { hash: hashToHex(h), prevHash: toHexReversed(head, 12, 44), file: fileNo, offset: pos, len };
        pos += 8 + len;
      }
      ends.set(f, pos);
    } finally { closeSync(fd); }
  }
}

/**
 * The best chain as compact per-height arrays (hash strings, and file / offset / length in typed arrays:
 * ~100 bytes a block), plus what `extend` needs: where reading stopped in each file and the records that
 * no path from the genesis reached yet.
 */
export class BlkChainIndex {
  hashes: string[];
  file: Uint32Array;
  offset: Uint32Array;
  len: Uint32Array;
  /** Records in the files that are not on the best chain (stale blocks, duplicates, orphans). */
  skipped: number;
  bytes: number;
  /** How the index was last brought up to date: a full read of every file, or an extension of the tip. */
  lastBuild: 'full' | 'extended' = 'full';
  private ends = new Map<string, number>();
  private orphans: BlkLoc[] = [];
  private key: Uint8Array;

  constructor(readonly blocksDir: string, private readonly magicHex: string, private readonly genesisHash?: string) {
    this.key = readXorKey(blocksDir);
    let n = 0;
    const best = linkChain((function* (ends) { for (const r of readBlkHeaders(blocksDir, magicHex, ends)) { n++; yield r; } })(this.ends), genesisHash, this.orphans);
    this.hashes = best.map((r) => r.hash);
    this.file = Uint32Array.from(best, (r) => r.file);
    this.offset = Uint32Array.from(best, (r) => r.offset);
    this.len = Uint32Array.from(best, (r) => r.len);
    this.skipped = n - best.length;
    this.bytes = best.reduce((s, r) => s + r.len, 0);
  }
  get height(): number { return this.hashes.length - 1; }
  path(h: number): string { return join(this.blocksDir, blkName(this.file[h])); }

  /**
   * Reads the records appended since the last build and, when together with the earlier orphans they form
   * one line of descent from the tip, appends them and returns true (the orphans that still have no parent
   * wait for the next call). Returns false — the caller rebuilds — when a new record forks (two children of
   * one block, or a parent below the tip or unknown), a file shrank or went away, or `xor.dat` changed.
   */
  extend(): boolean {
    const files = new Set(blkFiles(this.blocksDir));
    for (const [f, end] of this.ends) {
      if (!files.has(f)) return false;
      const fd = openSync(join(this.blocksDir, f), 'r');
      try { if (fstatSync(fd).size < end) return false; } finally { closeSync(fd); }
    }
    if (!Buffer.from(readXorKey(this.blocksDir)).equals(Buffer.from(this.key))) return false;
    const fresh = [...readBlkHeaders(this.blocksDir, this.magicHex, this.ends)];
    if (!fresh.length) return true;
    const byPrev = new Map<string, BlkLoc[]>();
    for (const r of [...this.orphans, ...fresh]) { const c = byPrev.get(r.prevHash); if (c) c.push(r); else byPrev.set(r.prevHash, [r]); }
    const line: BlkLoc[] = [];
    for (let tip = this.hashes[this.hashes.length - 1], next = byPrev.get(tip); next; next = byPrev.get(tip)) {
      if (next.length > 1) return false;
      line.push(next[0]);
      tip = next[0].hash;
    }
    const taken = new Set(line);
    if (fresh.some((r) => !taken.has(r))) return false; // a fork, or a child whose parent is not stored yet
    this.orphans = this.orphans.filter((r) => !taken.has(r));
    const grow = (a: Uint32Array, f: (r: BlkLoc) => number): Uint32Array => { const b = new Uint32Array(a.length + line.length); b.set(a); line.forEach((r, i) => { b[a.length + i] = f(r); }); return b; };
    this.file = grow(this.file, (r) => r.file);
    this.offset = grow(this.offset, (r) => r.offset);
    this.len = grow(this.len, (r) => r.len);
    for (const r of line) { this.hashes.push(r.hash); this.bytes += r.len; }
    this.lastBuild = 'extended';
    return true;
  }
}
