/**
 * @module base/b40 — base-40 name encoding (protocol.md §6.1): the alphabet `[0-9a-z-_.+]` as digits of one
 * big integer, written as minimal big-endian bytes. Used by chain (building preorders) and virtualchain
 * (checking them); a character outside the alphabet is BaseError `E_BAD_NAME`.
 */
import { fromHex, toHex } from './bytes.ts';
import { BaseError } from './errors.ts';

const B40 = '0123456789abcdefghijklmnopqrstuvwxyz-_.+';

/** b40bytes(s): s as a base-40 big integer, minimal big-endian bytes. */
export function b40Bytes(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) {
    const d = B40.indexOf(ch);
    if (d < 0) throw new BaseError('E_BAD_NAME', `${JSON.stringify(s)} has a character outside [a-z0-9-_.+]`);
    n = n * 40n + BigInt(d);
  }
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return fromHex(h);
}

/** The base-40 text of big-endian bytes (`'0'` for zero). */
export function b40FromBytes(b: Uint8Array): string {
  let n = BigInt('0x' + (toHex(b) || '0'));
  if (n === 0n) return '0';
  let s = '';
  while (n > 0n) { s = B40[Number(n % 40n)] + s; n /= 40n; }
  return s;
}

/** Whether every character of `s` is in the base-40 alphabet. */
export const isB40 = (s: string): boolean => /^[a-z0-9\-_.+]*$/.test(s);
