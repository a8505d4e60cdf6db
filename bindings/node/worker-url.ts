/**
 * @module node/worker-url — where a worker thread's script is: the bundled file beside the package's bundle
 * (dist/, e.g. `blkscan-worker.js`) when it exists, else (running from the TypeScript sources, as the tests do)
 * the TypeScript entry bundled on the fly with esbuild into the temp directory, named by its content hash.
 * Resolved once per script.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, URL>();

/** `beside`: the bundled worker next to the calling module; `source`: its TypeScript entry; `tag`: temp file prefix. */
export async function workerUrl(beside: URL, source: URL, tag: string): Promise<URL> {
  const hit = cache.get(beside.href);
  if (hit) return hit;
  let url = beside;
  if (!(beside.protocol === 'file:' && existsSync(fileURLToPath(beside)))) {
    const esbuild = 'esbuild';
    const { buildSync } = await import(/* @vite-ignore */ esbuild) as typeof import('esbuild');
    const out = buildSync({ entryPoints: [fileURLToPath(source)], bundle: true, format: 'esm', platform: 'node', target: 'es2022', write: false, logLevel: 'warning' });
    const code = out.outputFiles[0].contents;
    const file = join(tmpdir(), `blockstack-${tag}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file) || readFileSync(file).length !== code.length) writeFileSync(file, code);
    url = new URL(`file://${file}`);
  }
  cache.set(beside.href, url);
  return url;
}
