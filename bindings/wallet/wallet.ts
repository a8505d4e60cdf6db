/**
 * @module wallet/wallet — the local identity wallet: one BIP-39 phrase (sealed with a password, see
 * keystore.ts), identities m/888'/0'/i' (each may carry a name it owns and a profile), and the record
 * of app sign-ins (grants) for `blockstack apps list/revoke`. Public data (names, addresses, profiles,
 * grants) is stored in clear beside the sealed phrase so listing needs no password.
 */
import type { HDKey } from '@scure/bip32';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { deriveIdentity, rootFromMnemonic, appPrivateKeyOf, type Identity } from '../auth/app-keys.ts';
import { emptyPerson, type Person } from '../auth/profile-token.ts';
import { AuthError } from '../auth/errors.ts';
import { seal, open, type SealedBox, DEFAULT_SCRYPT_N } from './keystore.ts';

export interface AppGrant {
  name: string;
  origin: string;
  appAddress: string;
  appPublicKey: string;
  scopes: string[];
  grantedAt: string;
  revokedAt?: string;
}

export interface IdentityRecord {
  index: number;
  name?: string;
  identityAddress: string;
  dataPublicKey: string;
  profile: Person;
}

export interface WalletFile {
  version: 1;
  kind: 'blockstack-wallet';
  keystore: SealedBox;
  identities: IdentityRecord[];
  apps: AppGrant[];
}

interface Secret {
  mnemonic: string;
  passphrase: string;
}

export interface CreateWalletOptions {
  password: string;
  /** restore from this phrase; a new 12-word phrase is generated when absent */
  mnemonic?: string;
  /** optional BIP-39 passphrase ("25th word") */
  passphrase?: string;
  /** names for identities 0, 1, …; or a number of unnamed identities (default 1) */
  identities?: (string | undefined)[] | number;
  scryptN?: number;
}

export class Wallet {
  readonly file: WalletFile;
  readonly #root: HDKey;

  private constructor(file: WalletFile, root: HDKey) {
    this.file = file;
    this.#root = root;
  }

  /** Create (or restore from a phrase); returns the wallet and the phrase to show the user once. */
  static create(o: CreateWalletOptions): { wallet: Wallet; mnemonic: string } {
    const mnemonic = o.mnemonic?.trim().split(/\s+/).join(' ') ?? generateMnemonic(wordlist, 128);
    const passphrase = o.passphrase ?? '';
    const root = rootFromMnemonic(mnemonic, passphrase);
    const secret: Secret = { mnemonic, passphrase };
    const file: WalletFile = {
      version: 1,
      kind: 'blockstack-wallet',
      keystore: seal(JSON.stringify(secret), o.password, o.scryptN ?? DEFAULT_SCRYPT_N),
      identities: [],
      apps: [],
    };
    const wallet = new Wallet(file, root);
    const ids = o.identities ?? 1;
    const names = typeof ids === 'number' ? Array.from({ length: ids }, () => undefined) : ids;
    for (const n of names) wallet.addIdentity(n);
    return { wallet, mnemonic };
  }

  /** Unlock a stored wallet file with its password. */
  static unlock(file: WalletFile, password: string): Wallet {
    if (file?.kind !== 'blockstack-wallet' || file.version !== 1) throw new AuthError('E_WALLET_CORRUPT', 'not a blockstack wallet file (version 1)');
    const secret = JSON.parse(open(file.keystore, password)) as Secret;
    return new Wallet(file, rootFromMnemonic(secret.mnemonic, secret.passphrase));
  }

  /** Add identity m/888'/0'/<next>' (optionally naming the name it owns). */
  addIdentity(name?: string): IdentityRecord {
    if (name !== undefined && this.file.identities.some((r) => r.name === name)) throw new AuthError('E_BAD_ARGUMENT', `identity ${name} exists`);
    const index = this.file.identities.length;
    const id = deriveIdentity(this.#root, index);
    const rec: IdentityRecord = { index, identityAddress: id.identityAddress, dataPublicKey: id.dataPublicKey, profile: emptyPerson() };
    if (name !== undefined) rec.name = name;
    this.file.identities.push(rec);
    return rec;
  }

  setName(index: number, name: string): void {
    const rec = this.file.identities[index];
    if (!rec) throw new AuthError('E_BAD_ARGUMENT', `no identity #${index}`);
    rec.name = name;
  }

  /** The record for a name, an identity address or an index; undefined when the wallet has none. */
  find(who: string | number): IdentityRecord | undefined {
    if (typeof who === 'number') return this.file.identities[who];
    return this.file.identities.find((r) => r.name === who || r.identityAddress === who);
  }

  /** Record plus secret keys of an identity; AuthError E_UNKNOWN_NAME when absent. */
  identity(who: string | number): { record: IdentityRecord; keys: Identity } {
    const record = this.find(who);
    if (!record) throw new AuthError('E_UNKNOWN_NAME', `this wallet holds no identity for ${JSON.stringify(who)}`);
    return { record, keys: deriveIdentity(this.#root, record.index) };
  }

  appPrivateKey(who: string | number, origin: string): string {
    return appPrivateKeyOf(this.identity(who).keys, origin);
  }

  recordGrant(g: AppGrant): void {
    this.file.apps = this.file.apps.filter((a) => !(a.name === g.name && a.origin === g.origin));
    this.file.apps.push(g);
  }

  grants(name?: string, includeRevoked = false): AppGrant[] {
    return this.file.apps.filter((a) => (name === undefined || a.name === name) && (includeRevoked || !a.revokedAt));
  }

  markRevoked(name: string, origin: string, at = new Date()): AppGrant {
    const g = this.file.apps.find((a) => a.name === name && a.origin === origin && !a.revokedAt);
    if (!g) throw new AuthError('E_APP_NOT_FOUND', `${name} has not signed in to ${origin}`);
    g.revokedAt = at.toISOString();
    return g;
  }
}
