/**
 * @module virtualchain/consensus — per-block consensus hash (consensus.md): op serialization, the
 * sorted "display hex" merkle root and the skip-list chaining of earlier consensus hashes.
 * `blockConsensusHash` runs in the WASM core (one call per block); the TS functions here are the
 * reference implementation the tests cross-check the core against.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ascii, fromHex, hash160, toHex } from './codec.ts';
import { consensusBlockCore } from './core-calls.ts';
import { HexColumn } from '../base/hex-column.ts';

/** One serialized field: [name, text]. Names are not hashed; they document the record. */
export type Field = [string, string];
/**
 * A record as hashed: opcode and fields. `values` (optional): the fields' texts in order, which the records
 * the state machine builds carry (records.ts RecordOp) so that serializing needs no field pairs.
 */
export interface SerializedOp { opcode: string; fields: Field[]; readonly values?: readonly string[] }

export const GENESIS_CONSENSUS_HASH = '17ac43c1d8549c3181b200f1bf97eb7d';
export const EMPTY_LEAF = '5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456';

const NON_ASCII = /[^\x00-\x7f]/;

/** `opcode ":" len ":" text ("," len ":" text)*` (consensus.md §2.1); len is the text's byte length (UTF-8). */
export function serializeOp(op: SerializedOp): string {
  const v = op.values ?? op.fields.map((f) => f[1]);
  let s = op.opcode + ':';
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + v[i].length + ':' + v[i];
  // Every value is ASCII (consensus.md §2.1), where the byte length is the string length; guard anyway.
  return NON_ASCII.test(s) ? serializeUtf8(op.opcode, v) : s;
}

function serializeUtf8(opcode: string, v: readonly string[]): string {
  let s = opcode + ':';
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + ascii(v[i]).length + ':' + v[i];
  return s;
}

const sha256d = (b: Uint8Array): Uint8Array => sha256(sha256(b));

export function opLeaf(op: SerializedOp): string {
  return toHex(sha256d(ascii(serializeOp(op))));
}

/** Merkle root over display-order hex strings (caller sorts), consensus.md §4. */
export function merkleRootHex(hexes: string[]): string {
  if (hexes.length === 0) throw new RangeError('"merkle" expected at least one leaf');
  let level = hexes.map((h) => fromHex(h).reverse());
  while (level.length > 1) {
    if (level.length % 2) level.push(level[level.length - 1]);
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const ab = new Uint8Array(level[i].length + level[i + 1].length);
      ab.set(level[i]); ab.set(level[i + 1], level[i].length);
      next.push(sha256d(ab));
    }
    level = next;
  }
  return toHex(level[0].slice().reverse());
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function opsHash(leaves: string[]): string {
  const l = leaves.length ? [...leaves].sort(byString) : [EMPTY_LEAF];
  return merkleRootHex(l);
}

/** Heights whose consensus hashes are chained into block `height`: h-1, h-3, h-7, … ≥ firstBlock. */
export function prevHeights(height: number, firstBlock: number): number[] {
  const out: number[] = [];
  for (let i = 1; height - (2 ** i - 1) >= firstBlock; i++) out.push(height - (2 ** i - 1));
  return out;
}

export function chainConsensusHash(opsHashHex: string, prevHashes: string[]): string {
  const all = [...prevHashes, opsHashHex].sort(byString);
  const root = merkleRootHex(all);
  return toHex(hash160(fromHex(root)).subarray(0, 16));
}

/** Consensus hash of a block from its accepted ops and a lookup of earlier hashes (one core call). */
export function blockConsensusHash(
  ops: SerializedOp[], height: number, firstBlock: number, lookup: (h: number) => string | undefined,
): { opsHash: string; consensusHash: string; leaves: string[] } {
  return serializedConsensusHash(ops.map(serializeOp), height, firstBlock, lookup);
}

/** blockConsensusHash of ops already serialized (serializeOp), so a caller that keeps them serializes once. */
export function serializedConsensusHash(
  serialized: string[], height: number, firstBlock: number, lookup: ((h: number) => string | undefined) | HexColumn,
): { opsHash: string; consensusHash: string; leaves: string[] } {
  // from a HexColumn (the state's consensus hashes) the bytes go to the core as they are: no hex string per
  // earlier hash and block (~20 a block; 700,000 blocks: ~1.4 s of hex out and back in)
  const get = lookup instanceof HexColumn ? (h: number) => lookup.bytesAt(h) ?? lookup.get(h) : lookup;
  const prev = prevHeights(height, firstBlock).map((h) => {
    const v = get(h);
    if (v === undefined) throw new RangeError(`"consensus" missing hash of block ${h}`);
    return v;
  });
  return consensusBlockCore(serialized, prev);
}
