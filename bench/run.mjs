// `npm run bench`: runs every bench/*.bench.mjs in order (each prints its own table of ratios vs peers),
// then the Deno suite. Pass names to run a subset: `npm run bench -- hash block`.
// The peers measured against (benchmark.js, tiny-secp256k1, the native secp256k1 addon, elliptic, hash-wasm)
// are used by nothing but the benches, so they are not in the root package.json: bench/peers/package.json is
// their own package, installed here (`npm install --prefix bench/peers`) when bench/peers/node_modules is
// missing, and bench files import them through bench/peers/index.mjs / hash-peers.mjs, which resolve from
// that folder. Running one bench file alone: `npm install --prefix bench/peers` once first.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'peers', 'node_modules'))) {
  console.log('installing the bench peers: npm install --prefix bench/peers');
  const r = spawnSync('npm', ['install', '--prefix', join(here, 'peers')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
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
