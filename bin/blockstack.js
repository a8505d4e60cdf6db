#!/usr/bin/env node
// The `blockstack` command: the CLI is bundled into dist/cli.js by `npm run build` (run by `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('blockstack: dist/cli.js is missing; run `npm run build` in the package folder first');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv);
