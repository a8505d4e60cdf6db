/**
 * @module entry — the secp256k1 entry points exported through core-as/abi.ts (see ABI.md).
 *
 * secpVerify(sigLen, keyLen, flags): input = digest (32) ‖ sig ‖ key → 1 valid, 0 invalid.
 * secpVerifyBatch(count, inLen): input = count records [flags u8, sigLen u8, keyLen u8, digest 32, sig, key];
 *   output = count bytes (1/0); returns the number valid, or E_SECP_FRAMING if a record overruns inLen
 *   or inLen has bytes after the last record (error offset = the record's start).
 * secpPubkeyConvert(keyLen, compressed): input = SEC 1 key → output the key re-encoded (33 or 65 B);
 *   returns the output length or E_SECP_PUBKEY.
 * secpPubkeyTweakAdd(keyLen): input = SEC 1 key ‖ 32-byte big-endian tweak t → output the compressed key of
 *   P + t·G (33 B; BIP32 CKDpub); returns 33, E_SECP_PUBKEY, or E_SECP_TWEAK (t ≥ n, or the point at infinity).
 * Lengths beyond the input arena give E_BAD_ARG (the core never reads outside its input).
 * flags: bit 0 = compact (r‖s) instead of DER, bit 1 = reject high-S.
 */
import { inputCap, inputPtr, outputReserve, setErrorOffset, setOutputLen } from '../mem';
import { E_BAD_ARG, E_SECP_FRAMING, E_SECP_PUBKEY, E_SECP_TWEAK, E_TOO_LARGE } from '../errors';
import { tweakAdd } from './tweak';
import { GE } from './group';
import { pubkeyParse, pubkeySerialize } from './pubkey';
import { verifyOne } from './ecdsa';

const PK = memory.data(<i32>GE);

export function secpVerify(sigLen: i32, keyLen: i32, flags: u32): i32 {
  setErrorOffset(-1);
  if (sigLen < 0 || keyLen < 0 || <u64>sigLen + <u64>keyLen + 32 > <u64>inputCap()) return E_BAD_ARG;
  const p = inputPtr();
  return verifyOne(p, p + 32, sigLen, p + 32 + <usize>sigLen, keyLen, flags) ? 1 : 0;
}

export function secpVerifyBatch(count: i32, inLen: i32): i32 {
  setErrorOffset(-1);
  if (count < 0 || inLen < 0 || <usize>inLen > inputCap()) return E_BAD_ARG;
  const base = inputPtr();
  const out = outputReserve(<usize>count);
  if (out == 0) return E_TOO_LARGE;
  let off = 0;
  let valid = 0;
  for (let i = 0; i < count; i++) {
    if (off + 35 > inLen) { setErrorOffset(off); return E_SECP_FRAMING; }
    const rec = base + <usize>off;
    const flags = <u32>load<u8>(rec);
    const sigLen = <i32>load<u8>(rec + 1);
    const keyLen = <i32>load<u8>(rec + 2);
    const next = off + 35 + sigLen + keyLen;
    if (next > inLen) { setErrorOffset(off); return E_SECP_FRAMING; }
    const ok = verifyOne(rec + 3, rec + 35, sigLen, rec + 35 + <usize>sigLen, keyLen, flags);
    store<u8>(out + <usize>i, ok ? 1 : 0);
    if (ok) valid++;
    off = next;
  }
  if (off != inLen) { setErrorOffset(off); return E_SECP_FRAMING; }
  setOutputLen(<usize>count);
  return valid;
}

export function secpPubkeyConvert(keyLen: i32, compressed: i32): i32 {
  setErrorOffset(-1);
  if (keyLen < 0 || <usize>keyLen > inputCap()) return E_BAD_ARG;
  if (!pubkeyParse(PK, inputPtr(), keyLen)) { setErrorOffset(0); return E_SECP_PUBKEY; }
  const out = outputReserve(65);
  if (out == 0) return E_TOO_LARGE;
  const n = pubkeySerialize(out, PK, compressed != 0);
  setOutputLen(<usize>n);
  return n;
}

export function secpPubkeyTweakAdd(keyLen: i32): i32 {
  setErrorOffset(-1);
  if (keyLen < 0 || <u64>keyLen + 32 > <u64>inputCap()) return E_BAD_ARG;
  const out = outputReserve(33);
  if (out == 0) return E_TOO_LARGE;
  const p = inputPtr();
  const n = tweakAdd(out, p, keyLen, p + <usize>keyLen);
  if (n == 0) { setErrorOffset(0); return E_SECP_PUBKEY; }
  if (n < 0) { setErrorOffset(keyLen); return E_SECP_TWEAK; }
  setOutputLen(33);
  return 33;
}
