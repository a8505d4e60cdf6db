/** @module cli/commands — every command group registers here (one line each). */
import type { Command } from 'commander';
import { registerStart } from './start.ts';
import { registerWallet } from './wallet.ts';
import { registerAuth } from './auth.ts';
import { registerVerifyConsensus } from './verify-consensus.ts';
import { registerRouting } from './routing.ts';
import { registerDevnet } from './devnet.ts';
import { registerNames } from './names.ts';
import { registerNameOps } from './nameops.ts';
import { registerHub } from './hub.ts';
import { registerDb } from './db.ts';
import { registerDns } from './dns.ts';
import { registerCrawl } from './crawl.ts';

export function registerCommands(program: Command): void {
  registerStart(program);
  registerWallet(program);
  registerAuth(program);
  registerVerifyConsensus(program);
  registerRouting(program);
  registerDevnet(program);
  registerNames(program);
  registerNameOps(program);
  registerHub(program);
  registerDb(program);
  registerDns(program);
  registerCrawl(program);
}
