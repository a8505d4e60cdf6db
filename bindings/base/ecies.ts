/**
 * @module base/ecies — ECIES byte-compatible with @stacks/encryption (spec §6): S = x(e·P),
 * SHA-512(S) → AES-256-CBC key ‖ HMAC-SHA256 key, mac over iv ‖ ephemeralPK ‖ ciphertext. The cipher
 * object's key order is part of the format. Secrets via @noble/curves, @noble/hashes and @noble/ciphers.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { cbc } from '@noble/ciphers/aes.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { base64 } from '@scure/base';
import { randomBytes } from '@noble/hashes/utils.js';
import { BaseError } from './errors.ts';
import { toHex as bytesToHex, fromHex as hexToBytes, concat as concatBytes, utf8 as utf8ToBytes } from './bytes.ts';
import { decodePrivateKey, decodePublicKey, warmCurve } from './keys.ts';

export type CipherTextEncoding = 'hex' | 'base64';

export interface CipherObject {
  iv: string;
  ephemeralPK: string;
  cipherText: string;
  mac: string;
  wasString: boolean;
  cipherTextEncoding?: CipherTextEncoding;
}

export interface EncryptOptions {
  wasString?: boolean;
  cipherTextEncoding?: CipherTextEncoding;
  /** Deterministic test hooks (vectors): never set them in real use. */
  ephemeralPrivateKey?: string;
  iv?: string;
}

function sharedKeys(privateKey: Uint8Array, publicKey: Uint8Array): { aesKey: Uint8Array; hmacKey: Uint8Array } {
  const shared = secp256k1.getSharedSecret(privateKey, publicKey, true).slice(1);
  const h = sha512(shared);
  return { aesKey: h.slice(0, 32), hmacKey: h.slice(32) };
}

/** encryptECIES(publicKey, content, wasString, cipherTextEncoding) of @stacks/encryption. */
export function encryptECIES(publicKeyHex: string, content: Uint8Array | string, opts: EncryptOptions = {}): CipherObject {
  warmCurve();
  const plaintext = typeof content === 'string' ? utf8ToBytes(content) : content;
  const wasString = opts.wasString ?? typeof content === 'string';
  const recipient = decodePublicKey(publicKeyHex);
  const ephemeral = opts.ephemeralPrivateKey ? decodePrivateKey(opts.ephemeralPrivateKey) : secp256k1.utils.randomSecretKey();
  const ephemeralPK = secp256k1.getPublicKey(ephemeral, true);
  const { aesKey, hmacKey } = sharedKeys(ephemeral, recipient);
  const iv = opts.iv ? hexToBytes(opts.iv) : randomBytes(16);
  const cipherText = cbc(aesKey, iv).encrypt(plaintext);
  const mac = hmac(sha256, hmacKey, concatBytes(iv, ephemeralPK, cipherText));
  const encoded = opts.cipherTextEncoding === 'base64' ? base64.encode(cipherText) : bytesToHex(cipherText);
  const obj: CipherObject = { iv: bytesToHex(iv), ephemeralPK: bytesToHex(ephemeralPK), cipherText: encoded, mac: bytesToHex(mac), wasString };
  if (opts.cipherTextEncoding === 'base64') obj.cipherTextEncoding = 'base64';
  return obj;
}

/** decryptECIES: a string when the object says wasString, else bytes. Any failure → BaseError E_DECRYPT_FAILED. */
export function decryptECIES(privateKeyHex: string, obj: CipherObject): string | Uint8Array {
  if (!obj || typeof obj !== 'object' || typeof obj.iv !== 'string' || typeof obj.ephemeralPK !== 'string' ||
      typeof obj.cipherText !== 'string' || typeof obj.mac !== 'string') {
    throw new BaseError('E_DECRYPT_FAILED', 'Decryption failed: malformed cipher object');
  }
  let iv: Uint8Array, ephemeralPK: Uint8Array, cipherText: Uint8Array, mac: Uint8Array;
  try {
    iv = hexToBytes(obj.iv);
    ephemeralPK = hexToBytes(obj.ephemeralPK);
    cipherText = obj.cipherTextEncoding === 'base64' ? base64.decode(obj.cipherText) : hexToBytes(obj.cipherText);
    mac = hexToBytes(obj.mac);
  } catch (e) {
    throw new BaseError('E_DECRYPT_FAILED', 'Decryption failed: malformed cipher object', { cause: e });
  }
  let keys;
  try {
    keys = sharedKeys(decodePrivateKey(privateKeyHex), ephemeralPK);
  } catch (e) {
    throw new BaseError('E_DECRYPT_FAILED', 'Decryption failed: bad ephemeral key', { cause: e });
  }
  const expected = hmac(sha256, keys.hmacKey, concatBytes(iv, ephemeralPK, cipherText));
  if (mac.length !== expected.length || !equalBytes(mac, expected)) {
    throw new BaseError('E_DECRYPT_FAILED', 'Decryption failed: failure in MAC check');
  }
  let plain: Uint8Array;
  try {
    plain = cbc(keys.aesKey, iv).decrypt(cipherText);
  } catch (e) {
    throw new BaseError('E_DECRYPT_FAILED', 'Decryption failed: bad padding', { cause: e });
  }
  return obj.wasString ? new TextDecoder().decode(plain) : plain;
}

/** Upper bound of the cipher-object JSON length (eciesGetJsonStringLength of @stacks/encryption). */
export function eciesGetJsonStringLength(opts: { contentLength: number; wasString: boolean; sign: boolean; cipherTextEncoding?: CipherTextEncoding }): number {
  const shell: Record<string, unknown> = { iv: '', ephemeralPK: '', mac: '', cipherText: '', wasString: !!opts.wasString };
  if (opts.cipherTextEncoding === 'base64') shell.cipherTextEncoding = 'base64';
  const cbcLen = (Math.floor(opts.contentLength / 16) + 1) * 16;
  const encLen = opts.cipherTextEncoding === 'base64' ? Math.ceil(cbcLen / 3) * 4 : cbcLen * 2;
  const objLen = JSON.stringify(shell).length + 32 + 66 + 64 + encLen;
  if (!opts.sign) return objLen;
  return JSON.stringify({ signature: '', publicKey: '', cipherText: '' }).length + 144 + 66 + objLen;
}
