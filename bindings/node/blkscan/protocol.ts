/**
 * @module node/blkscan/protocol — messages between the bulk scanner and its worker threads. A job is a
 * batch of best-chain blocks (file path, record offset, length); the worker reads them itself (positioned
 * reads, XOR), runs the WASM core on them and answers with small results only.
 */
import type { ScannedTx } from '../../core/index.ts';

export interface BlockJob { height: number; path: string; offset: number; len: number; /** resolve pass: also scan for candidates */ scan?: boolean }
export type ToWorker =
  | { type: 'init'; key: Uint8Array }
  | { type: 'want'; txids: string[] }
  | { type: 'jobs'; id: number; mode: 'scan' | 'resolve'; blocks: BlockJob[] };

/** Pass 1: the block's hash and the outpoints its candidate (`id` OP_RETURN, non-coinbase) txs spend. */
export interface ScanResult { height: number; hash: string; prevHash: string; txCount: number; bytes: number; spends: [string, number][] }
/** Pass 2: outputs of wanted transactions found in the block, and its scanned candidates when asked. */
export interface ResolveResult { height: number; found: [string, { value: bigint; script: Uint8Array }[]][]; txs: Omit<ScannedTx, 'raw'>[] | null }
export type FromWorker =
  | { type: 'done'; id: number; results: (ScanResult | ResolveResult)[] }
  | { type: 'error'; id: number; message: string };
