/**
 * @module storage/client/envelope — the stored forms of a file body (spec §6), compatible with
 * @stacks/encryption: encrypted cipher-object JSON, the signed+encrypted envelope
 * `{"signature","publicKey","cipherText":"<cipher object JSON>"}`, and the `.sig` sidecar of signed plain files.
 */
import { StorageError } from '../errors.ts';
import { decryptECIES, encryptECIES, type CipherObject, type CipherTextEncoding } from '../crypto/ecies.ts';
import { addressFromPublicKey, publicKeyFromPrivate } from '../crypto/keys.ts';
import { signECDSA, verifyECDSA, type SignatureObject } from '../crypto/ecies.ts';

export interface EncryptContentOptions {
  publicKey?: string;
  privateKey?: string;
  /** true → sign with privateKey; a key string → sign with that key. */
  sign?: boolean | string;
  cipherTextEncoding?: CipherTextEncoding;
  wasString?: boolean;
  ephemeralPrivateKey?: string;
  iv?: string;
}

/** encryptContent of @stacks/encryption (returns the JSON text that putFile uploads). */
export function encryptContent(content: string | Uint8Array, opts: EncryptContentOptions): string {
  const publicKey = opts.publicKey ?? (opts.privateKey ? publicKeyFromPrivate(opts.privateKey) : undefined);
  if (!publicKey) throw new StorageError('E_MISSING_KEY', 'Either public key or private key must be supplied for encryption.');
  const cipher = encryptECIES(publicKey, content, {
    wasString: opts.wasString ?? typeof content === 'string', cipherTextEncoding: opts.cipherTextEncoding,
    ephemeralPrivateKey: opts.ephemeralPrivateKey, iv: opts.iv,
  });
  const payload = JSON.stringify(cipher);
  if (!opts.sign) return payload;
  const signer = typeof opts.sign === 'string' ? opts.sign : opts.privateKey;
  if (!signer) throw new StorageError('E_MISSING_KEY', 'A private key is needed to sign');
  const sig = signECDSA(signer, payload);
  return JSON.stringify({ signature: sig.signature, publicKey: sig.publicKey, cipherText: payload });
}

function parseJson(text: string, what: string): any {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new StorageError('E_BAD_ENVELOPE', `${what} is not JSON`, { cause: e });
  }
}

/** Decrypt a cipher object JSON (or the inner cipher text of a signed envelope, unverified). */
export function decryptContent(content: string, opts: { privateKey: string }): string | Uint8Array {
  const obj = parseJson(content, 'encrypted content');
  if (obj && typeof obj.cipherText === 'string' && typeof obj.signature === 'string' && typeof obj.mac !== 'string') {
    return decryptECIES(opts.privateKey, parseJson(obj.cipherText, 'signed cipher text') as CipherObject);
  }
  return decryptECIES(opts.privateKey, obj as CipherObject);
}

/** The signer's key must be well formed and own the bucket address (messages as @stacks/storage's). */
function checkSigner(publicKey: string, expectedAddress: string): void {
  let signer: string;
  try {
    signer = addressFromPublicKey(publicKey);
  } catch {
    throw new StorageError('E_SIGNATURE_VERIFICATION', 'Signer public key is malformed');
  }
  if (signer !== expectedAddress) {
    throw new StorageError('E_SIGNATURE_VERIFICATION', `Signer pubkey address (${signer}) doesn't match gaia address (${expectedAddress})`);
  }
}

/**
 * Verify a signed+encrypted envelope: the signer's address must be `expectedAddress` (the bucket) and
 * the signature must cover the inner cipher JSON; then decrypt.
 */
export function openSignedEnvelope(content: string, opts: { privateKey: string; expectedAddress: string }): string | Uint8Array {
  const env = parseJson(content, 'signed envelope');
  if (!env || typeof env.signature !== 'string' || typeof env.publicKey !== 'string' || typeof env.cipherText !== 'string') {
    throw new StorageError('E_SIGNATURE_VERIFICATION', 'Failed to parse encrypted, signed content JSON.');
  }
  checkSigner(env.publicKey, opts.expectedAddress);
  if (!verifyECDSA(env.cipherText, env.publicKey, env.signature)) {
    throw new StorageError('E_SIGNATURE_VERIFICATION', 'Contents do not match ECDSA signature in file');
  }
  return decryptECIES(opts.privateKey, parseJson(env.cipherText, 'signed cipher text') as CipherObject);
}

/** The `.sig` sidecar text for a signed, unencrypted file. */
export function makeSigFile(privateKey: string, body: Uint8Array): string {
  return JSON.stringify(signECDSA(privateKey, body));
}

/** Check a `.sig` sidecar against the stored bytes and the bucket address. */
export function checkSigFile(sigText: string, body: Uint8Array, expectedAddress: string): void {
  const sig = parseJson(sigText, '.sig file') as SignatureObject;
  if (!sig || typeof sig.signature !== 'string' || typeof sig.publicKey !== 'string') {
    throw new StorageError('E_SIGNATURE_VERIFICATION', 'Failed to parse signature content JSON');
  }
  checkSigner(sig.publicKey, expectedAddress);
  if (!verifyECDSA(body, sig.publicKey, sig.signature)) {
    throw new StorageError('E_SIGNATURE_VERIFICATION', 'Contents do not match ECDSA signature');
  }
}
