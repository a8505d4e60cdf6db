/**
 * The crawl suites' shared set-up: a loopback Gaia hub on a disk driver, a devnet node with a CrawlService,
 * and N generated users (signed profiles and microblog files written to the hub, names imported on chain with
 * zone files pointing at their profiles). Each suite keeps its own checks; this is only the world they crawl.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importUsers } from '../../bindings/crawl/gen/chain.ts';
import { makeUser, profileUrlOf, writeUserFiles, zonefileOf, type GenUser } from '../../bindings/crawl/gen/users.ts';
import { CrawlService, type CrawlServiceOptions } from '../../bindings/crawl/service.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import { startHub, type RunningHub } from '../../bindings/storage/hub/server.ts';

export interface CrawlDevnetOptions {
  users: number;
  namespace: string;
  origin: string;
  microblogEvery: number;
  perBlock: number;
  /** makeUser seed (default: makeUser's own). */
  seed?: string;
  /** CrawlService options besides `intervalMs: 0`. */
  crawl?: Omit<CrawlServiceOptions, 'intervalMs'>;
  /** `db` of the node's config (e.g. a PostgreSQL URL); SQLite when absent. */
  db?: string;
  /** Node home below the temp dir (default: the temp dir itself). */
  nodeSubdir?: string;
}

export interface CrawlDevnet {
  home: string;
  driver: DiskDriver;
  hub: RunningHub;
  node: BlockstackNode;
  crawl: CrawlService;
  users: GenUser[];
  /** The chain entry of a user (its zone file points at its profile on the hub unless `zonefile` is given). */
  chainUser(u: GenUser, zonefile?: string): { name: string; ownerKey: GenUser['ownerKey']; zonefile: string };
  /** Stops the node and the hub and removes the temp dir. */
  stop(): Promise<void>;
}

export async function startCrawlDevnet(o: CrawlDevnetOptions): Promise<CrawlDevnet> {
  const home = mkdtempSync(join(tmpdir(), `bsk-${o.namespace}-`));
  const driver = new DiskDriver({ storageRootDirectory: join(home, 'gaia') });
  const hub = await startHub({ driver });
  const crawl = new CrawlService({ intervalMs: 0, ...o.crawl });
  const cfg = { api: { port: 0 }, devnet: { rpcPort: 0, mining: 'manual' }, atlas: { enabled: false }, ...(o.db ? { db: o.db } : {}) };
  const nodeHome = o.nodeSubdir ? join(home, o.nodeSubdir) : home;
  const node = await BlockstackNode.start(loadConfig(cfg as any, { BLOCKSTACK_HOME: nodeHome }), { logToStderr: 'silent', services: [crawl] });
  const users = Array.from({ length: o.users }, (_, i) => makeUser(i, o.users, { namespace: o.namespace, microblogEvery: o.microblogEvery, ...(o.seed ? { seed: o.seed } : {}) }));
  for (const u of users) await writeUserFiles(driver, u, hub.readUrlPrefix, o.origin);
  const chainUser = (u: GenUser, zonefile?: string) => ({ name: u.name, ownerKey: u.ownerKey, zonefile: zonefile ?? zonefileOf(u.name, profileUrlOf(u, hub.readUrlPrefix)) });
  await importUsers(node, users.map((u) => chainUser(u)), { namespace: o.namespace, perBlock: o.perBlock });
  return {
    home, driver, hub, node, crawl, users, chainUser,
    async stop() {
      await node.stop();
      await hub.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
