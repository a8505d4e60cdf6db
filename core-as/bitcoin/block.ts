/**
 * @module bitcoin/block — `parseBlock`: one call per block. Walks the header and every transaction,
 * computes the block hash, all txids and wtxids, the merkle root and (for segwit blocks) the witness root
 * and BIP141 commitment check, and writes the summary, hash arrays and per-transaction records to the
 * output arena (layout in ABI.md §parseBlock). No allocation besides growing the arena.
 */
import { inputPtr, inputCap, outputReserve, setOutputLen } from '../mem';
import { E_BAD_ARG, E_COUNT, E_NO_TXS, E_TOO_LARGE, E_TRAILING, E_TRUNCATED } from '../errors';
import { sha256dInto } from '../hash/sha256';
import { fail, readerInit, readVarint, rErr, skipBytes, vNext } from './reader';
import { walkTx, putTxidEntry, strippedSizeOfWalked, txNIn, txNOut, txSegwit, txBodyEnd, txOutStart } from './tx';
import { merkleReduce, merkleTmpSize } from './merkle';
import { sha256dMulti } from '../hash/sha256-multi';

export const SUMMARY_SIZE: usize = 160;
/** Largest block accepted (4× Bitcoin's 4 MB weight limit): bounds the result arena (~21 bytes per input byte worst case). */
export const MAX_BLOCK_BYTES: i32 = 16 << 20;
export const TX_RECORD_SIZE: usize = 32;

export const BF_MERKLE_OK: u32 = 1;
export const BF_SEGWIT: u32 = 2;
export const BF_COMMITMENT: u32 = 4;
export const BF_COMMITMENT_OK: u32 = 8;
export const BF_MUTATED: u32 = 16;
export const BF_WITNESS_ROOT: u32 = 32;

const TMP: usize = memory.data(64, 16);

/** Read the header and transaction count; returns the pointer to the first transaction, or 0. */
export function beginBlock(base: usize, len: i32): usize {
  readerInit(base);
  if (len < 0) return fail(E_BAD_ARG, base);
  if (<usize>len > inputCap() || len > MAX_BLOCK_BYTES) return fail(E_TOO_LARGE, base);
  const end = base + <usize>len;
  if (len < 81) return fail(E_TRUNCATED, end);
  const n = readVarint(base + 80, end);
  if (n == u64.MAX_VALUE) return 0;
  if (n == 0) return fail(E_NO_TXS, base + 80);
  if (n * 10 > <u64>(end - vNext)) return fail(E_COUNT, base + 80);
  blockTxCount = <u32>n;
  return vNext;
}

/** Transaction count read by the last `beginBlock`. */
export let blockTxCount: u32 = 0;

/** Pointer to the script of the coinbase's last witness-commitment output (6a24aa21a9ed…), or 0. */
export function findCommitment(outStart: usize, nOut: u32, end: usize): usize {
  let p = outStart;
  const n = readVarint(p, end);
  p = vNext;
  let found: usize = 0;
  for (let i: u32 = 0; i < nOut; i++) {
    p += 8;
    const after = skipBytes(p, end);
    const script = vNext;
    if (after - script >= 38 && load<u32>(script) == 0x21aa246a && load<u16>(script, 4) == 0xeda9) found = script;
    p = after;
  }
  return n == <u64>nOut ? found : 0;
}

