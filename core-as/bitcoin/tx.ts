/**
 * @module bitcoin/tx — one transaction: walk its serialization (legacy or BIP144 segwit), validate every
 * length against the input, and hash it (txid over the non-witness serialization, wtxid over all of it).
 */
import { E_COUNT, E_EMPTY_WITNESS, E_SEGWIT_FLAG, E_TRUNCATED } from '../errors';
import { sha256dInto, sha256Init, sha256Update, sha256Final, sha256Of32, SHA256_CTX_SIZE } from '../hash/sha256';
import { fail, readVarint, skipBytes, vNext } from './reader';

// Facts about the last transaction walked by `walkTx` (valid when it returned non-zero).
export let txNIn: u32 = 0;
export let txNOut: u32 = 0;
export let txSegwit: bool = false;
/** Pointer to the input-count varint (start of the part hashed between version and locktime). */
export let txBody: usize = 0;
/** Pointer just past the last output (start of the witnesses for segwit, else the locktime). */
export let txBodyEnd: usize = 0;
/** Pointer to the first output-count varint. */
export let txOutStart: usize = 0;

const CTX: usize = memory.data(<i32>SHA256_CTX_SIZE, 16);
const MID: usize = memory.data(32, 16);

/** Walk the transaction at `p`; returns the pointer just past it, or 0 after recording an error. */
export function walkTx(p: usize, end: usize): usize {
  const start = p;
  if (end - p < 10) return fail(E_TRUNCATED, end);
  p += 4;
  let segwit = false;
  if (load<u8>(p) == 0) {
    if (load<u8>(p, 1) != 1) return fail(E_SEGWIT_FLAG, p + 1);
    segwit = true;
    p += 2;
  }
  txBody = p;
  const nIn = readVarint(p, end);
  if (nIn == u64.MAX_VALUE) return 0;
  p = vNext;
  if (nIn * 41 > <u64>(end - p)) return fail(E_COUNT, p);
  for (let i: u32 = 0, n = <u32>nIn; i < n; i++) {
    if (end - p < 36) return fail(E_TRUNCATED, p);
    p = skipBytes(p + 36, end);
    if (p == 0) return 0;
    if (end - p < 4) return fail(E_TRUNCATED, p);
    p += 4;
  }
  txOutStart = p;
  const nOut = readVarint(p, end);
  if (nOut == u64.MAX_VALUE) return 0;
  p = vNext;
  if (nOut * 9 > <u64>(end - p)) return fail(E_COUNT, p);
  for (let i: u32 = 0, n = <u32>nOut; i < n; i++) {
    if (end - p < 8) return fail(E_TRUNCATED, p);
    p = skipBytes(p + 8, end);
    if (p == 0) return 0;
  }
  txBodyEnd = p;
  if (segwit) {
    let items: u64 = 0;
    for (let i: u32 = 0, n = <u32>nIn; i < n; i++) {
      const k = readVarint(p, end);
      if (k == u64.MAX_VALUE) return 0;
      p = vNext;
      if (k > <u64>(end - p)) return fail(E_COUNT, p);
      items += k;
      for (let j: u32 = 0, m = <u32>k; j < m; j++) {
        p = skipBytes(p, end);
        if (p == 0) return 0;
      }
    }
    if (items == 0) return fail(E_EMPTY_WITNESS, txBodyEnd);
  }
  if (end - p < 4) return fail(E_TRUNCATED, p);
  p += 4;
  txNIn = <u32>nIn;
  txNOut = <u32>nOut;
  txSegwit = segwit;
  return p;
}

/** txid (internal order) of the transaction [start, stop) just walked by `walkTx`, written at `dst`. */
export function txidOfWalked(start: usize, stop: usize, dst: usize): void {
  if (!txSegwit) {
    sha256dInto(start, stop - start, dst);
    return;
  }
  sha256Init(CTX);
  sha256Update(CTX, start, 4);
  sha256Update(CTX, txBody, txBodyEnd - txBody);
  sha256Update(CTX, stop - 4, 4);
  sha256Final(CTX, MID);
  sha256Of32(MID, dst);
}

/** Size of the non-witness serialization of the transaction just walked. */
// @ts-ignore: decorator
@inline export function strippedSizeOfWalked(start: usize, stop: usize): usize {
  return txSegwit ? 8 + (txBodyEnd - txBody) : stop - start;
}

/** Copy the non-witness serialization of the walked segwit tx [start, stop) to `dst`; returns its length. */
export function copyStripped(start: usize, stop: usize, dst: usize): usize {
  const body = txBodyEnd - txBody;
  memory.copy(dst, start, 4);
  memory.copy(dst + 4, txBody, body);
  memory.copy(dst + 4 + body, stop - 4, 4);
  return body + 8;
}

/**
 * Write the txid hash-table entry of the walked tx [start, stop) at `e` — `[u32 ptr][u32 len]` of the bytes
 * whose SHA-256d is the txid (a stripped copy at `strip` for segwit txs) — and return the next free `strip`.
 * Shared by parseBlock and scanBlock.
 */
// @ts-ignore: decorator
@inline export function putTxidEntry(e: usize, start: usize, stop: usize, strip: usize): usize {
  if (txSegwit) {
    const sl = copyStripped(start, stop, strip);
    store<u32>(e, <u32>strip, 0);
    store<u32>(e, <u32>sl, 4);
    return strip + sl;
  }
  store<u32>(e, <u32>start, 0);
  store<u32>(e, <u32>(stop - start), 4);
  return strip;
}
