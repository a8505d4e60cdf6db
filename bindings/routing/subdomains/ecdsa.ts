/**
 * @module routing/subdomains/ecdsa — the one place subdomain signatures touch secp256k1: verify a 64-byte
 * r‖s signature over a 32-byte digest (no further hashing), with the WASM core's verifier; hostile input
 * returns false, never throws. High-S signatures are accepted, as Core's
 * Python verifier does (naming.md §3.3 says signers normalise to low-S).
 */
import { verify } from '../../core/secp256k1.ts';

export function verifyDigestSignature(sig64: Uint8Array, digest32: Uint8Array, pubkey: Uint8Array): boolean {
  if (sig64.length !== 64 || digest32.length !== 32 || (pubkey.length !== 33 && pubkey.length !== 65)) return false;
  try {
    return verify(digest32, sig64, pubkey, { format: 'compact', lowS: false });
  } catch {
    return false;
  }
}
