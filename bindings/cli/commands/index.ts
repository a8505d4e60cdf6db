/** @module cli/commands — every command group registers here (one line each). */
import type { Command } from 'commander';
import { registerStart } from './start.ts';

export function registerCommands(program: Command): void {
  registerStart(program);
}
