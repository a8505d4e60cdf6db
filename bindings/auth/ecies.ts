/**
 * @module auth/ecies — ECIES as @stacks/encryption encryptECIES/decryptECIES (spec storage-auth §6):
 * S = x(e·P), H = SHA-512(S), AES-256-CBC key H[0..32), HMAC-SHA256 key H[32..64),
 * mac = HMAC(iv || ephemeralPK || ciphertext). Used for the transit-encrypted app private key
 * (§7) and for files encrypted to another user's discovered app key (§8).
 */
import { toHex as bytesToHex, fromHex as hexToBytes } from '../base/bytes.ts';
import { encryptECIES as encryptWith, decryptECIES as decryptWith, type CipherObject } from '../base/ecies.ts';
import { AuthError, authCall } from './errors.ts';

// One ECIES implementation serves storage and auth (bindings/base/ecies.ts); this file adapts its
// options and turns its BaseError into the auth layer's AuthError.
export type { CipherObject };

export interface EncryptOptions {
  /** cipher text encoding; 'hex' (default) leaves the field out, as the clients do */
  encoding?: 'hex' | 'base64';
  /** fixed ephemeral private key (hex) — for reproducing vectors only */
  ephemeralPrivateKey?: string;
  /** fixed IV (hex, 16 bytes) — for reproducing vectors only */
  iv?: string;
}

/** Encrypt `content` (a string → wasString true, or bytes) to a secp256k1 public key. */
export function encryptECIES(publicKeyHex: string, content: string | Uint8Array, opts: EncryptOptions = {}): CipherObject {
  return authCall(() => encryptWith(publicKeyHex, content, { cipherTextEncoding: opts.encoding, ephemeralPrivateKey: opts.ephemeralPrivateKey, iv: opts.iv }));
}

/** Decrypt a cipher object with a private key; throws AuthError E_DECRYPT_FAILED on MAC or format failure. */
export function decryptECIES(privateKeyHex: string, obj: CipherObject): string | Uint8Array {
  try {
    return decryptWith(privateKeyHex, obj);
  } catch (e) {
    throw new AuthError('E_DECRYPT_FAILED', (e as Error).message);
  }
}

/** The authResponse `private_key` field: hex of the UTF-8 JSON of the cipher object (§7). */
export function encryptPrivateKey(transitPublicKeyHex: string, privateKeyHex: string, opts: EncryptOptions = {}): string {
  const obj = encryptECIES(transitPublicKeyHex, privateKeyHex, opts);
  return bytesToHex(new TextEncoder().encode(JSON.stringify(obj)));
}

export function decryptPrivateKey(transitPrivateKeyHex: string, field: string): string {
  let obj: CipherObject;
  try {
    obj = JSON.parse(new TextDecoder().decode(hexToBytes(field)));
  } catch {
    throw new AuthError('E_DECRYPT_FAILED', 'private_key is not hex of a JSON cipher object');
  }
  const out = decryptECIES(transitPrivateKeyHex, obj);
  if (typeof out !== 'string') throw new AuthError('E_DECRYPT_FAILED', 'private_key cipher object is not a string');
  return out;
}
