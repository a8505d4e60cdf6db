/**
 * @module cli/commands/devnet — `blockstack devnet start|mine|reorg|status`. `start` runs the devnet
 * chain and its bitcoind-compatible RPC alone (foreground); the others talk to the running devnet's RPC
 * (`generatetoaddress`, the devnet's `devnet_reorg`, `getblockchaininfo` + `getmempoolinfo`).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { Devnet } from '../../chain/devnet/devnet.ts';
import { DEVNET } from '../../chain/devnet/params.ts';
import { Keyring } from '../../chain/wallet.ts';
import { homeDir, loadConfig, parseMining } from '../../node/config.ts';
import { cliError, out, rpcClient, withRpcFlags, type NodeFlags } from './_node-io.ts';

const minerAddress = (): string => Keyring.open(join(homeDir(), 'devnet', 'wallet.json'), DEVNET.versions).p2pkh(0).address;
const posInt = (v: string, what: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw cliError(`${what} must be a positive integer, got ${JSON.stringify(v)}`, 'E_BAD_ARGUMENT');
  return Number(v);
};

export function registerDevnet(program: Command): void {
  const dn = program.command('devnet').description('the embedded regtest-style Bitcoin devnet');
  dn.command('start')
    .description('run the devnet chain + JSON-RPC alone (blocks in $BLOCKSTACK_HOME/devnet)')
    .option('--rpc-port <n>', 'RPC port (default 18443)')
    .option('--mining <mode>', 'instant | manual | <interval ms>')
    .option('--no-xor', 'write block files without the Core 28 XOR obfuscation')
    .option('--json', 'JSON output')
    .action(async (f: { rpcPort?: string; mining?: string; xor?: boolean; json?: boolean }) => {
      const cfg = loadConfig();
      const d = new Devnet({ dir: join(cfg.home, 'devnet'), rpcPort: f.rpcPort ? Number(f.rpcPort) : cfg.devnet.rpcPort, rpcUser: cfg.devnet.rpcUser, rpcPassword: cfg.devnet.rpcPassword, mining: parseMining(f.mining) ?? cfg.devnet.mining, obfuscate: f.xor !== false && cfg.devnet.obfuscate });
      const url = await d.start();
      d.ensureMatureFunds();
      out(f, { rpcUrl: url, height: d.chain.height, miner: d.miner.address }, `devnet RPC ${url} (user ${cfg.devnet.rpcUser}), height ${d.chain.height}, miner ${d.miner.address}; Ctrl-C stops`);
      const stop = async () => { await d.stop(); process.exit(0); };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
      await new Promise(() => {});
    });
  withRpcFlags(dn.command('mine [n]').description('mine n blocks (default 1) to the devnet miner or --address').option('--address <addr>', 'coinbase address').option('--json', 'JSON output'))
    .action(async (n: string | undefined, f: NodeFlags & { address?: string }) => {
      const hashes = await rpcClient(f).call<string[]>('generatetoaddress', [posInt(n ?? '1', 'n'), f.address ?? minerAddress()]);
      out(f, { mined: hashes.length, hashes }, `mined ${hashes.length} block(s); tip ${hashes.at(-1)}`);
    });
  withRpcFlags(dn.command('reorg <n>').description('fork the tip: replace the last n blocks by a longer branch').option('--include-txs', 'put the dropped transactions in the new branch').option('--json', 'JSON output'))
    .action(async (n: string, f: NodeFlags & { includeTxs?: boolean }) => {
      const r = await rpcClient(f).call<{ forkHeight: number; dropped: string[]; added: string[] }>('devnet_reorg', [posInt(n, 'n'), !!f.includeTxs]);
      out(f, r, `reorg: forked at ${r.forkHeight}, dropped ${r.dropped.length} block(s), new branch of ${r.added.length}`);
    });
  withRpcFlags(dn.command('status').description('chain height, best block, mempool').option('--json', 'JSON output'))
    .action(async (f: NodeFlags) => {
      const rpc = rpcClient(f);
      const info = await rpc.call<{ chain: string; blocks: number; bestblockhash: string }>('getblockchaininfo');
      const pool = await rpc.call<{ size: number }>('getmempoolinfo');
      out(f, { ...info, mempool: pool.size, rpcUrl: rpc.opts.url }, `${info.chain} at ${rpc.opts.url}: height ${info.blocks}, best ${info.bestblockhash}, mempool ${pool.size} tx`);
    });
}
