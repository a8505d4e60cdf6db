/**
 * @module node/blkscan/protocol — messages between the bulk scanner and its worker threads. A job is a
 * batch of best-chain blocks (file path, record offset, length; for the undo path also the block's undo
 * record); the worker reads them itself (positioned reads, XOR), runs the WASM core on them and answers with
 * small results only.
 */
import type { ScannedTx } from '../../core/index.ts';
import type { AddressVersions } from '../../chain/script.ts';
import type { TxInput } from '../../virtualchain/index.ts';
import type { ErrorCode } from '../../base/errors.ts';

export interface BlockJob {
  height: number; path: string; offset: number; len: number;
  /** resolve pass: also scan for candidates */
  scan?: boolean;
  /** undo path: the block's record in rev<same number>.dat (offset of its 8-byte header, CBlockUndo size) */
  rev?: { path: string; offset: number; size: number; /** records sharing the parent hash (stale siblings'): the worker picks by shape */ alts?: { offset: number; size: number }[] };
}
export type ScanMode = 'scan' | 'resolve' | 'undo';
export type ToWorker =
  | { type: 'init'; key: Uint8Array; /** hash every tx and require the merkle root (untrusted copies) */ verify?: boolean; /** address versions of the chain (undo path: candidates are built in the worker) */ versions: AddressVersions }
  | { type: 'want'; txids: string[] }
  | { type: 'jobs'; id: number; mode: ScanMode; blocks: BlockJob[] };

/** Pass 1: the block's hash and the outpoints its candidate (`id` OP_RETURN, non-coinbase) txs spend. */
export interface ScanResult { height: number; hash: string; prevHash: string; txCount: number; bytes: number; spends: [string, number][] }
/** Pass 2: outputs of wanted transactions found in the block, and its scanned candidates when asked. */
export interface ResolveResult { height: number; found: [string, { value: bigint; script: Uint8Array }[]][]; txs: Omit<ScannedTx, 'raw'>[] | null }
/** Undo path (one pass): the block's candidates, senders filled in from its undo record (node/scan.ts candidateFrom). */
export interface UndoResult { height: number; hash: string; txCount: number; bytes: number; undoBytes: number; candidates: TxInput[] }
export type FromWorker =
  | { type: 'done'; id: number; results: (ScanResult | ResolveResult | UndoResult)[] }
  | { type: 'error'; id: number; message: string; code?: ErrorCode };
