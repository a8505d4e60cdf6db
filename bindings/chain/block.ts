/**
 * @module chain/block — block header and block serialization (Core primitives/block.h), merkle root
 * (consensus/merkle.cpp, duplicating the last hash on odd levels), compact-target proof of work.
 */
import { concat, hashToHex, hexToHash, Reader, sha256d, Writer } from './bytes.ts';
import { ChainError } from './errors.ts';
import { readTx, txid, writeTx, type Tx } from './tx.ts';

export interface BlockHeader { version: number; prevHash: string; merkleRoot: string; time: number; bits: number; nonce: number }
export interface Block { header: BlockHeader; txs: Tx[] }

export function encodeHeader(h: BlockHeader): Uint8Array {
  return new Writer().i32(h.version).bytes(hexToHash(h.prevHash)).bytes(hexToHash(h.merkleRoot)).u32(h.time).u32(h.bits).u32(h.nonce).finish();
}
export function readHeader(r: Reader): BlockHeader {
  return { version: r.i32(), prevHash: hashToHex(r.bytes(32)), merkleRoot: hashToHex(r.bytes(32)), time: r.u32(), bits: r.u32(), nonce: r.u32() };
}
export const headerHash = (h: BlockHeader): string => hashToHex(sha256d(encodeHeader(h)));
/** The hash of a raw block (its first 80 bytes). */
export const rawBlockHash = (raw: Uint8Array): string => hashToHex(sha256d(raw.subarray(0, 80)));

export function encodeBlock(b: Block): Uint8Array {
  const w = new Writer().bytes(encodeHeader(b.header)).varint(b.txs.length);
  for (const t of b.txs) writeTx(w, t, true);
  return w.finish();
}
export function decodeBlock(raw: Uint8Array): Block {
  const r = new Reader(raw);
  const header = readHeader(r);
  const n = r.varint();
  const txs: Tx[] = [];
  for (let i = 0; i < n; i++) txs.push(readTx(r));
  if (r.left !== 0) throw new ChainError('E_BAD_BLOCK', `${r.left} trailing bytes after block`);
  return { header, txs };
}

export function merkleRoot(txids: string[]): string {
  if (txids.length === 0) return '0'.repeat(64);
  let level = txids.map(hexToHash);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(sha256d(concat(level[i], level[i + 1] ?? level[i])));
    level = next;
  }
  return hashToHex(level[0]);
}
export const blockMerkleRoot = (txs: Tx[]): string => merkleRoot(txs.map(txid));

/** Target from compact bits (arith_uint256::SetCompact). */
export function targetFromBits(bits: number): bigint {
  const exp = bits >>> 24;
  const mant = BigInt(bits & 0x007fffff);
  return exp <= 3 ? mant >> BigInt(8 * (3 - exp)) : mant << BigInt(8 * (exp - 3));
}
export const checkProofOfWork = (hash: string, bits: number): boolean => BigInt('0x' + hash) <= targetFromBits(bits);

/** Grinds the nonce until the header meets its target (regtest bits make this ~2 tries). */
export function mineHeader(h: BlockHeader): BlockHeader {
  const target = targetFromBits(h.bits);
  for (let nonce = h.nonce; nonce <= 0xffffffff; nonce++) {
    const c = { ...h, nonce };
    if (BigInt('0x' + headerHash(c)) <= target) return c;
  }
  throw new ChainError('E_POW_EXHAUSTED', 'no nonce meets the target; change the time and retry');
}
