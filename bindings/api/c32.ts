/**
 * @module api/c32 — Stacks c32check addresses (stacks-network/c32check: Crockford base32 of
 * data || sha256d(version || data)[0..4], prefixed `S` + the version's c32 digit). Used by the Stacks
 * API variant, which reports owners as mainnet Stacks addresses: P2PKH → version 22 (`SP…`), P2SH → 20 (`SM…`).
 */
import { sha256 } from '@noble/hashes/sha2.js';

const C32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function c32encode(bytes: Uint8Array): string {
  let out = '';
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  while (n > 0n) { out = C32[Number(n & 31n)] + out; n >>= 5n; }
  for (const b of bytes) { if (b !== 0) break; out = '0' + out; }
  return out;
}

export function c32address(version: number, hash160: Uint8Array): string {
  const sum = sha256(sha256(Uint8Array.of(version, ...hash160))).subarray(0, 4);
  return 'S' + C32[version] + c32encode(Uint8Array.of(...hash160, ...sum));
}

export const STACKS_P2PKH = 22;
export const STACKS_P2SH = 20;
