// Shared loaders for the secp256k1 tests: shared data files and hex helpers.
import { readFileSync } from 'node:fs';
import { sharedUrl } from '../helpers/shared.ts';

export const dataDir = sharedUrl('data/');
export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const json = (name: string): any => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));

export interface RealSig { digest: Uint8Array; signature: Uint8Array; publicKey: Uint8Array }

export function realSigs(): RealSig[] {
  return json('block413567_p2pkh_sigs.json').vectors.map((v: any) => ({
    digest: hex(v.sighash_hex), signature: hex(v.sig_der_hex), publicKey: hex(v.pubkey_hex),
  }));
}

/** Deterministic xorshift PRNG so failures reproduce. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
}
