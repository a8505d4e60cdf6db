/**
 * @module wallet/store — wallet file location and I/O (Node and Deno through node:fs). The file is
 * written atomically (temp + rename) with mode 0600. Location: `--wallet PATH`, else
 * `$BLOCKSTACK_WALLET`, else `$BLOCKSTACK_HOME/wallet.json`, else `~/.blockstack/wallet.json`.
 */
// node:fs is imported lazily so that the browser bundle (which re-exports the wallet API) has no
// static node: imports; browsers keep wallets elsewhere and never call these functions.
const fs = () => import('node:fs/promises');
const dirname = (p: string) => p.slice(0, Math.max(p.lastIndexOf('/'), 0)) || '/';
import { AuthError } from '../auth/errors.ts';
import type { WalletFile } from './wallet.ts';

export function defaultWalletPath(env: Record<string, string | undefined> = process.env): string {
  if (env.BLOCKSTACK_WALLET) return env.BLOCKSTACK_WALLET;
  return `${env.BLOCKSTACK_HOME ?? `${env.HOME ?? env.USERPROFILE ?? '.'}/.blockstack`}/wallet.json`;
}

export async function readWalletFile(path: string): Promise<WalletFile> {
  let text: string;
  try {
    text = await (await fs()).readFile(path, 'utf8');
  } catch {
    throw new AuthError('E_WALLET_MISSING', `no wallet at ${path} (run \`blockstack setup\`)`);
  }
  try {
    return JSON.parse(text) as WalletFile;
  } catch {
    throw new AuthError('E_WALLET_CORRUPT', `wallet file ${path} is not JSON`);
  }
}

export async function writeWalletFile(path: string, file: WalletFile): Promise<void> {
  const { mkdir, writeFile, rename } = await fs();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, path);
}

export async function walletFileExists(path: string): Promise<boolean> {
  try {
    await (await fs()).readFile(path);
    return true;
  } catch {
    return false;
  }
}
