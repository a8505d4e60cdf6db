/**
 * @module auth/shared-files — multi-user reads and writes on top of key discovery (spec storage-auth
 * §5 getFile multi-player, §6, §8): read another user's file from the bucket their profile publishes
 * and verify its signature against their discovered app key; encrypt content to another user's app key.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { discoverAppKey, type DiscoverOptions, type DiscoveredApp } from './discover.ts';
import { decryptECIES, encryptECIES, type CipherObject } from './ecies.ts';
import { btcAddressOf, compressPublicKey, decodePrivateKey } from './keys.ts';
import { AuthError } from './errors.ts';

const enc = new TextEncoder();

/** DER ECDSA over SHA-256(content), low-S, as @stacks/encryption signECDSA. */
export function signECDSA(privateKeyHex: string, content: string | Uint8Array): { signature: string; publicKey: string } {
  const bytes = typeof content === 'string' ? enc.encode(content) : content;
  const key = decodePrivateKey(privateKeyHex);
  const sig = secp256k1.sign(sha256(bytes), key, { prehash: false, lowS: true, format: 'der' });
  return { signature: bytesToHex(sig), publicKey: bytesToHex(secp256k1.getPublicKey(key, true)) };
}

/** Non-strict DER ECDSA verify (high or low S), false on anything malformed. */
export function verifyECDSA(content: string | Uint8Array, publicKeyHex: string, signatureDerHex: string): boolean {
  try {
    const bytes = typeof content === 'string' ? enc.encode(content) : content;
    return secp256k1.verify(hexToBytes(signatureDerHex), sha256(bytes), compressPublicKey(publicKeyHex), {
      prehash: false,
      lowS: false,
      format: 'der',
    });
  } catch {
    return false;
  }
}

export interface ReadSharedOptions extends DiscoverOptions {
  /** check the signature (envelope or `.sig`) against the owner's discovered app key */
  verify?: boolean;
  /** decrypt with this private key (the reader's own app key, when the file was encrypted to it) */
  decryptKey?: string;
}

function checkSigner(app: DiscoveredApp, publicKey: string): void {
  if (btcAddressOf(publicKey) !== app.bucketAddress) {
    throw new AuthError('E_PROFILE_SIGNER_MISMATCH', `signer ${btcAddressOf(publicKey)} does not own bucket ${app.bucketAddress}`);
  }
  if (app.appPublicKey && bytesToHex(compressPublicKey(publicKey)) !== bytesToHex(compressPublicKey(app.appPublicKey))) {
    throw new AuthError('E_PROFILE_SIGNER_MISMATCH', 'signer is not the discovered app key');
  }
}

async function get(url: string, f: typeof fetch): Promise<Response> {
  const res = await f(url);
  if (res.status === 404) throw new AuthError('E_APP_NOT_FOUND', `no file at ${url}`);
  if (!res.ok) throw new AuthError('E_HUB_ERROR', `GET ${url} answered ${res.status}`);
  return res;
}

/** Read `path` from `name`'s bucket for `origin`; returns text (or bytes for decrypted binary). */
export async function readSharedFile(name: string, origin: string, path: string, o: ReadSharedOptions = {}): Promise<string | Uint8Array> {
  const f = (o.fetch ?? fetch) as typeof fetch;
  const app = await discoverAppKey(name, origin, o);
  const url = app.bucketUrl + path;
  const raw = new Uint8Array(await (await get(url, f)).arrayBuffer());
  const body = new TextDecoder().decode(raw);
  if (o.decryptKey) {
    let cipher: CipherObject;
    let parsed: { signature?: string; publicKey?: string; cipherText?: string } & Partial<CipherObject>;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new AuthError('E_DECRYPT_FAILED', `${url} is not an encrypted file`);
    }
    if (typeof parsed.signature === 'string' && typeof parsed.publicKey === 'string' && typeof parsed.cipherText === 'string') {
      if (o.verify) {
        checkSigner(app, parsed.publicKey);
        if (!verifyECDSA(parsed.cipherText, parsed.publicKey, parsed.signature)) {
          throw new AuthError('E_PROFILE_SIGNER_MISMATCH', `signature of ${url} does not verify`);
        }
      }
      cipher = JSON.parse(parsed.cipherText);
    } else {
      if (o.verify) throw new AuthError('E_PROFILE_SIGNER_MISMATCH', `${url} is not signed`);
      cipher = parsed as CipherObject;
    }
    return decryptECIES(o.decryptKey, cipher);
  }
  if (o.verify) {
    const sig = JSON.parse(await (await get(`${url}.sig`, f)).text()) as { signature: string; publicKey: string };
    checkSigner(app, sig.publicKey);
    if (!verifyECDSA(raw, sig.publicKey, sig.signature)) throw new AuthError('E_PROFILE_SIGNER_MISMATCH', `signature of ${url} does not verify`);
  }
  return body;
}

/** Encrypt content to `name`'s app key for `origin` (the JSON text putFile would upload). */
export async function encryptForUser(name: string, origin: string, content: string | Uint8Array, o: DiscoverOptions = {}): Promise<string> {
  const app = await discoverAppKey(name, origin, o);
  if (!app.appPublicKey) throw new AuthError('E_APP_NOT_FOUND', `${name} has not published an app public key for ${origin}`);
  return JSON.stringify(encryptECIES(app.appPublicKey, content));
}

/** The signed+encrypted envelope putFile({encrypt: key, sign: true}) uploads (§6). */
export function sealForUser(senderAppPrivateKey: string, recipientPublicKey: string, content: string | Uint8Array): string {
  const cipherText = JSON.stringify(encryptECIES(recipientPublicKey, content));
  const { signature, publicKey } = signECDSA(senderAppPrivateKey, cipherText);
  return JSON.stringify({ signature, publicKey, cipherText });
}
