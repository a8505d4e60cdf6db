/**
 * @module node/blkscan/bulk — the bulk path from a Core `blocks/` directory to candidate transactions,
 * with no UTXO set in memory. Pass 1 scans [from, to] in worker threads for `id` transactions and records
 * the txids their inputs spend (a few per thousand blocks on mainnet). Pass 2 streams [0, last candidate
 * block] again: workers hash every transaction and send back only the outputs of those wanted txids, plus
 * the candidates of the blocks that have some. Results are consumed in chain order, so by the time block h
 * is yielded every output its candidates spend (created at a height ≤ h) is known. Memory: the wanted
 * outputs, per-height tx counts, and a bounded number of batches in flight.
 */
import type { BlkFileSource } from '../../chain/blkfiles.ts';
import { ChainError } from '../../chain/errors.ts';
import type { PrevOut } from '../../chain/source.ts';
import type { TxInput } from '../../virtualchain/index.ts';
import { candidateFrom } from '../scan.ts';
import { ScanPool } from './pool.ts';
import type { BlockJob, ResolveResult, ScanResult } from './protocol.ts';

export interface BulkBlock { height: number; hash: string; prevHash: string; txCount: number; candidates: TxInput[] }
export interface BulkOptions {
  workers?: number;
  /** Bytes per job (blocks are batched up to this size). */
  batchBytes?: number;
  onPass?: (pass: 1 | 2, info: { blocks: number; bytes: number; ms: number; wanted?: number }) => void;
}


function* batches(src: BlkFileSource, from: number, to: number, batchBytes: number, scanAt?: Set<number>): Generator<BlockJob[]> {
  const ix = src.index;
  let cur: BlockJob[] = [];
  let size = 0;
  for (let h = from; h <= to; h++) {
    cur.push({ height: h, path: ix.path(h), offset: ix.offset[h], len: ix.len[h], scan: scanAt?.has(h) });
    size += ix.len[h];
    if (size >= batchBytes) { yield cur; cur = []; size = 0; }
  }
  if (cur.length) yield cur;
}

/** Candidate transactions of every block in [from, to] of the source's best chain, in chain order. */
export async function* bulkScan(src: BlkFileSource, from: number, to: number, opts: BulkOptions = {}): AsyncGenerator<BulkBlock> {
  to = Math.min(to, src.index.height);
  if (from > to) return;
  const pool = await ScanPool.start(opts.workers ?? 1);
  const batchBytes = opts.batchBytes ?? 8 << 20;
  try {
    pool.broadcast({ type: 'init', key: src.key });
    // pass 1
    let t0 = performance.now();
    const txCount = new Uint32Array(to - from + 1);
    const spends = new Map<number, [string, number][]>();
    const wanted = new Set<string>();
    let bytes = 0;
    for await (const rs of pool.map<BlockJob[], ScanResult>(batches(src, from, to, batchBytes), (id, blocks) => ({ type: 'jobs', id, mode: 'scan', blocks }))) {
      for (const r of rs) {
        if (r.hash !== src.index.hashes[r.height]) throw new Error(`block file record at height ${r.height} hashes to ${r.hash}, index says ${src.index.hashes[r.height]}`);
        txCount[r.height - from] = r.txCount;
        bytes += r.bytes;
        if (r.spends.length) { spends.set(r.height, r.spends); for (const [t] of r.spends) wanted.add(t); }
      }
    }
    opts.onPass?.(1, { blocks: to - from + 1, bytes, ms: performance.now() - t0, wanted: wanted.size });
    // pass 2 (only up to the last block with candidates; none → no second pass)
    const last = spends.size ? Math.max(...spends.keys()) : from - 1;
    const outs = new Map<string, PrevOut[]>();
    const at = (tx: string, v: number): PrevOut | null => outs.get(tx)?.[v] ?? null;
    const hashes = src.index.hashes;
    const plain = (h: number): BulkBlock => ({ height: h, hash: hashes[h], prevHash: h > 0 ? hashes[h - 1] : '0'.repeat(64), txCount: txCount[h - from], candidates: [] });
    if (last >= from) {
      t0 = performance.now();
      bytes = 0;
      pool.broadcast({ type: 'want', txids: [...wanted] });
      const scanAt = new Set(spends.keys());
      for await (const rs of pool.map<BlockJob[], ResolveResult>(batches(src, 0, last, batchBytes, scanAt), (id, blocks) => ({ type: 'jobs', id, mode: 'resolve', blocks }))) {
        for (const r of rs) {
          bytes += src.index.len[r.height];
          for (const [id, o] of r.found) outs.set(id, o);
          if (r.height < from) continue;
          const b = plain(r.height);
          for (const tx of r.txs ?? []) {
            if (tx.vtxindex === 0) continue;
            const prev = tx.inputs.map((i) => at(i.prevTxid, i.prevVout));
            const miss = prev.findIndex((p) => p === null);
            if (miss >= 0) throw new ChainError('MISSING_PREVOUT', `block ${r.height}: transaction ${tx.txid} spends ${tx.inputs[miss].prevTxid}:${tx.inputs[miss].prevVout}, which is not in the block files before it`);
            b.candidates.push(candidateFrom({ ...tx, raw: new Uint8Array(0) }, prev, src.addressVersions)!);
          }
          yield b;
        }
      }
      opts.onPass?.(2, { blocks: last + 1, bytes, ms: performance.now() - t0 });
    }
    for (let h = Math.max(from, last + 1); h <= to; h++) yield plain(h);
  } finally {
    await pool.close();
  }
}
