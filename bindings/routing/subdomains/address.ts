/**
 * @module routing/subdomains/address — base58check Bitcoin addresses as subdomain owners (naming.md §3.2):
 * version 0x00 / 0x6f P2PKH, 0x05 / 0xc4 P2SH.
 */
import { createBase58check } from '@scure/base';
import { sha256, hash160 as coreHash160 } from '../../core/hash.ts';

const b58c = createBase58check(sha256);

export const P2PKH_VERSIONS = new Set([0x00, 0x6f]);
export const P2SH_VERSIONS = new Set([0x05, 0xc4]);

export function decodeAddress(addr: string): { version: number; hash: Uint8Array } | null {
  try {
    const b = b58c.decode(addr);
    if (b.length !== 21) return null;
    return { version: b[0], hash: b.slice(1) };
  } catch {
    return null;
  }
}

export function encodeAddress(version: number, hash: Uint8Array): string {
  const b = new Uint8Array(21);
  b[0] = version;
  b.set(hash, 1);
  return b58c.encode(b);
}

export function hash160(b: Uint8Array): Uint8Array {
  return coreHash160(b);
}

export function verifyAddressSyntax(addr: unknown): boolean {
  if (typeof addr !== 'string') return false;
  const d = decodeAddress(addr);
  return !!d && (P2PKH_VERSIONS.has(d.version) || P2SH_VERSIONS.has(d.version));
}
