/**
 * @module scan — `scanBlock(bytes, magic)`: the virtualchain's one call per block (ABI.md §scanBlock).
 * Returns the block's hash and merkle check plus every transaction with an OP_RETURN output whose data
 * starts with `magic`, with its inputs (outpoints, scriptSigs, witnesses) and outputs (values, scripts).
 */
import { core, mem, writeInput, check, inCoreMemory, inputBytes } from './wasm.ts';
import { toHexReversed } from './hex.ts';
import { BLOCK_FLAGS } from './block.ts';

export interface ScanInput {
  /** Funding txid, display hex. */
  prevTxid: string;
  prevVout: number;
  scriptSig: Uint8Array;
  sequence: number;
  /** Witness stack items (empty for legacy inputs). */
  witness: Uint8Array[];
}

export interface ScanOutput {
  /** Satoshis (exact: any valid amount is below 2^53). */
  value: number;
  script: Uint8Array;
}

export interface ScannedTx {
  txid: string;
  /** Position in the block (coinbase = 0). */
  vtxindex: number;
  version: number;
  lockTime: number;
  segwit: boolean;
  /** Index of the first OP_RETURN output whose data starts with the magic. */
  opReturnIndex: number;
  /** That output's pushed data, magic included. */
  opReturnData: Uint8Array;
  inputs: ScanInput[];
  outputs: ScanOutput[];
  /** The non-witness serialization (what the txid hashes). */
  raw: Uint8Array;
}

export interface ScanResult {
  hash: string;
  merkleRoot: string;
  merkleOk: boolean;
  txCount: number;
  /** All txids in internal order, back to back (txCount × 32 bytes). */
  txids: Uint8Array;
  txs: ScannedTx[];
}

export function magicWord(magic: string | Uint8Array): [number, number] {
  const m = typeof magic === 'string' ? new TextEncoder().encode(magic) : magic;
  if (!(m instanceof Uint8Array) || m.length > 4) throw new RangeError(`"magic" expected 0..4 bytes, got ${m?.length}`);
  let w = 0;
  for (let i = m.length - 1; i >= 0; i--) w = (w << 8) | m[i];
  return [w >>> 0, m.length];
}

function readWitness(b: Uint8Array, dv: DataView, off: number, items: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = off;
  const varint = (): number => {
    const x = b[p];
    if (x < 0xfd) { p += 1; return x; }
    if (x === 0xfd) { p += 3; return dv.getUint16(p - 2, true); }
    p += 5;
    return dv.getUint32(p - 4, true);
  };
  varint();
  for (let i = 0; i < items; i++) {
    const n = varint();
    out.push(b.slice(p, p + n));
    p += n;
  }
  return out;
}

/**
 * Scan a block for OP_RETURN payloads starting with `magic` (default "id", Blockstack's). `trusted`: the
 * block was validated by a full node — only the matches (and the header) are hashed (ABI.md
 * §scanBlockTrusted): `txids` is empty, `merkleRoot` zeros and `merkleOk` false.
 */
export function scanBlock(bytes: Uint8Array, magic: string | Uint8Array = 'id', opts: { trusted?: boolean } = {}): ScanResult {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`"bytes" expected Uint8Array, got ${typeof bytes}`);
  const [w, wl] = magicWord(magic);
  const inArena = inCoreMemory(bytes);
  const len = bytes.length;
  writeInput(bytes);
  const ex = core();
  const n = opts.trusted ? check(ex.scanBlockTrusted(len, w, wl), 'scanBlockTrusted') : check(ex.scanBlock(len, w, wl), 'scanBlock');
  const p = ex.outputPtr();
  const out = mem().slice(p, p + n);
  const o = new DataView(out.buffer);
  const b = inArena ? inputBytes(len) : bytes; // the call may have grown memory (detaching a view of the arena)
  const bdv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const txCount = o.getUint32(0, true);
  const txidsOff = o.getUint32(120, true);
  const matches = o.getUint32(132, true);
  let r = o.getUint32(128, true);
  const txs: ScannedTx[] = [];
  for (let k = 0; k < matches; k++) {
    const u = (x: number) => o.getUint32(r + x, true);
    const nIn = u(44), nOut = u(48), txOff = u(36), txSize = u(40), bodyOff = u(80), bodyEnd = u(84);
    const payOff = u(56);
    const inputs: ScanInput[] = [];
    let q = r + 88;
    for (let i = 0; i < nIn; i++, q += 28) {
      const v = (x: number) => o.getUint32(q + x, true);
      const prev = v(0), sOff = v(8), sLen = v(12);
      inputs.push({
        prevTxid: toHexReversed(b, prev, prev + 32),
        prevVout: v(4),
        scriptSig: b.slice(sOff, sOff + sLen),
        sequence: v(16),
        witness: v(20) ? readWitness(b, bdv, v(20), v(24)) : [],
      });
    }
    const outputs: ScanOutput[] = [];
    for (let i = 0; i < nOut; i++, q += 16) {
      const sOff = o.getUint32(q + 8, true), sLen = o.getUint32(q + 12, true);
      outputs.push({
        value: o.getUint32(q, true) + o.getUint32(q + 4, true) * 0x100000000,
        script: b.slice(sOff, sOff + sLen),
      });
    }
    const raw = new Uint8Array(8 + bodyEnd - bodyOff);
    raw.set(b.subarray(txOff, txOff + 4), 0);
    raw.set(b.subarray(bodyOff, bodyEnd), 4);
    raw.set(b.subarray(txOff + txSize - 4, txOff + txSize), 4 + bodyEnd - bodyOff);
    txs.push({
      txid: toHexReversed(out, r, r + 32),
      vtxindex: u(32),
      version: o.getInt32(r + 64, true),
      lockTime: u(68),
      segwit: u(72) !== 0,
      opReturnIndex: u(52),
      opReturnData: b.slice(payOff, payOff + u(60)),
      inputs,
      outputs,
      raw,
    });
    r += u(76);
  }
  return {
    hash: toHexReversed(out, 8, 40),
    merkleRoot: toHexReversed(out, 40, 72),
    merkleOk: (o.getUint32(4, true) & BLOCK_FLAGS.MERKLE_OK) !== 0,
    txCount,
    txids: txidsOff ? out.slice(txidsOff, txidsOff + 32 * txCount) : new Uint8Array(0),
    txs,
  };
}
