/**
 * @module bitcoin/scan — `scanBlock`: one call per block for the virtualchain. Validates and hashes the
 * block like parseBlock (txids and merkle root; no wtxids) and emits one variable-length record per
 * transaction having an OP_RETURN output whose pushed data starts with the magic (Blockstack: "id"),
 * carrying everything the virtualchain needs: txid, vtxindex, outpoints, scriptSigs, witnesses, output
 * scripts and values. Byte strings are given as offsets into the block (layout in ABI.md §scanBlock).
 */
import { inputPtr, outputReserve, setOutputLen } from '../mem';
import { E_BAD_ARG, E_TRAILING, E_TOO_LARGE } from '../errors';
import { fail, readVarint, rErr, skipBytes, vNext } from './reader';
import { walkTx, putTxidEntry, copyStripped, strippedSizeOfWalked, txNIn, txNOut, txSegwit, txBody, txBodyEnd, txOutStart } from './tx';
import { merkleReduce, merkleTmpSize } from './merkle';
import { sha256dMulti } from '../hash/sha256-multi';
import { sha256dInto } from '../hash/sha256';
import { beginBlock, blockTxCount, SUMMARY_SIZE, BF_MERKLE_OK, BF_MUTATED, BF_SEGWIT } from './block';

export const SCAN_HEADER_SIZE: usize = 88;
export const SCAN_INPUT_SIZE: usize = 28;
export const SCAN_OUTPUT_SIZE: usize = 16;

/** Set by `matchOutput`: pointer to the matching push data and its length. */
let mData: usize = 0;
let mLen: usize = 0;

/**
 * Is the output script [s, s+n) `OP_RETURN <push>` whose data starts with the `magicLen` bytes of
 * `magic` (packed little-endian)? Direct pushes (1..75), PUSHDATA1 and PUSHDATA2 are recognised.
 */
function matchOutput(s: usize, n: usize, magic: u32, magicLen: u32): bool {
  if (n < 2 || load<u8>(s) != 0x6a) return false;
  const op = <usize>load<u8>(s, 1);
  let d: usize;
  let dl: usize;
  if (op >= 1 && op <= 75) { d = s + 2; dl = op; }
  else if (op == 0x4c && n >= 3) { d = s + 3; dl = <usize>load<u8>(s, 2); }
  else if (op == 0x4d && n >= 4) { d = s + 4; dl = <usize>load<u16>(s, 2); }
  else return false;
  if (d + dl > s + n || dl < <usize>magicLen) return false;
  for (let k: u32 = 0; k < magicLen; k++) {
    if (load<u8>(d + k) != <u8>(magic >> (k << 3))) return false;
  }
  mData = d; mLen = dl;
  return true;
}

/** Index of the first matching output of the walked tx, or -1. */
function findMatch(end: usize, magic: u32, magicLen: u32): i32 {
  let p = txOutStart;
  readVarint(p, end);
  p = vNext;
  for (let i: u32 = 0; i < txNOut; i++) {
    const after = skipBytes(p + 8, end);
    if (matchOutput(vNext, after - vNext, magic, magicLen)) return <i32>i;
    p = after;
  }
  return -1;
}

/** Write the record of the walked tx [start, stop) at `rec`; returns its size. */
function emitRecord(rec: usize, base: usize, start: usize, stop: usize, vtx: u32, outIdx: i32): usize {
  const nIn = txNIn;
  const nOut = txNOut;
  store<u32>(rec, vtx, 32);
  store<u32>(rec, <u32>(start - base), 36);
  store<u32>(rec, <u32>(stop - start), 40);
  store<u32>(rec, nIn, 44);
  store<u32>(rec, nOut, 48);
  store<u32>(rec, <u32>outIdx, 52);
  store<u32>(rec, <u32>(mData - base), 56);
  store<u32>(rec, <u32>mLen, 60);
  store<u32>(rec, load<u32>(start), 64);
  store<u32>(rec, load<u32>(stop - 4), 68);
  store<u32>(rec, txSegwit ? 1 : 0, 72);
  const size = SCAN_HEADER_SIZE + <usize>nIn * SCAN_INPUT_SIZE + <usize>nOut * SCAN_OUTPUT_SIZE;
  store<u32>(rec, <u32>size, 76);
  store<u32>(rec, <u32>(txBody - base), 80);
  store<u32>(rec, <u32>(txBodyEnd - base), 84);
  let q = rec + SCAN_HEADER_SIZE;
  readVarint(txBody, stop);
  let p = vNext;
  for (let i: u32 = 0; i < nIn; i++) {
    const after = skipBytes(p + 36, stop);
    store<u32>(q, <u32>(p - base), 0);
    store<u32>(q, load<u32>(p, 32), 4);
    store<u32>(q, <u32>(vNext - base), 8);
    store<u32>(q, <u32>(after - vNext), 12);
    store<u32>(q, load<u32>(after), 16);
    store<u32>(q, 0, 20);
    store<u32>(q, 0, 24);
    p = after + 4;
    q += SCAN_INPUT_SIZE;
  }
  readVarint(p, stop);
  p = vNext;
  for (let i: u32 = 0; i < nOut; i++) {
    const after = skipBytes(p + 8, stop);
    store<u64>(q, load<u64>(p), 0);
    store<u32>(q, <u32>(vNext - base), 8);
    store<u32>(q, <u32>(after - vNext), 12);
    p = after;
    q += SCAN_OUTPUT_SIZE;
  }
  if (txSegwit) {
    p = txBodyEnd;
    q = rec + SCAN_HEADER_SIZE;
    for (let i: u32 = 0; i < nIn; i++) {
      const k = <u32>readVarint(p, stop);
      store<u32>(q, <u32>(p - base), 20);
      store<u32>(q, k, 24);
      p = vNext;
      for (let j: u32 = 0; j < k; j++) p = skipBytes(p, stop);
      q += SCAN_INPUT_SIZE;
    }
  }
  return size;
}

