/**
 * @module bitcoin/tx-entry — `parseTx(len)`: one serialized transaction in the input arena (legacy or
 * segwit). Writes txid (32, internal order), wtxid (32) and the 32-byte transaction record of ABI.md
 * §parseBlock to the output arena; returns 96 or a negative error code (E_TRAILING for extra bytes).
 */
import { inputPtr, inputCap, outputReserve, setOutputLen } from '../mem';
import { E_BAD_ARG, E_TOO_LARGE, E_TRAILING } from '../errors';
import { sha256dInto } from '../hash/sha256';
import { fail, readerInit, rErr } from './reader';
import { MAX_BLOCK_BYTES } from './block';
import { walkTx, txidOfWalked, strippedSizeOfWalked, txNIn, txNOut, txSegwit, txBodyEnd } from './tx';

export function parseTx(len: i32): i32 {
  const base = inputPtr();
  readerInit(base);
  if (len < 0) { fail(E_BAD_ARG, base); return rErr; }
  if (<usize>len > inputCap() || len > MAX_BLOCK_BYTES) { fail(E_TOO_LARGE, base); return rErr; }
  const end = base + <usize>len;
  const p = walkTx(base, end);
  if (p == 0) return rErr;
  if (p != end) { fail(E_TRAILING, p); return rErr; }
  const out = outputReserve(96);
  if (out == 0) return E_TOO_LARGE;
  txidOfWalked(base, p, out);
  if (txSegwit) sha256dInto(base, p - base, out + 32);
  else memory.copy(out + 32, out, 32);
  const rec = out + 64;
  store<u32>(rec, 0, 0);
  store<u32>(rec, <u32>(p - base), 4);
  store<u32>(rec, <u32>strippedSizeOfWalked(base, p), 8);
  store<u32>(rec, txNIn, 12);
  store<u32>(rec, txNOut, 16);
  store<u32>(rec, txSegwit ? 1 : 0, 20);
  store<u32>(rec, txSegwit ? <u32>(txBodyEnd - base) : 0, 24);
  store<u32>(rec, load<u32>(p - 4), 28);
  setOutputLen(96);
  return 96;
}
