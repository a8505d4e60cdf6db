/**
 * @module wallet/devnet — the devnet identities `npm start` uses without a prompt. DEVNET-ONLY
 * secrets, public on purpose: phrase = BIP-39 of the first 16 bytes of SHA-256("blockstack-wasm
 * devnet identities"), password `devnet`. Identity i owns DEVNET_NAMES[i]; its identity address
 * (P2PKH of m/888'/0'/i') is the name's owner address, its data key signs the profile.
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Wallet } from './wallet.ts';
import { deriveIdentity, rootFromMnemonic } from '../auth/app-keys.ts';

export const DEVNET_PASSWORD = 'devnet';
export const DEVNET_MNEMONIC = entropyToMnemonic(sha256(new TextEncoder().encode('blockstack-wasm devnet identities')).subarray(0, 16), wordlist);
export const DEVNET_NAMES = ['alice.id', 'bob.id', 'carol.id'] as const;

/** A fresh in-memory devnet wallet (cheap scrypt) holding the demo names. */
export function devnetWallet(names: readonly string[] = DEVNET_NAMES): Wallet {
  return Wallet.create({ mnemonic: DEVNET_MNEMONIC, password: DEVNET_PASSWORD, identities: [...names], scryptN: 1 << 12 }).wallet;
}

/**
 * Owner keys of the demo names, for the devnet to register them: name → identity address (owner),
 * data private key (signs the owner's transactions and the profile) and public key.
 */
export function devnetIdentities(names: readonly string[] = DEVNET_NAMES): {
  name: string;
  index: number;
  ownerAddress: string;
  privateKey: string;
  publicKey: string;
}[] {
  const root = rootFromMnemonic(DEVNET_MNEMONIC);
  return names.map((name, index) => {
    const id = deriveIdentity(root, index);
    return { name, index, ownerAddress: id.identityAddress, privateKey: id.dataPrivateKey, publicKey: id.dataPublicKey };
  });
}
