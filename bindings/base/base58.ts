/**
 * @module base/base58 — base58check (Bitcoin Core base58.cpp): payload ‖ sha256d(payload)[0..4], base58.
 * Addresses are a version byte and a 20-byte hash.
 */
import { createBase58check } from '@scure/base';
import { sha256 } from '../core/hash.ts';
import { BaseError } from './errors.ts';

export const b58check = createBase58check(sha256);

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * base58 of `bytes` (Bitcoin Core's base58.cpp EncodeBase58: one carry pass per input byte over the base-58
 * digits so far). For the 25-byte addresses of the state machine it is several times faster than the generic
 * radix conversion; `b58check` (@scure/base) stays the decoder and the tests' reference.
 */
export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const size = (((bytes.length - zeros) * 138) / 100 | 0) + 1; // log(256) / log(58), rounded up
  const b58 = new Uint8Array(size);
  let length = 0;
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 256 * b58[k];
      b58[k] = carry % 58;
      carry = (carry / 58) | 0;
    }
    length = j;
  }
  let it = size - length;
  while (it < size && b58[it] === 0) it++;
  let out = '1'.repeat(zeros);
  for (; it < size; it++) out += ALPHABET[b58[it]];
  return out;
}

/** base58check of version ‖ hash. */
export function base58checkEncode(version: number, hash: Uint8Array): string {
  const payload = new Uint8Array(hash.length + 5);
  payload[0] = version;
  payload.set(hash, 1);
  payload.set(sha256(sha256(payload.subarray(0, hash.length + 1))).subarray(0, 4), hash.length + 1);
  return base58Encode(payload);
}

/** Decode to {version, hash} (hash = the bytes after the version); throws BaseError E_BAD_ADDRESS. */
export function base58checkDecode(addr: string): { version: number; hash: Uint8Array } {
  let raw: Uint8Array;
  try {
    raw = b58check.decode(addr);
  } catch (e) {
    throw new BaseError('E_BAD_ADDRESS', `invalid base58check string: ${(e as Error).message}`, { cause: e });
  }
  if (raw.length < 1) throw new BaseError('E_BAD_ADDRESS', 'empty base58check payload');
  return { version: raw[0], hash: raw.subarray(1) };
}

/** A version byte + 20-byte hash address, or undefined when `addr` is not one (bad checksum, wrong length). */
export function decodeHashAddress(addr: unknown): { version: number; hash: Uint8Array } | undefined {
  if (typeof addr !== 'string') return undefined;
  try {
    const d = base58checkDecode(addr);
    return d.hash.length === 20 ? d : undefined;
  } catch {
    return undefined;
  }
}
