/**
 * @module base/c32 — Stacks c32check addresses (stacks-network/c32check): 'S' + c32(version) +
 * Crockford base32 of hash ‖ sha256d(version ‖ hash)[0..4]. 22 = SP (mainnet P2PKH), 20 = SM (mainnet P2SH),
 * 26 = ST (testnet P2PKH), 21 = SN (testnet P2SH).
 */
import { sha256d } from '../core/hash.ts';
import { concat } from './bytes.ts';

const C32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const STACKS_P2PKH = 22;
export const STACKS_P2SH = 20;
export const STACKS_TESTNET_P2PKH = 26;
export const STACKS_TESTNET_P2SH = 21;

/** Crockford base32 of big-endian bytes, one '0' per leading zero byte (c32check's c32encode). */
export function c32encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) { out = C32[Number(n & 31n)] + out; n >>= 5n; }
  for (const b of bytes) { if (b !== 0) break; out = '0' + out; }
  return out;
}

/** c32check address of a version (0..31) and a 20-byte hash. */
export function c32address(version: number, hash160: Uint8Array): string {
  const sum = sha256d(concat(Uint8Array.of(version), hash160)).subarray(0, 4);
  return 'S' + C32[version] + c32encode(concat(hash160, sum));
}
