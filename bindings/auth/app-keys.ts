/**
 * @module auth/app-keys — identity and app key derivation exactly as @stacks/wallet-sdk 7.4
 * (spec storage-auth §7; vectors app_key_derivation.json):
 *   identities node m/888'/0'; walletSalt = hex(SHA-256(utf8(hex(compressed pubkey of m/888'/0'))));
 *   account i: identity node m/888'/0'/i' (data key, identity address), apps node = identity / 0';
 *   appIndex = hashCode(hex(SHA-256(utf8(appDomain + walletSalt)))), app key = apps node / appIndex'.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { btcAddressOf } from './keys.ts';
import { AuthError } from './errors.ts';

const HARDENED = 0x80000000;
const enc = new TextEncoder();

export interface Identity {
  index: number;
  /** identity (data) private key, hex 32 bytes: signs authResponses, association tokens and profiles */
  dataPrivateKey: string;
  dataPublicKey: string;
  /** P2PKH address of the data key: the DID address, the profile bucket and the name's owner */
  identityAddress: string;
  /** xprv of the apps node m/888'/0'/i'/0' */
  appsNodeKey: string;
  walletSalt: string;
}

/** Java-style String.hashCode over UTF-16 code units, masked to a non-negative 31-bit int. */
export function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h & 0x7fffffff;
}

export function rootFromMnemonic(mnemonic: string, passphrase = ''): HDKey {
  const words = mnemonic.trim().split(/\s+/).join(' ');
  if (!validateMnemonic(words, wordlist)) throw new AuthError('E_BAD_MNEMONIC', 'invalid BIP-39 phrase (English wordlist)');
  return HDKey.fromMasterSeed(mnemonicToSeedSync(words, passphrase));
}

export function walletSaltOf(root: HDKey): string {
  const node = root.derive("m/888'/0'");
  return bytesToHex(sha256(enc.encode(bytesToHex(node.publicKey!))));
}

export function deriveIdentity(root: HDKey, index: number): Identity {
  if (!Number.isInteger(index) || index < 0 || index >= HARDENED) throw new AuthError('E_BAD_ARGUMENT', 'account index out of range');
  const node = root.derive(`m/888'/0'/${index}'`);
  const apps = node.deriveChild(HARDENED);
  const dataPrivateKey = bytesToHex(node.privateKey!);
  const dataPublicKey = bytesToHex(node.publicKey!);
  return {
    index,
    dataPrivateKey,
    dataPublicKey,
    identityAddress: btcAddressOf(dataPublicKey),
    appsNodeKey: apps.privateExtendedKey,
    walletSalt: walletSaltOf(root),
  };
}

/** Stacks account key m/44'/5757'/0'/0/i (hex with the 01 compressed marker, as wallet-sdk stores it). */
export function deriveStxPrivateKey(root: HDKey, index: number): string {
  return `${bytesToHex(root.derive(`m/44'/5757'/0'/0/${index}`).privateKey!)}01`;
}

export function appIndexOf(appDomain: string, walletSalt: string): number {
  return hashCode(bytesToHex(sha256(enc.encode(appDomain + walletSalt))));
}

/** Normalise an app origin: scheme://host[:port], no path, no trailing slash (§7 appDomain). */
export function appOrigin(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AuthError('E_BAD_ARGUMENT', `not an absolute URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AuthError('E_BAD_ARGUMENT', `app origin must be http(s): ${url}`);
  return u.origin;
}

/** The app private key (hex) of an identity for an app domain (the origin string exactly). */
export function appPrivateKeyOf(identity: Pick<Identity, 'appsNodeKey' | 'walletSalt'>, appDomain: string): string {
  const apps = HDKey.fromExtendedKey(identity.appsNodeKey);
  const child = apps.deriveChild(appIndexOf(appDomain, identity.walletSalt) + HARDENED);
  return bytesToHex(child.privateKey!);
}
