/**
 * @module base/base58 — base58check (Bitcoin Core base58.cpp): payload ‖ sha256d(payload)[0..4], base58.
 * Addresses are a version byte and a 20-byte hash.
 */
import { createBase58check } from '@scure/base';
import { sha256 } from '../core/hash.ts';
import { concat } from './bytes.ts';
import { BaseError } from './errors.ts';

export const b58check = createBase58check(sha256);

/** base58check of version ‖ hash. */
export function base58checkEncode(version: number, hash: Uint8Array): string {
  return b58check.encode(concat(Uint8Array.of(version), hash));
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
