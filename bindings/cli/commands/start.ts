/** @module cli/commands/start — `blockstack start`: what `npm start` runs. */
import type { Command } from 'commander';
import { core } from '../../index.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the full node on the embedded devnet (devnet, indexer, Atlas, hub, REST API)')
    .action(() => {
      console.log(`blockstack-wasm core loaded (ABI ${core().abiVersion()})`);
      console.log('The full node is not built yet; available now: the WASM core API (import "blockstack-wasm").');
    });
}
