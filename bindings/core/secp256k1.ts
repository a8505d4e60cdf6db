/**
 * @module secp256k1 — ECDSA signature verification and public-key helpers over the core (ABI.md §secp256k1).
 *
 * Verification only: signing, key derivation and ECDH stay in @noble/curves / @scure/bip32 (constant time).
 * `verify` and `verifyBatch` return false for every malformed signature or key (never throw for hostile
 * data); they throw TypeError only for caller bugs (arguments that are not Uint8Array, unknown format).
 * The digest is the message hash itself (no hashing here); like bits2int for a 256-bit order, a digest
 * longer than 32 bytes is cut to its first 32 bytes and a shorter one is read as a smaller number.
 */
import { core, mem, writeInput, check } from './wasm.ts';

export type SignatureFormat = 'der' | 'compact';

export interface VerifyOptions {
  /** 'der' (strict DER, BIP 66; default) or 'compact' (64-byte r‖s). */
  format?: SignatureFormat;
  /** Reject signatures with s > n/2 (Bitcoin policy, default true); false accepts both halves (jsontokens). */
  lowS?: boolean;
}

export interface VerifyItem extends VerifyOptions {
  digest: Uint8Array;
  signature: Uint8Array;
  publicKey: Uint8Array;
}

const FLAG_COMPACT = 1;
const FLAG_LOW_S = 2;

function bytes(data: unknown, label: string): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError(`"${label}" expected Uint8Array, got ${typeof data}`);
  return data;
}

function flagsOf(opts: VerifyOptions | undefined, base?: VerifyOptions): number {
  const format = opts?.format ?? base?.format ?? 'der';
  if (format !== 'der' && format !== 'compact') throw new TypeError(`"format" expected 'der' or 'compact', got ${String(format)}`);
  const lowS = opts?.lowS ?? base?.lowS ?? true;
  if (typeof lowS !== 'boolean') throw new TypeError(`"lowS" expected boolean, got ${typeof lowS}`);
  return (format === 'compact' ? FLAG_COMPACT : 0) | (lowS ? FLAG_LOW_S : 0);
}

/** Write the 32-byte digest (bits2int for a 256-bit order) at `at`. */
function putDigest(m: Uint8Array, at: number, digest: Uint8Array): void {
  if (digest.length >= 32) m.set(digest.subarray(0, 32), at);
  else {
    m.fill(0, at, at + 32 - digest.length);
    m.set(digest, at + 32 - digest.length);
  }
}

/** Verify an ECDSA/secp256k1 signature over a message digest. */
export function verify(digest: Uint8Array, signature: Uint8Array, publicKey: Uint8Array, opts?: VerifyOptions): boolean {
  bytes(digest, 'digest'); bytes(signature, 'signature'); bytes(publicKey, 'publicKey');
  const flags = flagsOf(opts);
  if (signature.length > 255 || publicKey.length > 255) return false;
  const c = core();
  const p = c.inputReserve(32 + signature.length + publicKey.length);
  const m = mem();
  putDigest(m, p, digest);
  m.set(signature, p + 32);
  m.set(publicKey, p + 32 + signature.length);
  return c.secpVerify(signature.length, publicKey.length, flags) === 1;
}

/** Verify many signatures in one core call; `opts` gives defaults that items may override. */
export function verifyBatch(items: readonly VerifyItem[], opts?: VerifyOptions): boolean[] {
  if (!Array.isArray(items)) throw new TypeError(`"items" expected an array, got ${typeof items}`);
  let size = 0;
  const flags = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    bytes(it?.digest, `items[${i}].digest`); bytes(it.signature, `items[${i}].signature`); bytes(it.publicKey, `items[${i}].publicKey`);
    flags[i] = flagsOf(it, opts);
    const fits = it.signature.length <= 255 && it.publicKey.length <= 255;
    size += 35 + (fits ? it.signature.length + it.publicKey.length : 0);
  }
  if (items.length === 0) return [];
  const c = core();
  const base = c.inputReserve(size);
  const m = mem();
  let off = base;
  for (let i = 0; i < items.length; i++) {
    const { digest, signature, publicKey } = items[i];
    const fits = signature.length <= 255 && publicKey.length <= 255;
    m[off] = flags[i];
    m[off + 1] = fits ? signature.length : 0;
    m[off + 2] = fits ? publicKey.length : 0;
    putDigest(m, off + 3, digest);
    off += 35;
    if (fits) {
      m.set(signature, off); off += signature.length;
      m.set(publicKey, off); off += publicKey.length;
    }
  }
  check(c.secpVerifyBatch(items.length, size), 'verifyBatch');
  const out = c.outputPtr();
  const view = mem();
  const res = new Array<boolean>(items.length);
  for (let i = 0; i < items.length; i++) res[i] = view[out + i] === 1;
  return res;
}

function convert(publicKey: Uint8Array, compressed: boolean, what: string): Uint8Array {
  bytes(publicKey, 'publicKey');
  if (publicKey.length !== 33 && publicKey.length !== 65) {
    check(-21, what);
  }
  writeInput(publicKey);
  const n = check(core().secpPubkeyConvert(publicKey.length, compressed ? 1 : 0), what);
  const p = core().outputPtr();
  return mem().slice(p, p + n);
}

/** The 33-byte SEC 1 compressed form of a public key (throws CoreError E_SECP_PUBKEY if invalid). */
export function compressPublicKey(publicKey: Uint8Array): Uint8Array {
  return convert(publicKey, true, 'compressPublicKey');
}

/** The 65-byte SEC 1 uncompressed form of a public key (throws CoreError E_SECP_PUBKEY if invalid). */
export function decompressPublicKey(publicKey: Uint8Array): Uint8Array {
  return convert(publicKey, false, 'decompressPublicKey');
}

/**
 * The compressed key of P + t·G for a public key P and a 32-byte big-endian scalar t — BIP32's public child
 * derivation (CKDpub: child = parent + IL·G). Throws CoreError E_SECP_PUBKEY for an invalid key and
 * E_SECP_TWEAK when t ≥ n or the sum is the point at infinity (BIP32: that child index is skipped).
 */
export function publicKeyTweakAdd(publicKey: Uint8Array, tweak: Uint8Array): Uint8Array {
  bytes(publicKey, 'publicKey');
  bytes(tweak, 'tweak');
  if (tweak.length !== 32) throw new RangeError(`"tweak" expected 32 bytes, got ${tweak.length}`);
  const buf = new Uint8Array(publicKey.length + 32);
  buf.set(publicKey);
  buf.set(tweak, publicKey.length);
  writeInput(buf);
  check(core().secpPubkeyTweakAdd(publicKey.length), 'publicKeyTweakAdd');
  const p = core().outputPtr();
  return mem().slice(p, p + 33);
}

/** True if the bytes are a valid SEC 1 public key (33 or 65 bytes, on the curve, not hybrid). */
export function isValidPublicKey(publicKey: Uint8Array): boolean {
  bytes(publicKey, 'publicKey');
  if (publicKey.length !== 33 && publicKey.length !== 65) return false;
  writeInput(publicKey);
  return core().secpPubkeyConvert(publicKey.length, 1) > 0;
}
