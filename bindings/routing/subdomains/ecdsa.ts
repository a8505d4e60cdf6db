/**
 * @module routing/subdomains/ecdsa — the one place subdomain signatures touch secp256k1: verify a 64-byte
 * r‖s signature over a 32-byte digest (no further hashing). Uses @noble/curves until the WASM core's
 * verify is exported; hostile input returns false, never throws. High-S signatures are accepted, as Core's
 * Python verifier does (naming.md §3.3 says signers normalise to low-S).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';

export function verifyDigestSignature(sig64: Uint8Array, digest32: Uint8Array, pubkey: Uint8Array): boolean {
  if (sig64.length !== 64 || digest32.length !== 32 || (pubkey.length !== 33 && pubkey.length !== 65)) return false;
  try {
    return secp256k1.verify(sig64, digest32, pubkey, { prehash: false, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}
