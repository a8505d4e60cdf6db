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
import { hashToHex, hexToHash, toHex } from './bytes.ts';
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
  // records by first-seen index; parents as indices (integers: ~900k records on mainnet)
  const idx = new Map<string, number>();
  const recs: T[] = [];
  for (const r of records) if (!idx.has(r.hash)) { idx.set(r.hash, recs.length); recs.push(r); }
  const n = recs.length;
  const root = genesisHash ? idx.get(genesisHash) : n ? 0 : undefined;
  if (root === undefined) { if (orphans) orphans.push(...recs); return []; }
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = idx.get(recs[i].prevHash) ?? -1;
  const { chain, depth } = deepestPath(parent, root);
  if (orphans) for (let i = 0; i < n; i++) if (depth[i] < 0) orphans.push(recs[i]);
  return Array.from(chain, (i) => recs[i]);
}

/**
 * The deepest path from `root` down the parent links (`parent[i]`: the index of record i's parent, −1 none;
 * children in index = arrival order), ties to the earliest discovered, as root → tip indices; `depth` is −1 for
 * the records the root does not reach.
 */
function deepestPath(parent: Int32Array, root: number): { chain: number[]; depth: Int32Array } {
  const n = parent.length;
  // children by parent, in arrival order, as one array with offsets (no array per record)
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) first[parent[i] + 1]++;
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const kids = new Int32Array(first[n]), fill = first.slice(0, n);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) kids[fill[parent[i]]++] = i;
  // iterative DFS for the deepest descendant; first-seen child wins ties
  const depth = new Int32Array(n).fill(-1), up = new Int32Array(n).fill(-1);
  const order = [root]; // discovery order, for the tie break below
  depth[root] = 0;
  let best = root;
  const stack = [root];
  while (stack.length) {
    const h = stack.pop()!;
    const d = depth[h];
    if (d > depth[best]) best = h;
    for (let k = first[h + 1] - 1; k >= first[h]; k--) { const c = kids[k]; if (depth[c] >= 0) continue; depth[c] = d + 1; up[c] = h; order.push(c); stack.push(c); }
  }
  // earliest-discovered among the deepest tips
  const maxD = depth[best];
  for (const h of order) if (depth[h] === maxD) { best = h; break; }
  const chain: number[] = [];
  for (let h = best; h >= 0; h = up[h]) chain.push(h);
  return { chain: chain.reverse(), depth };
}

/** Where one block record sits: file number, offset of its 8-byte record header, raw block length. */
export interface BlkLoc { hash: string; prevHash: string; file: number; offset: number; len: number }

/**
 * Calls `each` for every block record from where `ends` says (file name → offset; 0 for a file not in it),
 * with its 80-byte header (de-obfuscated; a view, valid during the call), its hash (internal order) and where
 * it sits, reading 88 bytes per record (magic, length, header) with positioned reads, hopping over the block
 * bodies; `ends` is updated to where reading stopped (the end, a preallocated zero tail, a torn last record).
 */
function eachBlkHeader(blocksDir: string, magicHex: string, ends: Map<string, number>, each: (header: Uint8Array, hash: Uint8Array, file: number, offset: number, len: number) => void): void {
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
        each(body, sha256d(body), fileNo, pos, len); // the core's sha256d: ~1 µs, node:crypto's two objects ~4-8 µs
        pos += 8 + len;
      }
      ends.set(f, pos);
    } finally { closeSync(fd); }
  }
}

/**
 * Every block record's location and header hashes (from where `ends` says, updated; see eachBlkHeader).
 * Mainnet up to block 665,750 is ~665k reads of 88 bytes.
 */
export function readBlkHeaders(blocksDir: string, magicHex: string, ends = new Map<string, number>()): BlkLoc[] {
  const out: BlkLoc[] = [];
  eachBlkHeader(blocksDir, magicHex, ends, (header, hash, file, offset, len) => out.push({ hash: hashToHex(hash), prevHash: toHexReversed(header, 4, 36), file, offset, len }));
  return out;
}

/** Every record's header as columns: hash and previous hash (32 bytes each, internal order), file, offset, length. */
class HeaderColumns {
  n = 0;
  hash = new Uint8Array(32 << 10);
  prev = new Uint8Array(32 << 10);
  file = new Uint32Array(1 << 10);
  offset = new Uint32Array(1 << 10);
  len = new Uint32Array(1 << 10);

