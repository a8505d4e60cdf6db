// The whole build: core.wasm (scripts/build-wasm.mjs) then the JavaScript bundles in dist/ (esbuild):
//   dist/node.js     the package's Node entry (dependencies stay external)
//   dist/browser.js  the browser entry (self-contained)
//   dist/cli.js      the `blockstack` command (bin/blockstack.js imports it)
//   dist/blkscan-worker.js  the bulk blk-file scanner's worker thread (node/blkscan/pool.ts loads it)
//   dist/crawl-verify-worker.js  the crawler's signature-check worker thread (crawl/verify-pool.ts loads it)
//   dist/types/      .d.ts of the public entries (tsconfig.types.json; package.json `types`)
// `--if-stale` skips the work when no source is newer than the last build.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWasm } from './build-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const STAMP = 'dist/.stamp';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!p.endsWith('wasm-bytes.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest('core-as'), newest('bindings'), newest('examples'), statSync('asconfig.json').mtimeMs, newest('scripts'));
if (process.argv.includes('--if-stale') && existsSync(STAMP) && existsSync('bindings/core/wasm-bytes.ts') && existsSync('build/core.nosimd.wasm') && statSync(STAMP).mtimeMs >= sources) {
  process.exit(0);
}

const w = await buildWasm();
const common = { bundle: true, format: 'esm', target: 'es2022', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: { node: 'bindings/runtime/node.ts', cli: 'bindings/cli/main.ts', 'blkscan-worker': 'bindings/node/blkscan/worker.ts', 'crawl-verify-worker': 'bindings/crawl/verify-worker.ts' }, outdir: 'dist', platform: 'node', packages: 'external' });
await build({ ...common, entryPoints: { browser: 'bindings/runtime/browser.ts', 'crawl-page': 'bindings/crawl/page/search-page.ts' }, outdir: 'dist', platform: 'browser', external: ['node:*'] });
// the example apps (examples/<app>/): CLIs for Node, pages for browsers (served by the node at /apps/<app>/)
const APPS = ['filesharing', 'mail', 'microblog'];
await build({ ...common, entryPoints: Object.fromEntries(APPS.map((a) => [`${a}-cli`, `examples/${a}/cli.ts`])), outdir: 'dist/apps', platform: 'node', packages: 'external' });
await build({ ...common, entryPoints: Object.fromEntries(APPS.map((a) => [a, `examples/${a}/page.ts`])), outdir: 'dist/apps', platform: 'browser', external: ['node:*'] });
buildTypes();
writeFileSync(STAMP, new Date().toISOString());

/** dist/types/ (.d.ts files) from the sources (tsc, declarations only), imports rewritten to `.js` for consumers. */
function buildTypes() {
  rmSync('dist/types', { recursive: true, force: true });
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
  const fix = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) fix(p);
      else if (p.endsWith('.d.ts')) writeFileSync(p, readFileSync(p, 'utf8').replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1.js$2'));
    }
  };
  fix('dist/types');
}
console.log(`built: core.wasm ${w.bytes} B, dist/{node,browser,cli,blkscan-worker,crawl-verify-worker}.js + dist/types`);
