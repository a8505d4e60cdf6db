/**
 * @module node/blkscan/bulk — the bulk path from a Core `blocks/` directory to candidate transactions,
 * with no UTXO set in memory. Two paths, chosen per run (`onPath` says which ran and why):
 *  - **undo** (rev?????.dat present for every block of the range — a normal, unpruned Core datadir — or for
 *    every block up to some height, as on a node still syncing: the undo path runs up to there): ONE
 *    pass. Workers sieve each block (core/sieve.ts: one byte-wise pass proving that nearly every block holds
 *    no `id` output — Core validated the block before storing its undo record, so it is not walked); a block
 *    that may hold one is scanned (only `id` matches and the header hashed) and, if it has candidates, its
 *    undo record is read: the checksum ties it to the block and its coins are the outputs the candidates
 *    spend (chain/undo.ts). No second read of the chain, no outpoint set, no rev bytes beyond those records.
 *  - **two-pass** (no rev files, a pruned node, a record missing — for the blocks from it on — or
 *    `undo: false`): pass 1 scans [from, to] for `id` transactions (trusted scan) and records the txids their inputs spend (a few per thousand blocks
 *    on mainnet). Pass 2 streams [0, last candidate block] again: workers hash every transaction and send
 *    back only the outputs of those wanted txids, plus the candidates of the blocks that have some. Results
 *    are consumed in chain order, so by the time block h is yielded every output its candidates spend
 *    (created at a height ≤ h) is known. Why from the genesis: a spent output can have been created in ANY
 *    earlier block and a datadir has no txid → block index (only with -txindex, not required), so finding it
 *    means hashing every transaction before the candidate (the first index of mainnet: the 45 GB before block
 *    373,601 plus the range, read once more). A RESUMED two-pass run (`from` > 0, at most `resumeMaxBlocks`
 *    to go, default 10,000 ≈ 10 weeks) does not pay that again: pass 2 resolves [from, last] first (buffering
 *    the range's few candidates), then walks the blocks before `from` BACKWARDS, newest first, only until every
 *    still-missing output is found — funding outputs are almost always recent; the worst case (an output from
 *    the genesis era) reads the chain once, never more than the from-genesis pass.
 * `verifyBlocks` hashes every transaction and requires each merkle root (for copies not validated by Core).
 * Memory: the wanted outputs (two-pass), per-height arrays, and a bounded number of batches in flight.
 */
import type { BlkFileSource } from '../../chain/blkfiles.ts';
import { ChainError } from '../../chain/errors.ts';
import type { PrevOut } from '../../chain/source.ts';
import type { TxInput } from '../../virtualchain/index.ts';
import { candidateFrom } from '../scan.ts';
import { ScanPool } from './pool.ts';
import { UndoIndex } from '../../chain/revfiles.ts';
import type { BlockJobs, JobBlocks, ResolveResult, ScanResult, UndoResult } from './protocol.ts';

export interface BulkBlock { height: number; hash: string; prevHash: string; txCount: number; candidates: TxInput[] }
export interface BulkOptions {
  workers?: number;
  /** Bytes per job (blocks are batched up to this size; default 8 MiB). */
  batchBytes?: number;
  /**
   * Blocks per job at most (default 1,024). Bytes alone would put ~40,000 of the early chain's 200-byte blocks in
   * one job — with 8 jobs a worker in flight, the whole of a 700,000-block chain's job and result objects at once.
   */
  batchBlocks?: number;
  /** Pass timings; the undo path has one pass (1), with the undo bytes read. */
  onPass?: (pass: 1 | 2, info: { path: BulkPath; blocks: number; bytes: number; ms: number; wanted?: number; undoBytes?: number }) => void;
  /**
   * Which path runs, and why the undo path does not (a warning worth logging when rev files exist). Called
   * twice when only a tail of the range lacks undo records (a node still syncing: blocks stored, not yet
   * connected): 'undo' for the range up to the last record, then 'two-pass' with the reason for the rest.
   */
  onPath?: (path: BulkPath, reason?: string) => void;
  /** Use the rev files when present (default true); false forces the two-pass path. */
  undo?: boolean;
  /** Hash every transaction and check every merkle root (default false: Core validated its blocks). */
  verifyBlocks?: boolean;
  /** Largest range [from, to] (from > 0) that takes the two-pass resume path (module doc); default 10,000. */
  resumeMaxBlocks?: number;
}
export type BulkPath = 'undo' | 'two-pass';

/** Default of BulkOptions.resumeMaxBlocks. */
export const RESUME_MAX_BLOCKS = 10_000;

/** How big a job gets: bytes (blocks, and undo records on the undo path) and blocks. */
interface JobSize { bytes: number; blocks: number }