  add(header: Uint8Array, hash: Uint8Array, file: number, offset: number, len: number): void {
    if (this.n === this.file.length) this.grow();
    const i = this.n++;
    this.hash.set(hash, 32 * i);
    this.prev.set(header.subarray(4, 36), 32 * i);
    this.file[i] = file; this.offset[i] = offset; this.len[i] = len;
  }

  private grow(): void {
    const cap = this.file.length * 2;
    const more = <A extends Uint8Array | Uint32Array>(a: A, n: number): A => { const b = new (a.constructor as new (n: number) => A)(n); b.set(a); return b; };
    this.hash = more(this.hash, 32 * cap); this.prev = more(this.prev, 32 * cap);
    this.file = more(this.file, cap); this.offset = more(this.offset, cap); this.len = more(this.len, cap);
  }

  loc(i: number): BlkLoc {
    return { hash: hashToHex(this.hash.subarray(32 * i, 32 * i + 32)), prevHash: hashToHex(this.prev.subarray(32 * i, 32 * i + 32)), file: this.file[i], offset: this.offset[i], len: this.len[i] };
  }

  /**
   * linkChain on the columns: the same best chain and orphans (duplicates of a stored hash dropped, first seen
   * kept), with parents found through an open-addressing table over the hash bytes — no object or string per
   * record (linkChain's Map of ~700,000 hex strings was most of the header index's time and its memory peak).
   */
  link(genesisHash?: string): { chain: number[]; orphans: number[] } {
    const n = this.n;
    const w = new Uint32Array(this.hash.buffer, 0, 8 * n), pw = new Uint32Array(this.prev.buffer, 0, 8 * n);
    let cap = 1024;
    while (cap < 2 * n) cap *= 2;
    const mask = cap - 1, slots = new Int32Array(cap); // record index + 1; 0 empty
    // the record holding the hash at words[at..at+8), or −1 − (the empty slot where it would go)
    const find = (words: Uint32Array, at: number): number => {
      for (let s = words[at] & mask; ; s = (s + 1) & mask) {
        const v = slots[s];
        if (v === 0) return -1 - s;
        const j = 8 * (v - 1);
        if (w[j] === words[at] && w[j + 1] === words[at + 1] && w[j + 2] === words[at + 2] && w[j + 3] === words[at + 3] &&
          w[j + 4] === words[at + 4] && w[j + 5] === words[at + 5] && w[j + 6] === words[at + 6] && w[j + 7] === words[at + 7]) return v - 1;
      }
    };
    const dup = new Uint8Array(n);
    for (let i = 0; i < n; i++) { const r = find(w, 8 * i); if (r >= 0) dup[i] = 1; else slots[-1 - r] = i + 1; }
    const parent = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) if (!dup[i]) { const p = find(pw, 8 * i); if (p >= 0) parent[i] = p; }
    let root = n ? 0 : -1;
    if (genesisHash) { const g = genesisBytes(genesisHash); root = g ? find(new Uint32Array(g.buffer), 0) : -1; }
    const orphans: number[] = [];
    if (root < 0) { for (let i = 0; i < n; i++) if (!dup[i]) orphans.push(i); return { chain: [], orphans }; }
    const { chain, depth } = deepestPath(parent, root);
    for (let i = 0; i < n; i++) if (depth[i] < 0 && !dup[i]) orphans.push(i);
    return { chain, orphans };
  }
}

/** Internal-order bytes of a display-order block hash (an aligned copy), or null when it is not one (no record has it). */
function genesisBytes(h: string): Uint8Array | null {
  try { const b = hexToHash(h); return b.length === 32 ? Uint8Array.from(b) : null; } catch { return null; }
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
    const cols = new HeaderColumns();
    eachBlkHeader(blocksDir, magicHex, this.ends, (header, hash, file, offset, len) => cols.add(header, hash, file, offset, len));
    const { chain, orphans } = cols.link(genesisHash);
    this.orphans = orphans.map((i) => cols.loc(i));
    this.hashes = chain.map((i) => hashToHex(cols.hash.subarray(32 * i, 32 * i + 32)));
    this.file = Uint32Array.from(chain, (i) => cols.file[i]);
    this.offset = Uint32Array.from(chain, (i) => cols.offset[i]);
    this.len = Uint32Array.from(chain, (i) => cols.len[i]);
    this.skipped = cols.n - chain.length;
    this.bytes = chain.reduce((s, i) => s + cols.len[i], 0);
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
    const fresh = readBlkHeaders(this.blocksDir, this.magicHex, this.ends);
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
