/**
 * @module cli/main — the `blockstack` program (commander). One file per command group under commands/;
 * each registers itself on the program. Errors become a message on stderr and a non-zero exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('blockstack')
    .description('Blockstack node, resolver, storage hub and tools (WASM core)')
    .version('0.1.0')
    .exitOverride();
  registerCommands(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const err = e as Error & { code?: string; exitCode?: number };
    console.error(`blockstack: ${err.message}${err.code ? ` (${err.code})` : ''}`);
    return err.exitCode ?? 1;
  }
}
