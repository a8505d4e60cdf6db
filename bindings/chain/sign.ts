/**
 * @module chain/sign — legacy (pre-segwit) SIGHASH_ALL signing (Core script/interpreter.cpp
 * SignatureHash, original algorithm) for P2PKH and P2SH m-of-n multisig inputs. Signing itself is
 * @noble/curves secp256k1 (RFC 6979 deterministic nonces, low-S, DER).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { concat, sha256d, Writer } from './bytes.ts';
import { ChainError } from './errors.ts';
import { OP, pushData } from './script.ts';
import { encodeTx, type Tx } from './tx.ts';

export const SIGHASH_ALL = 1;

export function legacySighash(tx: Tx, index: number, scriptCode: Uint8Array, hashType = SIGHASH_ALL): Uint8Array {
  if (index >= tx.ins.length) throw new ChainError('E_BAD_INPUT_INDEX', `input ${index} out of range`);
  const copy: Tx = { ...tx, ins: tx.ins.map((i, k) => ({ ...i, witness: undefined, script: k === index ? scriptCode : new Uint8Array(0) })) };
  return sha256d(concat(encodeTx(copy, false), new Writer().u32(hashType).finish()));
}

export function signDigest(digest: Uint8Array, priv: Uint8Array): Uint8Array {
  const der = secp256k1.sign(digest, priv, { prehash: false, lowS: true, format: 'der' });
  return concat(der, Uint8Array.of(SIGHASH_ALL));
}

export const publicKey = (priv: Uint8Array): Uint8Array => secp256k1.getPublicKey(priv, true);

/** scriptSig for a P2PKH input: <sig> <pubkey>. */
export function signP2pkh(tx: Tx, index: number, prevScript: Uint8Array, priv: Uint8Array): void {
  const sig = signDigest(legacySighash(tx, index, prevScript), priv);
  tx.ins[index].script = concat(pushData(sig), pushData(publicKey(priv)));
}

/** scriptSig for a P2SH multisig input: OP_0 <sig>... <redeemScript>; `privs` in redeem-script key order. */
export function signP2shMultisig(tx: Tx, index: number, redeem: Uint8Array, privs: Uint8Array[]): void {
  const digest = legacySighash(tx, index, redeem);
  const sigs = privs.map((p) => pushData(signDigest(digest, p)));
  tx.ins[index].script = concat(Uint8Array.of(OP.OP_0), ...sigs, pushData(redeem));
}

export function verifyP2pkhInput(tx: Tx, index: number, prevScript: Uint8Array, sig: Uint8Array, pub: Uint8Array): boolean {
  const digest = legacySighash(tx, index, prevScript, sig[sig.length - 1]);
  try { return secp256k1.verify(sig.subarray(0, sig.length - 1), digest, pub, { prehash: false, format: 'der', lowS: false }); } catch { return false; }
}