/** The job of heights [a, b] (protocol.ts: columns); `scanAt` / `undo` add what the resolve pass / undo path need. */
function job(src: BlkFileSource, a: number, b: number, scanAt?: Set<number>, undo?: UndoIndex): BlockJobs {
  const ix = src.index;
  const j: BlockJobs = { from: a, file: ix.file.slice(a, b + 1), offset: ix.offset.slice(a, b + 1), len: ix.len.slice(a, b + 1) };
  if (scanAt?.size) { j.scan = []; for (let h = a; h <= b; h++) if (scanAt.has(h)) j.scan.push(h); }
  if (undo) {
    j.rev = { offset: undo.offset.slice(a, b + 1), size: undo.size.slice(a, b + 1) };
    const extra = undo.extra.subarray(a, b + 1);
    if (extra.some((e) => e > 0)) j.rev.extra = extra.slice();
  }
  return j;
}

/** Jobs over [from, to] (two-pass resolve), newest job first (heights ascending inside a job). */
function* batchesDown(src: BlkFileSource, from: number, to: number, max: JobSize): Generator<BlockJobs> {
  const len = src.index.len;
  for (let b = to; b >= from;) {
    let a = b, size = len[b];
    while (a > from && b - a + 1 < max.blocks && size < max.bytes) size += len[--a];
    yield job(src, a, b);
    b = a - 1;
  }
}

/** Jobs over [from, to] in height order; with `undo`, only up to the block before the first without an undo record. */
function* batches(src: BlkFileSource, from: number, to: number, max: JobSize, scanAt?: Set<number>, undo?: UndoIndex): Generator<BlockJobs> {
  const len = src.index.len;
  for (let a = from; a <= to;) {
    let h = a, size = 0, stop = false;
    for (; h <= to && h - a < max.blocks && size < max.bytes; h++) {
      if (undo && !undo.has(h)) { stop = true; break; } // its rev file is read here, as the scan gets to it; no record: undo.last = h − 1
      size += len[h] + (undo ? undo.size[h] : 0);
    }
    if (h > a) yield job(src, a, h - 1, scanAt, undo);
    if (stop) return;
    a = h;
  }
}

/** A job's block hashes are the index's: the records read are the blocks the index located. */
function checkHashes(src: BlkFileSource, r: JobBlocks): void {
  const hashes = src.index.hashes;
  for (let i = 0; i < r.txCount.length; i++) {
    if (!r.hashes.startsWith(hashes[r.from + i], 64 * i)) throw new Error(`block file record at height ${r.from + i} hashes to ${r.hashes.slice(64 * i, 64 * i + 64)}, index says ${hashes[r.from + i]}`);
  }
}

