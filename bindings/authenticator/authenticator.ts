/**
 * @module authenticator/authenticator — one call for the node to host the authenticator: opens the wallet (the
 * devnet wallet when `devnet`, no prompt), builds `authRoutes` (with `--auth-approve NAME`), publishes
 * profiles to the hub and returns each name's zone file (its `_http._tcp` URI = the profile URL) for the
 * node to put on chain with a NAME_UPDATE and push through Atlas.
 */
import type { Hono } from 'hono';
import { makeZoneFile } from '../routing/zonefile/index.ts';
import { Wallet } from '../wallet/wallet.ts';
import { devnetWallet } from '../wallet/devnet.ts';
import { readWalletFile, writeWalletFile } from '../wallet/store.ts';
import { authRoutes } from './routes.ts';
import { publishProfile, type AuthenticatorContext } from './sign-in.ts';
import { AuthError } from '../auth/errors.ts';
import type { FetchFn } from '../auth/hub-write.ts';

export interface AuthenticatorOptions {
  hubUrl: string;
  apiUrl?: string;
  /** use this wallet; else `devnet` (the documented devnet wallet); else the file at walletPath + password */
  wallet?: Wallet;
  devnet?: boolean;
  walletPath?: string;
  password?: string;
  autoApprove?: string;
  fetch?: FetchFn;
}

export interface Authenticator {
  wallet: Wallet;
  context: AuthenticatorContext;
  /** mount with `app.route('/', authenticator.routes)` → GET/POST /auth */
  routes: Hono;
  /** sign and upload profile.json for each named identity; returns name → {profileUrl, zonefile} */
  publishProfiles(names?: string[]): Promise<Map<string, { profileUrl: string; zonefile: string }>>;
}

/** The zone file the wallet publishes for a name: one `_http._tcp` URI record with the profile URL. */
export function profileZoneFile(name: string, profileUrl: string): string {
  return makeZoneFile({ $origin: name, $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: profileUrl }] });
}

export async function createAuthenticator(o: AuthenticatorOptions): Promise<Authenticator> {
  let wallet = o.wallet;
  let persist: (() => Promise<void>) | undefined;
  if (!wallet && o.devnet) wallet = devnetWallet();
  if (!wallet) {
    if (!o.walletPath || o.password === undefined) throw new AuthError('E_WALLET_MISSING', 'createAuthenticator needs a wallet, devnet, or walletPath + password');
    const path = o.walletPath;
    const w = Wallet.unlock(await readWalletFile(path), o.password);
    persist = () => writeWalletFile(path, w.file);
    wallet = w;
  }
  for (const n of o.autoApprove?.split(',') ?? []) if (!wallet.find(n)) throw new AuthError('E_UNKNOWN_NAME', `--auth-approve ${n}: the wallet holds no such name`);
  const context: AuthenticatorContext = { wallet, hubUrl: o.hubUrl, apiUrl: o.apiUrl, fetch: o.fetch, persist };
  const routes = authRoutes({ ...context, autoApprove: o.autoApprove });
  const w = wallet;
  return {
    wallet: w,
    context,
    routes,
    async publishProfiles(names) {
      const out = new Map<string, { profileUrl: string; zonefile: string }>();
      for (const rec of w.file.identities) {
        if (!rec.name || (names && !names.includes(rec.name))) continue;
        const profileUrl = await publishProfile(context, rec.name);
        out.set(rec.name, { profileUrl, zonefile: profileZoneFile(rec.name, profileUrl) });
      }
      return out;
    },
  };
}
