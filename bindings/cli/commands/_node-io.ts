/**
 * @module cli/commands/_node-io — shared plumbing of the node commands: one printer (`--json` or text),
 * typed CLI errors (code + exit code), and a small REST client / RPC client for a running node, found
 * through `--api` / `--rpc-url` flags, BLOCKSTACK_API_URL, or `$BLOCKSTACK_HOME/run.json`.
 */
import { RpcClient } from '../../chain/rpc-client.ts';
import { homeDir, readRunInfo } from '../../node/config.ts';

export interface NodeFlags { json?: boolean; api?: string; rpcUrl?: string; rpcUser?: string; rpcPassword?: string }

export { cliError, out, CliError } from '../output.ts';
import { cliError } from '../output.ts';

export function apiBase(flags: NodeFlags): string {
  const u = flags.api ?? process.env.BLOCKSTACK_API_URL ?? readRunInfo(homeDir())?.apiUrl;
  if (!u) throw cliError(`no running node found (no ${homeDir()}/run.json); start one with \`blockstack start\` or pass --api URL`, 'E_NODE_NOT_RUNNING');
  return u.replace(/\/$/, '');
}

/** GET a REST path; returns { status, body } (body parsed JSON), or throws E_NODE_UNREACHABLE. */
export async function apiGet(flags: NodeFlags, path: string): Promise<{ status: number; body: any }> {
  const base = apiBase(flags);
  let r: Response;
  try { r = await fetch(base + path, { signal: AbortSignal.timeout(15_000) }); } catch (e) {
    throw cliError(`cannot reach the node API at ${base}: ${(e as Error).message}`, 'E_NODE_UNREACHABLE');
  }
  const body = await r.json().catch(() => null);
  return { status: r.status, body };
}

export function rpcClient(flags: NodeFlags): RpcClient {
  const run = readRunInfo(homeDir());
  const url = flags.rpcUrl ?? process.env.BLOCKSTACK_RPC_URL ?? run?.rpcUrl;
  if (!url) throw cliError('no chain RPC known: start the node (`blockstack start`) or pass --rpc-url', 'E_NODE_NOT_RUNNING');
  return new RpcClient({ url, user: flags.rpcUser ?? process.env.BLOCKSTACK_RPC_USER ?? run?.rpcUser, password: flags.rpcPassword ?? process.env.BLOCKSTACK_RPC_PASSWORD ?? run?.rpcPassword });
}

export const withNodeFlags = <T extends { option: (f: string, d: string) => T }>(c: T): T =>
  c.option('--json', 'JSON output').option('--api <url>', 'node REST API (default: the running node in $BLOCKSTACK_HOME)');
export const withRpcFlags = <T extends { option: (f: string, d: string) => T }>(c: T): T =>
  c.option('--rpc-url <url>', 'bitcoind / devnet JSON-RPC URL').option('--rpc-user <user>', 'RPC user').option('--rpc-password <pw>', 'RPC password');
