/**
 * @module cli/commands/_wallet-io — shared by `setup`, `auth` and `apps`: wallet location, password
 * (`--password-env VAR`, else $BLOCKSTACK_PASSWORD, else an interactive prompt), hub/API URLs, printing.
 */
import { createInterface } from 'node:readline/promises';
import { Wallet, readWalletFile, writeWalletFile, defaultWalletPath } from '../../wallet/index.ts';
import type { AuthenticatorContext } from '../../authenticator/index.ts';

export interface WalletFlags {
  wallet?: string;
  passwordEnv?: string;
  hub?: string;
  api?: string;
  json?: boolean;
}

export const DEFAULT_HUB_URL = 'http://127.0.0.1:4000';
export const DEFAULT_API_URL = 'http://127.0.0.1:6270';

export { cliError, CliError } from '../output.ts';
import { cliError, out } from '../output.ts';

export async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw cliError(`cannot prompt (${question.trim()}): stdin is not a terminal; use --yes / --password-env`, 'E_NO_TTY');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function password(flags: WalletFlags, what = 'Wallet password: '): Promise<string> {
  const env = flags.passwordEnv ?? 'BLOCKSTACK_PASSWORD';
  const fromEnv = process.env[env];
  if (fromEnv) return fromEnv;
  return ask(what);
}

export const walletPath = (flags: WalletFlags) => flags.wallet ?? defaultWalletPath();
export const hubUrl = (flags: WalletFlags) => flags.hub ?? process.env.BLOCKSTACK_HUB_URL ?? DEFAULT_HUB_URL;
export const apiUrl = (flags: WalletFlags) => flags.api ?? process.env.BLOCKSTACK_API_URL ?? DEFAULT_API_URL;

export async function openWallet(flags: WalletFlags): Promise<{ wallet: Wallet; ctx: AuthenticatorContext }> {
  const path = walletPath(flags);
  const file = await readWalletFile(path);
  const wallet = Wallet.unlock(file, await password(flags));
  const ctx: AuthenticatorContext = {
    wallet,
    hubUrl: hubUrl(flags),
    apiUrl: apiUrl(flags),
    persist: () => writeWalletFile(path, wallet.file),
  };
  return { wallet, ctx };
}

/** The CLI's one printer (cli/output.ts). */
export const print = (flags: WalletFlags, value: unknown, text: string): void => out(flags, value, text);
