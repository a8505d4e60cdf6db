/**
 * @module chain/source — the one interface every chain source implements (embedded devnet, bitcoind
 * JSON-RPC, Core blk*.dat files). The node pulls blocks by height up to `confirmedHeight()`, asks for
 * the outputs spent by a transaction's inputs (the naming rules need each sender's script and value),
 * and detects reorgs by comparing `blockHash(h)` with the hash it indexed at h (previous-hash linkage).
 */
import type { AddressVersions } from './script.ts';

export interface SourceBlock { height: number; hash: string; prevHash: string; time: number; raw: Uint8Array }
export interface PrevOut { value: bigint; script: Uint8Array }

export interface ChainSource {
  readonly kind: 'devnet' | 'rpc' | 'blkfiles';
  /** `main` | `test` | `regtest` | `devnet` */
  readonly network: string;
  readonly addressVersions: AddressVersions;
  /** Height of the best block minus (confirmations - 1); -1 when nothing is usable yet. */
  confirmedHeight(): Promise<number>;
  /** Height of the best block known to the source (for progress / staleness). */
  tipHeight(): Promise<number>;
  blockHash(height: number): Promise<string | null>;
  block(height: number): Promise<SourceBlock>;
  /** Outputs spent by the given outpoints, in order (null when the source cannot find one). */
  prevOuts(outpoints: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]>;
  close(): Promise<void>;
}

/** First block the naming layer indexes, per network (Blockstack mainnet: 373601). */
export const FIRST_BLOCK: Record<string, number> = { main: 373601, test: 0, regtest: 0 };
