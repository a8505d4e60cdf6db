/**
 * @module auth/ecies — ECIES as @stacks/encryption encryptECIES/decryptECIES (spec storage-auth §6):
 * S = x(e·P), H = SHA-512(S), AES-256-CBC key H[0..32), HMAC-SHA256 key H[32..64),
 * mac = HMAC(iv || ephemeralPK || ciphertext). Used for the transit-encrypted app private key
 * (§7) and for files encrypted to another user's discovered app key (§8).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, bytesToHex, hexToBytes, concatBytes } from '@noble/hashes/utils.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { cbc } from '@noble/ciphers/aes.js';
import { base64 } from '@scure/base';
import { compressPublicKey, decodePrivateKey, warmCurve } from './keys.ts';
import { AuthError } from './errors.ts';

export interface CipherObject {
  iv: string;
  ephemeralPK: string;
  cipherText: string;
  mac: string;
  wasString: boolean;
  cipherTextEncoding?: 'hex' | 'base64';
}

export interface EncryptOptions {
  /** cipher text encoding; 'hex' (default) leaves the field out, as the clients do */
  encoding?: 'hex' | 'base64';
  /** fixed ephemeral private key (hex) — for reproducing vectors only */
  ephemeralPrivateKey?: string;
  /** fixed IV (hex, 16 bytes) — for reproducing vectors only */
  iv?: string;
}

function keysFromSecret(secretX: Uint8Array): { enc: Uint8Array; mac: Uint8Array } {
  const h = sha512(secretX);
  return { enc: h.subarray(0, 32), mac: h.subarray(32) };
}

/** Encrypt `content` (a string → wasString true, or bytes) to a secp256k1 public key. */
export function encryptECIES(publicKeyHex: string, content: string | Uint8Array, opts: EncryptOptions = {}): CipherObject {
  warmCurve();
  const recipient = compressPublicKey(publicKeyHex);
  const wasString = typeof content === 'string';
  const plain = wasString ? new TextEncoder().encode(content) : content;
  const eph = opts.ephemeralPrivateKey ? decodePrivateKey(opts.ephemeralPrivateKey) : secp256k1.utils.randomSecretKey();
  const ephPub = secp256k1.getPublicKey(eph, true);
  const keys = keysFromSecret(secp256k1.getSharedSecret(eph, recipient, true).subarray(1));
  const iv = opts.iv ? hexToBytes(opts.iv) : randomBytes(16);
  const ct = cbc(keys.enc, iv).encrypt(plain);
  const mac = hmac(sha256, keys.mac, concatBytes(iv, ephPub, ct));
  const out: CipherObject = {
    iv: bytesToHex(iv),
    ephemeralPK: bytesToHex(ephPub),
    cipherText: opts.encoding === 'base64' ? base64.encode(ct) : bytesToHex(ct),
    mac: bytesToHex(mac),
    wasString,
  };
  if (opts.encoding === 'base64') out.cipherTextEncoding = 'base64';
  return out;
}

/** Decrypt a cipher object with a private key; throws AuthError decrypt-failed on MAC or format failure. */
export function decryptECIES(privateKeyHex: string, obj: CipherObject): string | Uint8Array {
  if (!obj || typeof obj.ephemeralPK !== 'string') {
    throw new AuthError('decrypt-failed', 'Unable to get public key from cipher object');
  }
  try {
    const keys = keysFromSecret(
      secp256k1.getSharedSecret(decodePrivateKey(privateKeyHex), hexToBytes(obj.ephemeralPK), true).subarray(1),
    );
    const iv = hexToBytes(obj.iv);
    const ct = obj.cipherTextEncoding === 'base64' ? base64.decode(obj.cipherText) : hexToBytes(obj.cipherText);
    const mac = hmac(sha256, keys.mac, concatBytes(iv, hexToBytes(obj.ephemeralPK), ct));
    if (!equalBytes(mac, hexToBytes(obj.mac))) throw new AuthError('decrypt-failed', 'Decryption failed: failure in MAC check');
    const plain = cbc(keys.enc, iv).decrypt(ct);
    return obj.wasString ? new TextDecoder().decode(plain) : plain;
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw new AuthError('decrypt-failed', `Decryption failed: ${(e as Error).message}`);
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
    throw new AuthError('decrypt-failed', 'private_key is not hex of a JSON cipher object');
  }
  const out = decryptECIES(transitPrivateKeyHex, obj);
  if (typeof out !== 'string') throw new AuthError('decrypt-failed', 'private_key cipher object is not a string');
  return out;
}
