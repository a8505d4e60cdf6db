/**
 * @module chain/tx — Bitcoin transactions (Core primitives/transaction.h): legacy serialization, reading
 * of BIP144 witness serialization (witness kept, txid over the non-witness form), txid, coinbase.
 */
import { hashToHex, hexToHash, Reader, sha256d, Writer } from './bytes.ts';
import { ChainError } from './errors.ts';

export interface TxIn { prevTxid: string; vout: number; script: Uint8Array; sequence: number; witness?: Uint8Array[] }
export interface TxOut { value: bigint; script: Uint8Array }
export interface Tx { version: number; ins: TxIn[]; outs: TxOut[]; locktime: number }

export const NULL_TXID = '0'.repeat(64);
export const isCoinbase = (tx: Tx): boolean => tx.ins.length === 1 && tx.ins[0].prevTxid === NULL_TXID && tx.ins[0].vout === 0xffffffff;

export function encodeTx(tx: Tx, withWitness = true): Uint8Array {
  const w = new Writer();
  writeTx(w, tx, withWitness);
  return w.finish();
}

export function writeTx(w: Writer, tx: Tx, withWitness = true): void {
  const segwit = withWitness && tx.ins.some((i) => i.witness && i.witness.length > 0);
  w.i32(tx.version);
  if (segwit) w.u8(0).u8(1);
  w.varint(tx.ins.length);
  for (const i of tx.ins) w.bytes(hexToHash(i.prevTxid)).u32(i.vout).varbytes(i.script).u32(i.sequence);
  w.varint(tx.outs.length);
  for (const o of tx.outs) w.u64(o.value).varbytes(o.script);
  if (segwit) for (const i of tx.ins) { const st = i.witness ?? []; w.varint(st.length); for (const x of st) w.varbytes(x); }
  w.u32(tx.locktime);
}

export function readTx(r: Reader): Tx {
  const version = r.i32();
  let n = r.varint();
  let segwit = false;
  if (n === 0) {
    const flag = r.u8();
    if (flag !== 1) throw new ChainError('E_BAD_TX', `unknown transaction flag ${flag}`);
    segwit = true;
    n = r.varint();
  }
  const ins: TxIn[] = [];
  for (let k = 0; k < n; k++) ins.push({ prevTxid: hashToHex(r.bytes(32)), vout: r.u32(), script: r.varbytes().slice(), sequence: r.u32() });
  const outs: TxOut[] = [];
  const m = r.varint();
  for (let k = 0; k < m; k++) outs.push({ value: r.u64(), script: r.varbytes().slice() });
  if (segwit) for (const i of ins) { const c = r.varint(); i.witness = []; for (let k = 0; k < c; k++) i.witness.push(r.varbytes().slice()); }
  return { version, ins, outs, locktime: r.u32() };
}

export function decodeTx(raw: Uint8Array): Tx {
  const r = new Reader(raw);
  const tx = readTx(r);
  if (r.left !== 0) throw new ChainError('E_BAD_TX', `${r.left} trailing bytes after transaction`);
  return tx;
}

/** txid: double-SHA256 of the non-witness serialization, shown byte-reversed. */
export const txid = (tx: Tx): string => hashToHex(sha256d(encodeTx(tx, false)));