/**
 * Scan the block of `len` input bytes for OP_RETURN outputs starting with the first `magicLen` (0..4)
 * bytes of `magic` (little-endian packed: "id" = 0x6469). Returns the output length or an error code.
 */
export function scanBlock(len: i32, magic: u32, magicLen: i32): i32 {
  return scanImpl(len, magic, magicLen, true);
}

/**
 * `scanBlock` for blocks a full node already validated (Core's datadir): the same walk and length checks
 * and the same records, but only the matching transactions and the header are hashed — no txid array
 * (txidsOff 0), no merkle root (zeros, flag 1 clear). Hashing every txid is most of scanBlock's cost.
 */
export function scanBlockTrusted(len: i32, magic: u32, magicLen: i32): i32 {
  return scanImpl(len, magic, magicLen, false);
}

function scanImpl(len: i32, magic: u32, magicLen: i32, hashAll: bool): i32 {
  const base = inputPtr();
  let p = beginBlock(base, len);
  if (p == 0) return rErr;
  if (magicLen < 0 || magicLen > 4) { fail(E_BAD_ARG, base); return rErr; }
  const end = base + <usize>len;
  const n = <usize>blockTxCount;
  const txidsOff = SUMMARY_SIZE;
  const scratchOff = hashAll ? txidsOff + (n << 5) : txidsOff;
  const recsOff = hashAll ? scratchOff + ((n + 1) << 5) : txidsOff;
  // scratch after the records' worst case: merkle buffer, hash table, stripped copies of segwit txs
  const tmpOff = recsOff + n * SCAN_HEADER_SIZE + (<usize>len << 1);
  const tblOff = tmpOff + (hashAll ? merkleTmpSize(n) : 0);
  const stripOff = tblOff + (hashAll ? n * 12 : 0);
  const out = outputReserve(stripOff + <usize>len);
  if (out == 0) return E_TOO_LARGE;
  let strip = out + stripOff;
  memory.fill(out, 0, SUMMARY_SIZE);
  let flags: u32 = 0;
  let inputs: u32 = 0;
  let outputs: u32 = 0;
  let stripped: usize = p - base;
  let q = out + recsOff;
  let matches: u32 = 0;
  for (let i: usize = 0; i < n; i++) {
    const start = p;
    p = walkTx(p, end);
    if (p == 0) return rErr;
    if (hashAll) {
      const e = out + tblOff + i * 12;
      strip = putTxidEntry(e, start, p, strip);
      store<u32>(e, <u32>(out + txidsOff + (i << 5)), 8);
    }
    if (txSegwit) flags |= BF_SEGWIT;
    stripped += strippedSizeOfWalked(start, p);
    inputs += txNIn;
    outputs += txNOut;
    const m = findMatch(p, magic, <u32>magicLen);
    if (m >= 0) {
      const r = q;
      q += emitRecord(q, base, start, p, <u32>i, m);
      matches++;
      if (!hashAll) { // the txid of this match only
        if (txSegwit) sha256dInto(strip, copyStripped(start, p, strip), r);
        else sha256dInto(start, p - start, r);
      }
    }
  }
  if (p != end) { fail(E_TRAILING, p); return rErr; }
  if (hashAll) {
    sha256dMulti(out + tblOff, n);
    for (let r = out + recsOff; r < q; r += <usize>load<u32>(r, 76)) {
      memory.copy(r, out + txidsOff + (<usize>load<u32>(r, 32) << 5), 32);
    }
    const scratch = out + scratchOff;
    memory.copy(scratch, out + txidsOff, n << 5);
    if (merkleReduce(scratch, out + tmpOff, n)) flags |= BF_MUTATED;
    memory.copy(out + 40, scratch, 32);
    if (memory.compare(scratch, base + 36, 32) == 0) flags |= BF_MERKLE_OK;
  }
  sha256dInto(base, 80, out + 8);
  const recsLen = q - (out + recsOff);
  store<u32>(out, <u32>n, 0);
  store<u32>(out, flags, 4);
  store<u32>(out, inputs, 104);
  store<u32>(out, outputs, 108);
  store<u32>(out, <u32>stripped, 112);
  store<u32>(out, <u32>(stripped * 3 + <usize>len), 116);
  store<u32>(out, hashAll ? <u32>txidsOff : 0, 120);
  store<u32>(out, 0, 124);
  store<u32>(out, <u32>recsOff, 128);
  store<u32>(out, matches, 132);
  store<u32>(out, <u32>recsLen, 136);
  setOutputLen(recsOff + recsLen);
  return <i32>(recsOff + recsLen);
}
