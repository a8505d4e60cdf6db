// `npm run bench`: runs every bench/*.bench.mjs in order (each prints its own table of ratios vs peers),
// then the Deno suite. Pass names to run a subset: `npm run bench -- hash block`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (only.length === 0 || only.includes('deno')) {
  console.log('\n## deno.bench.ts (Deno)');
  const r = spawnSync('npx', ['deno', 'run', '--allow-read', '--allow-env', '--allow-sys', join(here, 'deno.bench.ts')], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