/** Candidate transactions of every block in [from, to] of the source's best chain, in chain order. */
export async function* bulkScan(src: BlkFileSource, from: number, to: number, opts: BulkOptions = {}): AsyncGenerator<BulkBlock> {
  to = Math.min(to, src.index.height);
  if (from > to) return;
  const pool = await ScanPool.start(opts.workers ?? 1);
  const max: JobSize = { bytes: opts.batchBytes ?? 8 << 20, blocks: opts.batchBlocks ?? 1024 };
  try {
    pool.broadcast({ type: 'init', blocksDir: src.index.blocksDir, key: src.key, verify: opts.verifyBlocks, versions: src.addressVersions });
    // the undo index loads each rev file as the scan reaches it (the first one now, to choose the path)
    const undo = opts.undo === false ? { missing: 'disabled (undo: false)' } : UndoIndex.open(src.index, src.magic, src.key, Math.max(1, from), to);
    if (undo instanceof UndoIndex) {
      opts.onPath?.('undo');
      if (from === 0) yield { height: 0, hash: src.index.hashes[0], prevHash: '0'.repeat(64), txCount: 1, candidates: [] };
      yield* undoScan(src, pool, Math.max(1, from), to, max, undo, opts);
      if (undo.last >= to) return;
      // blocks Core stored but has not connected yet (a syncing node): two passes for them only
      from = undo.last + 1;
      opts.onPath?.('two-pass', `blocks ${from}–${to}: ${undo.stop}`);
    } else opts.onPath?.('two-pass', undo.missing);
    // pass 1
    let t0 = performance.now();
    const txCount = new Uint32Array(to - from + 1);
    const spends = new Map<number, [string, number][]>();
    const wanted = new Set<string>();
    let bytes = 0;
    for await (const r of pool.map<BlockJobs, ScanResult>(batches(src, from, to, max), (id, blocks) => ({ type: 'jobs', id, mode: 'scan', blocks }))) {
      checkHashes(src, r);
      txCount.set(r.txCount, r.from - from);
      bytes += r.bytes;
      for (const [h, sp] of r.spends) { spends.set(h, sp); for (const [t] of sp) wanted.add(t); }
    }
    opts.onPass?.(1, { path: 'two-pass', blocks: to - from + 1, bytes, ms: performance.now() - t0, wanted: wanted.size });
    // pass 2 (only up to the last block with candidates; none → no second pass)
    const last = spends.size ? Math.max(...spends.keys()) : from - 1;
    const outs = new Map<string, PrevOut[]>();
    const at = (tx: string, v: number): PrevOut | null => outs.get(tx)?.[v] ?? null;
    const hashes = src.index.hashes;
    const plain = (h: number): BulkBlock => ({ height: h, hash: hashes[h], prevHash: h > 0 ? hashes[h - 1] : '0'.repeat(64), txCount: txCount[h - from], candidates: [] });
    const blockOf = (h: number, txs: ResolveResult['txs'][number][1] | undefined): BulkBlock => {
      const b = plain(h);
      for (const tx of txs ?? []) {
        if (tx.vtxindex === 0) continue;
        const prev = tx.inputs.map((i) => at(i.prevTxid, i.prevVout));
        const miss = prev.findIndex((p) => p === null);
        if (miss >= 0) throw new ChainError('E_MISSING_PREVOUT', `block ${h}: transaction ${tx.txid} spends ${tx.inputs[miss].prevTxid}:${tx.inputs[miss].prevVout}, which is not in the block files before it`);
        b.candidates.push(candidateFrom({ ...tx, raw: new Uint8Array(0) }, prev, src.addressVersions)!);
      }
      return b;
    };
    const resume = from > 0 && to - from + 1 <= (opts.resumeMaxBlocks ?? RESUME_MAX_BLOCKS);
    if (last >= from && resume) {
      // resume (module doc): [from, last] first, then backwards from `from` − 1 until nothing is missing
      t0 = performance.now();
      bytes = 0;
      pool.broadcast({ type: 'want', txids: [...wanted] });
      const cands = new Map<number, ResolveResult['txs'][number][1]>();
      for await (const r of pool.map<BlockJobs, ResolveResult>(batches(src, from, last, max, new Set(spends.keys())), (id, blocks) => ({ type: 'jobs', id, mode: 'resolve', blocks }))) {
        bytes += r.bytes;
        for (const [id, o] of r.found) outs.set(id, o);
        for (const [h, txs] of r.txs) if (txs.length) cands.set(h, txs);
      }
      const missing = new Set([...wanted].filter((t) => !outs.has(t)));
      let lowest = from;
      if (missing.size) {
        pool.broadcast({ type: 'want', txids: [...missing] });
        for await (const r of pool.map<BlockJobs, ResolveResult>(batchesDown(src, 0, from - 1, max), (id, blocks) => ({ type: 'jobs', id, mode: 'resolve', blocks }))) {
          const batch = new Map<string, PrevOut[]>(); // ascending inside the job: the latest creation wins, as forwards
          bytes += r.bytes;
          lowest = Math.min(lowest, r.from);
          for (const [id, o] of r.found) batch.set(id, o);
          for (const [id, o] of batch) if (missing.delete(id)) outs.set(id, o);
          if (missing.size === 0) break;
        }
      }
      opts.onPass?.(2, { path: 'two-pass', blocks: last - lowest + 1, bytes, ms: performance.now() - t0 });
      for (let h = from; h <= last; h++) yield blockOf(h, cands.get(h));
    } else if (last >= from) {
      t0 = performance.now();
      bytes = 0;
      pool.broadcast({ type: 'want', txids: [...wanted] });
      const scanAt = new Set(spends.keys());
      for await (const r of pool.map<BlockJobs, ResolveResult>(batches(src, 0, last, max, scanAt), (id, blocks) => ({ type: 'jobs', id, mode: 'resolve', blocks }))) {
        bytes += r.bytes;
        for (const [id, o] of r.found) outs.set(id, o); // outputs of the job's later blocks too: none of its candidates can spend them
        const txs = new Map(r.txs);
        for (let h = Math.max(from, r.from), end = r.from + r.txCount.length; h < end; h++) yield blockOf(h, txs.get(h));
      }
      opts.onPass?.(2, { path: 'two-pass', blocks: last + 1, bytes, ms: performance.now() - t0 });
    }
    for (let h = Math.max(from, last + 1); h <= to; h++) yield plain(h);
  } finally {
    await pool.close();
  }
}

/** The undo path: one pass over [from, to], candidates and their spent outputs from each block and its undo
 * record, up to the block before the first without one (`undo.last` once done). */
async function* undoScan(src: BlkFileSource, pool: ScanPool, from: number, to: number, max: JobSize, undo: UndoIndex, opts: BulkOptions): AsyncGenerator<BulkBlock> {
  const t0 = performance.now();
  const hashes = src.index.hashes;
  let bytes = 0, undoBytes = 0, blocks = 0;
  for await (const r of pool.map<BlockJobs, UndoResult>(batches(src, from, to, max, undefined, undo), (id, blocks) => ({ type: 'jobs', id, mode: 'undo', blocks }))) {
    checkHashes(src, r);
    bytes += r.bytes;
    undoBytes += r.undoBytes;
    const n = r.txCount.length;
    blocks += n;
    for (let i = 0, k = 0; i < n; i++) {
      const h = r.from + i;
      const candidates = k < r.candidates.length && r.candidates[k][0] === h ? r.candidates[k++][1] : [];
      yield { height: h, hash: hashes[h], prevHash: hashes[h - 1], txCount: r.txCount[i], candidates };
    }
    // no record fits this block (a damaged one in a file with stale blocks' records): two passes from it on
    if (r.stop) { undo.stopAt(r.stop.height, r.stop.reason); break; }
  }
  opts.onPass?.(1, { path: 'undo', blocks, bytes, ms: performance.now() - t0, undoBytes });
}
