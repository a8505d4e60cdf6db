/**
 * @module node/blkscan/protocol — messages between the bulk scanner and its worker threads. A job is a run of
 * consecutive best-chain heights as columns (file number, record offset, length; on the undo path each block's
 * undo record too); the worker reads the blocks itself (positioned reads, XOR), runs the WASM core on them and
 * answers with columns as well: one string of block hashes, typed arrays, and entries only for the few
 * blocks that have something. Columns, not an object per block: the early chain has ~200-byte blocks, ~1,000
 * to a job, and an object (and path strings) per block in flight and in every reply was most of the heap a
 * 700,000-block scan left behind for the collector.
 */
import type { ScannedTx } from '../../core/index.ts';
import type { AddressVersions } from '../../chain/script.ts';
import type { TxInput } from '../../virtualchain/index.ts';
import type { ErrorCode } from '../../base/errors.ts';

/** Heights from, from + 1, … (as many as `len`), where their records are. */
export interface BlockJobs {
  from: number;
  /** blk file number, record offset (of its 8-byte header), block length; per block */
  file: Uint32Array; offset: Uint32Array; len: Uint32Array;
  /** resolve pass: the heights (in the job) whose candidates are wanted too */
  scan?: number[];
  /** undo path: each block's record in rev<same number>.dat (offset of its 8-byte header, CBlockUndo size) and,
   * in a rev file holding stale blocks' records too, how many records after it may be the block's instead
   * (chain/revfiles.ts; the column only when a block of the job has some): the worker walks them */
  rev?: { offset: Uint32Array; size: Uint32Array; extra?: Uint32Array };
}
export type ScanMode = 'scan' | 'resolve' | 'undo';
export type ToWorker =
  | { type: 'init'; blocksDir: string; key: Uint8Array; /** hash every tx and require the merkle root (untrusted copies) */ verify?: boolean; /** address versions of the chain (undo path: candidates are built in the worker) */ versions: AddressVersions }
  | { type: 'want'; txids: string[] }
  | { type: 'jobs'; id: number; mode: ScanMode; blocks: BlockJobs };

/** Per job, every mode: the blocks' hashes (64 hex characters each, one string), transaction counts and bytes. */
export interface JobBlocks { from: number; hashes: string; txCount: Uint32Array; bytes: number }
/** Pass 1: also the outpoints the candidate (`id` OP_RETURN, non-coinbase) txs spend, by height. */
export interface ScanResult extends JobBlocks { spends: [number, [string, number][]][] }
/** Pass 2: outputs of wanted transactions found in the job's blocks (height order), and the scanned candidates of the blocks asked for. */
export interface ResolveResult extends JobBlocks { found: [string, { value: bigint; script: Uint8Array }[]][]; txs: [number, Omit<ScannedTx, 'raw'>[]][] }
/**
 * Undo path (one pass): the candidates, senders filled in from the undo records (node/scan.ts candidateFrom), by
 * height. `stop`: no record of its window fits block `height` (damaged): the columns end at the block before it.
 */
export interface UndoResult extends JobBlocks { undoBytes: number; candidates: [number, TxInput[]][]; stop?: { height: number; reason: string } }
export type FromWorker =
  | { type: 'done'; id: number; result: ScanResult | ResolveResult | UndoResult }
  | { type: 'error'; id: number; message: string; code?: ErrorCode };
