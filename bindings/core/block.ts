/**
 * @module block — `parseBlock` and `merkleRoot` over the core (ABI.md §parseBlock, §merkleRoot).
 * One core call per block; the result arena is copied out once and everything else (hex strings, per-tx
 * objects) is derived lazily from that copy.
 */
import { core, mem, writeInput, check } from './wasm.ts';
import { toHex, toHexReversed, hashesToHexReversed } from './hex.ts';

/** Summary flags (ABI.md §Block summary). */
export const BLOCK_FLAGS = {
  MERKLE_OK: 1, SEGWIT: 2, COMMITMENT: 4, COMMITMENT_OK: 8, MUTATED: 16, WITNESS_ROOT: 32,
} as const;

const TX_RECORD = 32;

/** One transaction of a parsed block. Hashes are display-order hex, computed on first access. */
export class BlockTx {
  /** Index in the block (vtxindex; coinbase = 0). */
  readonly index: number;
  readonly #block: ParsedBlock;
  #txid?: string;
  #wtxid?: string;
  constructor(block: ParsedBlock, index: number) {
    this.#block = block;
    this.index = index;
  }
  get txid(): string { return (this.#txid ??= this.#block.txidHex(this.index)); }
  /** The witness txid (BIP141); the coinbase's is 64 zeros, as in the witness commitment. */
  get wtxid(): string { return (this.#wtxid ??= this.#block.wtxidHex(this.index)); }
  /** txid in internal (wire) order. */
  txidBytes(): Uint8Array { const o = this.#block.txidOff(this.index); return this.#block.raw.slice(o, o + 32); }
  wtxidBytes(): Uint8Array { const o = this.#block.wtxidOff(this.index); return this.#block.raw.slice(o, o + 32); }
  #u32(k: number): number { return this.#block.dv.getUint32(this.#block.recOff(this.index) + k, true); }
  /** Byte offset of the transaction within the block. */
  get offset(): number { return this.#u32(0); }
  /** Serialized size including witness data. */
  get size(): number { return this.#u32(4); }
  /** Size of the non-witness serialization (what the txid hashes). */
  get strippedSize(): number { return this.#u32(8); }
  get inputCount(): number { return this.#u32(12); }
  get outputCount(): number { return this.#u32(16); }
  get segwit(): boolean { return this.#u32(20) !== 0; }
  get lockTime(): number { return this.#u32(28); }
}

/** The result of parseBlock. `txs` is built on first access. */
export class ParsedBlock {
  /** Copy of the core's result arena (summary, txids, wtxids, records). */
  readonly raw: Uint8Array;
  readonly dv: DataView;
  readonly header: Uint8Array;
  #txs?: BlockTx[];
  #txidsHex?: string;
  #wtxidsHex?: string;
  #txidsOff: number;
  #wtxidsOff: number;
  #recsOff: number;
  constructor(raw: Uint8Array, header: Uint8Array) {
    this.raw = raw;
    this.header = header;
    this.dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    this.#txidsOff = this.dv.getUint32(120, true);
    this.#wtxidsOff = this.dv.getUint32(124, true);
    this.#recsOff = this.dv.getUint32(128, true);
  }
  txidOff(i: number): number { return this.#txidsOff + 32 * i; }
  wtxidOff(i: number): number { return this.#wtxidsOff + 32 * i; }
  recOff(i: number): number { return this.#recsOff + TX_RECORD * i; }
  /** Display hex of txid i (all txids are hex-encoded together on first use). */
  txidHex(i: number): string {
    this.#txidsHex ??= hashesToHexReversed(this.raw, this.#txidsOff, this.txCount);
    return this.#txidsHex.slice(64 * i, 64 * i + 64);
  }
  wtxidHex(i: number): string {
    this.#wtxidsHex ??= hashesToHexReversed(this.raw, this.#wtxidsOff, this.txCount);
    return this.#wtxidsHex.slice(64 * i, 64 * i + 64);
  }
  get txCount(): number { return this.dv.getUint32(0, true); }
  get flags(): number { return this.dv.getUint32(4, true); }
  /** Block hash (double SHA-256 of the header), display hex. */
  get hash(): string { return toHexReversed(this.raw, 8, 40); }
  /** Merkle root recomputed from the txids, display hex. */
  get merkleRoot(): string { return toHexReversed(this.raw, 40, 72); }
  /** The merkle root the header commits to, display hex. */
  get headerMerkleRoot(): string { return toHexReversed(this.header, 36, 68); }
  get merkleOk(): boolean { return (this.flags & BLOCK_FLAGS.MERKLE_OK) !== 0; }
  /** CVE-2012-2459: the txid tree has identical siblings (a mutated copy of a valid block). */
  get mutated(): boolean { return (this.flags & BLOCK_FLAGS.MUTATED) !== 0; }
  /** Witness merkle root (internal hex) for blocks with segwit txs or a commitment, else null. */
  get witnessRoot(): string | null { return this.flags & BLOCK_FLAGS.WITNESS_ROOT ? toHex(this.raw, 72, 104) : null; }
  /** BIP141 witness commitment of the coinbase: absent, or whether it matches the witness root. */
  get witnessCommitment(): 'none' | 'valid' | 'invalid' {
    const f = this.flags;
    return f & BLOCK_FLAGS.COMMITMENT ? (f & BLOCK_FLAGS.COMMITMENT_OK ? 'valid' : 'invalid') : 'none';
  }
  get version(): number { return new DataView(this.header.buffer, this.header.byteOffset).getInt32(0, true); }
  get prevHash(): string { return toHexReversed(this.header, 4, 36); }
  get time(): number { return new DataView(this.header.buffer, this.header.byteOffset).getUint32(68, true); }
  get bits(): number { return new DataView(this.header.buffer, this.header.byteOffset).getUint32(72, true); }
  get nonce(): number { return new DataView(this.header.buffer, this.header.byteOffset).getUint32(76, true); }
  get inputCount(): number { return this.dv.getUint32(104, true); }
  get outputCount(): number { return this.dv.getUint32(108, true); }
  get strippedSize(): number { return this.dv.getUint32(112, true); }
  get weight(): number { return this.dv.getUint32(116, true); }
  get txs(): BlockTx[] {
    if (!this.#txs) {
      const n = this.txCount;
      const txs = new Array<BlockTx>(n);
      for (let i = 0; i < n; i++) txs[i] = new BlockTx(this, i);
      this.#txs = txs;
    }
    return this.#txs;
  }
  /** All txids in internal order, back to back (n × 32 bytes; a view). */
  txidsBytes(): Uint8Array { return this.raw.subarray(this.#txidsOff, this.#txidsOff + 32 * this.txCount); }
}

/**
 * Parse a serialized block in one core call: header hash, every txid and wtxid, merkle root, witness
 * commitment. Throws CoreError (code, offset) on malformed input.
 */
export function parseBlock(bytes: Uint8Array): ParsedBlock {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`"bytes" expected Uint8Array, got ${typeof bytes}`);
  const header = bytes.slice(0, 80); // before the call: `bytes` may be a view of core memory, which the call can detach
  writeInput(bytes);
  const ex = core();
  const n = check(ex.parseBlock(bytes.length), 'parseBlock');
  const p = ex.outputPtr();
  return new ParsedBlock(mem().slice(p, p + n), header);
}

/**
 * Merkle root of 32-byte internal-order hashes (Bitcoin's rule: odd levels duplicate their last node).
 * Returns the 32-byte internal-order root.
 */
export function merkleRoot(hashes: Uint8Array[] | Uint8Array): Uint8Array {
  const ex = core();
  let count: number;
  if (hashes instanceof Uint8Array) {
    if (hashes.length % 32 !== 0) throw new RangeError(`"hashes" expected a multiple of 32 bytes, got ${hashes.length}`);
    count = hashes.length / 32;
    writeInput(hashes);
  } else {
    count = hashes.length;
    const base = ex.inputReserve(count * 32);
    const u8 = mem();
    for (let i = 0; i < count; i++) {
      const h = hashes[i];
      if (!(h instanceof Uint8Array) || h.length !== 32) throw new RangeError(`"hashes[${i}]" expected 32 bytes, got ${h?.length}`);
      u8.set(h, base + 32 * i);
    }
  }
  check(ex.merkleRoot(count), 'merkleRoot');
  const p = ex.outputPtr();
  return mem().slice(p, p + 32);
}