/** Parse the block of `len` input bytes. Returns the output length, or a negative error code. */
export function parseBlock(len: i32): i32 {
  const base = inputPtr();
  let p = beginBlock(base, len);
  if (p == 0) return rErr;
  const end = base + <usize>len;
  const n = <usize>blockTxCount;
  const txidsOff = SUMMARY_SIZE;
  const wtxidsOff = txidsOff + (n << 5);
  const recsOff = wtxidsOff + (n << 5);
  const scratchOff = recsOff + n * TX_RECORD_SIZE;
  // scratch after the documented output: merkle buffers, hash tables, stripped copies of segwit txs
  const tmpOff = scratchOff + ((n + 1) << 5);
  const tblOff = tmpOff + merkleTmpSize(n);
  const wtblOff = tblOff + n * 12;
  const stripOff = wtblOff + n * 12;
  const out = outputReserve(stripOff + <usize>len);
  if (out == 0) return E_TOO_LARGE;
  memory.fill(out, 0, SUMMARY_SIZE);
  let flags: u32 = 0;
  let inputs: u32 = 0;
  let outputs: u32 = 0;
  let stripped: usize = p - base;
  let commitment: usize = 0;
  let reserved: usize = 0;
  let strip = out + stripOff;
  let nw: usize = 0;
  for (let i: usize = 0; i < n; i++) {
    const start = p;
    p = walkTx(p, end);
    if (p == 0) return rErr;
    const e = out + tblOff + i * 12;
    strip = putTxidEntry(e, start, p, strip);
    if (txSegwit && i > 0) {
      const w = out + wtblOff + nw * 12;
      store<u32>(w, <u32>start, 0);
      store<u32>(w, <u32>(p - start), 4);
      store<u32>(w, <u32>(out + wtxidsOff + (i << 5)), 8);
      nw++;
    }
    store<u32>(e, <u32>(out + txidsOff + (i << 5)), 8);
    if (i == 0) {
      commitment = findCommitment(txOutStart, txNOut, p);
      if (txSegwit && txNIn == 1) {
        const items = readVarint(txBodyEnd, p);
        if (items == 1 && load<u8>(vNext) == 32) reserved = vNext + 1;
      }
    }
    if (txSegwit) flags |= BF_SEGWIT;
    const ss = strippedSizeOfWalked(start, p);
    stripped += ss;
    inputs += txNIn;
    outputs += txNOut;
    const rec = out + recsOff + i * TX_RECORD_SIZE;
    store<u32>(rec, <u32>(start - base), 0);
    store<u32>(rec, <u32>(p - start), 4);
    store<u32>(rec, <u32>ss, 8);
    store<u32>(rec, txNIn, 12);
    store<u32>(rec, txNOut, 16);
    store<u32>(rec, txSegwit ? 1 : 0, 20);
    store<u32>(rec, txSegwit ? <u32>(txBodyEnd - base) : 0, 24);
    store<u32>(rec, load<u32>(p - 4), 28);
  }
  if (p != end) { fail(E_TRAILING, p); return rErr; }
  // all txids, then the segwit wtxids, four messages at a time
  sha256dMulti(out + tblOff, n);
  sha256dMulti(out + wtblOff, nw);
  memory.fill(out + wtxidsOff, 0, 32);
  for (let i: usize = 1; i < n; i++) {
    if (load<u32>(out + recsOff + i * TX_RECORD_SIZE, 20) == 0) memory.copy(out + wtxidsOff + (i << 5), out + txidsOff + (i << 5), 32);
  }
  // merkle root over txids
  const scratch = out + scratchOff;
  const tmp = out + tmpOff;
  memory.copy(scratch, out + txidsOff, n << 5);
  if (merkleReduce(scratch, tmp, n)) flags |= BF_MUTATED;
  memory.copy(out + 40, scratch, 32);
  if (memory.compare(scratch, base + 36, 32) == 0) flags |= BF_MERKLE_OK;
  // witness root and BIP141 commitment
  if (commitment != 0) flags |= BF_COMMITMENT;
  if ((flags & (BF_SEGWIT | BF_COMMITMENT)) != 0) {
    memory.copy(scratch, out + wtxidsOff, n << 5);
    merkleReduce(scratch, tmp, n);
    memory.copy(out + 72, scratch, 32);
    flags |= BF_WITNESS_ROOT;
    if (commitment != 0 && reserved != 0) {
      memory.copy(TMP, scratch, 32);
      memory.copy(TMP + 32, reserved, 32);
      sha256dInto(TMP, 64, TMP);
      if (memory.compare(TMP, commitment + 6, 32) == 0) flags |= BF_COMMITMENT_OK;
    }
  }
  sha256dInto(base, 80, out + 8);
  store<u32>(out, <u32>n, 0);
  store<u32>(out, flags, 4);
  store<u32>(out, inputs, 104);
  store<u32>(out, outputs, 108);
  store<u32>(out, <u32>stripped, 112);
  store<u32>(out, <u32>(stripped * 3 + <usize>len), 116);
  store<u32>(out, <u32>txidsOff, 120);
  store<u32>(out, <u32>wtxidsOff, 124);
  store<u32>(out, <u32>recsOff, 128);
  store<u32>(out, <u32>n, 132);
  store<u32>(out, <u32>(n * TX_RECORD_SIZE), 136);
  setOutputLen(scratchOff);
  return <i32>scratchOff;
}
