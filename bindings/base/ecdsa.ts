/**
 * @module base/ecdsa — the one place the tree verifies secp256k1 ECDSA signatures over public data (hub
 * tokens, .sig files, JWTs, subdomain records, manifests). Verification is non-strict like jsontokens /
 * @stacks/encryption / Core's Python verifier: s and n−s both pass (lowS:false). The engine is the WASM
 * core's verifier (bindings/core/secp256k1.ts); `verifyWithNoble` stays so tests can check both agree, and
 * `setEcdsaVerifier` swaps engines. Hostile input yields false, never a throw.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { verify as coreVerify } from '../core/secp256k1.ts';

export type SigFormat = 'compact' | 'der';
export type EcdsaVerifier = (digest: Uint8Array, sig: Uint8Array, pubkey: Uint8Array, opts: { format: SigFormat; lowS: boolean }) => boolean;

/** @noble/curves reference verifier: digest is the 32-byte message hash (no prehash here). */
export const verifyWithNoble: EcdsaVerifier = (digest, sig, pubkey, { format, lowS }) => {
  try {
    return secp256k1.verify(sig, digest, pubkey, { prehash: false, lowS, format });
  } catch {
    return false;
  }
};

/**
 * The WASM core's verifier. If the core cannot run here (a browser that has not awaited `ready()`), the
 * call falls back to noble rather than reporting a valid signature as invalid.
 */
export const verifyWithCore: EcdsaVerifier = (digest, sig, pubkey, opts) => {
  try {
    return coreVerify(digest, sig, pubkey, opts);
  } catch {
    return verifyWithNoble(digest, sig, pubkey, opts);
  }
};

let engine: EcdsaVerifier = verifyWithCore;
let engineName = 'core';

/** Swap the engine (tests compare engines through this). */
export function setEcdsaVerifier(fn: EcdsaVerifier, name: string): void {
  engine = fn;
  engineName = name;
}

export function ecdsaVerifierName(): string {
  return engineName;
}

/** Verify `sig` (64-byte r||s or DER) over a 32-byte digest; high and low S accepted; false on any defect. */
export function verifyDigest(digest: Uint8Array, sig: Uint8Array, pubkey: Uint8Array, format: SigFormat = 'compact'): boolean {
  if (digest.length !== 32) return false;
  if (format === 'compact' && sig.length !== 64) return false;
  if (pubkey.length !== 33 && pubkey.length !== 65) return false;
  try {
    return engine(digest, sig, pubkey, { format, lowS: false });
  } catch {
    return false;
  }
}
