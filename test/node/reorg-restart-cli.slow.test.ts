/**
 * Reorgs while the node is stopped, through the real CLI (issue 12 §2): `blockstack devnet start` runs the
 * standalone devnet; `blockstack api start --chain rpc` and `--chain blkfiles` (over the devnet's block files)
 * follow it; name ops (namespace, registrations, updates) are sent with the CLI's own commands. For N in 1, 3,
 * 10: name ops land in the last N blocks, both nodes index them and are stopped, `blockstack devnet reorg N`
 * orphans those blocks, both nodes restart; each node's name database (every block hash and consensus hash,
 * names, history, namespaces) must equal that of a fresh node replaying the same chain from the same source.
 * The in-process variant (Indexer over both sources, also a reorg after a restart) is reorg-restart.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliEnv, dumpNameDb, startCli, until, type CliServer } from '../helpers/cli-node.ts';

const base = mkdtempSync(join(tmpdir(), 'bsk-reorg-cli-'));
const devHome = join(base, 'devnet-home');
const blocksDir = join(devHome, 'devnet', 'blocks');
let devnet: CliServer;
let rpcUrl = '';
let freshRuns = 0;

const SOURCES = ['rpc', 'blkfiles'] as const;
type Source = (typeof SOURCES)[number];
const homes: Record<Source, string> = { rpc: join(base, 'node-rpc'), blkfiles: join(base, 'node-blk') };

function apiArgs(src: Source): string[] {
  const chain = src === 'rpc' ? ['--chain', 'rpc', '--rpc-url', rpcUrl] : ['--chain', 'blkfiles', '--blocks-dir', blocksDir];
  return ['api', 'start', ...chain, '--network', 'regtest', '--port', '0', '--hub-port', '0', '--no-atlas', '--no-crawl'];
}
const chainHeight = async (): Promise<number> => JSON.parse(await cli(['devnet', 'status', '--json', '--rpc-url', rpcUrl], cliEnv(devHome))).blocks;
const nodeHeight = async (api: string): Promise<number> => (await (await fetch(api + '/v1/info')).json()).last_block_processed;

/** Starts a node of `src` in `home` and waits until it has indexed the devnet's tip. */
async function startNode(src: Source, home: string): Promise<CliServer> {
  const s = await startCli(apiArgs(src), cliEnv(home));
  const want = await chainHeight();
  await until(`${src} node at ${want}`, async () => (await nodeHeight(s.info.api)) === want);
  return s;
}

/** A node that never saw the orphaned branch: a fresh home replaying the chain as it is now. */
async function freshDump(src: Source): Promise<Record<string, unknown[]>> {
  const home = join(base, `fresh-${src}-${freshRuns++}`);
  const s = await startNode(src, home);
  await s.stop();
  return dumpNameDb(home);
}

/** Runs a name-op command of the CLI (wallet of the devnet, state from the RPC node's API). */
const op = (api: string, ...args: string[]) => cli([...args, '--from', '0', '--api', api, '--rpc-url', rpcUrl, '--json'], cliEnv(devHome));

function zonefile(name: string, n: number): string {
  const p = join(base, `${name}-${n}.zone`);
  writeFileSync(p, `$ORIGIN ${name}\n$TTL 3600\n@\tIN\tTXT\t"v${n}"\n`);
  return p;
}

describe('reorg while the CLI node is stopped (devnet start + api start --chain rpc / blkfiles)', () => {
  let nodes: Record<Source, CliServer>;
  beforeAll(async () => {
    devnet = await startCli(['devnet', 'start', '--rpc-port', '0', '--mining', 'instant'], cliEnv(devHome));
    rpcUrl = devnet.info.rpcUrl;
    nodes = { rpc: await startNode('rpc', homes.rpc), blkfiles: await startNode('blkfiles', homes.blkfiles) };
    const api = nodes.rpc.info.api;
    await op(api, 'namespace-preorder', 'test');
    await op(api, 'namespace-reveal', 'test');
    await op(api, 'namespace-ready', 'test');
    await op(api, 'register', 'keep.test');
  }, 300_000);
  afterAll(async () => {
    for (const s of Object.values(nodes ?? {})) await s.stop().catch(() => {});
    await devnet?.stop().catch(() => {});
    rmSync(base, { recursive: true, force: true });
  });

  for (const n of [1, 3, 10]) {
    it(`reorg ${n}: name ops in the orphaned blocks; after a restart both nodes equal a fresh replay`, async () => {
      const api = nodes.rpc.info.api;
      const first = (await chainHeight()) + 1;
      const orphanName = n >= 3 ? `orph${n}.test` : null;
      if (orphanName) await op(api, 'register', orphanName, '--zonefile', zonefile(orphanName, n)); // preorder + register: 2 blocks
      await op(api, 'update', 'keep.test', '--zonefile', zonefile('keep.test', n)); // 1 block
      const used = (await chainHeight()) - first + 1;
      expect(used).toBeLessThanOrEqual(n);
      if (n > used) await cli(['devnet', 'mine', String(n - used), '--rpc-url', rpcUrl], cliEnv(devHome));
      const tip = await chainHeight();
      expect(tip - first + 1).toBe(n); // every op block is within the last n blocks
      for (const src of SOURCES) await until(`${src} node at ${tip}`, async () => (await nodeHeight(nodes[src].info.api)) === tip);
      const before = await (await fetch(`${api}/v1/names/keep.test`)).json();
      for (const src of SOURCES) await nodes[src].stop();

      const r = JSON.parse(await cli(['devnet', 'reorg', String(n), '--rpc-url', rpcUrl, '--json'], cliEnv(devHome)));
      expect(r.forkHeight).toBe(tip - n);
      expect(await chainHeight()).toBe(tip + 1);

      for (const src of SOURCES) {
        nodes[src] = await startNode(src, homes[src]);
        const after = await (await fetch(`${nodes[src].info.api}/v1/names/keep.test`)).json();
        expect(after.last_txid, `${src}: the orphaned update is gone`).not.toBe(before.last_txid);
        if (orphanName) expect((await fetch(`${nodes[src].info.api}/v1/names/${orphanName}`)).status, `${src}: ${orphanName}`).toBe(404);
        await nodes[src].stop(); // the database is read while no writer holds it
        expect(dumpNameDb(homes[src]), src).toEqual(await freshDump(src));
        nodes[src] = await startNode(src, homes[src]);
      }
    }, 300_000);
  }
});
