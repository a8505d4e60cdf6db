/**
 * Where each third-party import is declared: everything bindings/, test/, scripts/, examples/ and bin/ import
 * is installed by a clean `npm install` at the root (declared in package.json, or a dependency of one of those in
 * package-lock.json, e.g. @stacks/common under @stacks/storage), and the bench-only
 * peers are in bench/peers/package.json, not at the root (bench files may use both).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const pkgDeps = (p: string): Set<string> => {
  const j = JSON.parse(readFileSync(join(ROOT, p), 'utf8'));
  return new Set([...Object.keys(j.dependencies ?? {}), ...Object.keys(j.devDependencies ?? {})]);
};
const files = (d: string): string[] => readdirSync(d).flatMap((n) => {
  if (n === 'node_modules' || n.startsWith('.')) return [];
  const p = join(d, n);
  return statSync(p).isDirectory() ? files(p) : /\.(m?[jt]s|cjs)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
});
/** Bare package names a file imports (static, dynamic, require). */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|\bcreateRequire\([^)]*\)\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) {
    const s = m[1];
    if (s.startsWith('.') || s.startsWith('/') || s.startsWith('node:') || s.startsWith('npm:') || s.startsWith('jsr:') || s.startsWith('http')) continue;
    const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0];
    if (builtinModules.includes(name) || name === 'blockstack-wasm' || !/^(@[a-z0-9-._]+\/)?[a-z0-9-._]+$/.test(name)) continue;
    out.push(name);
  }
  return out;
}
// secp256k1 (native libsecp256k1) is a peer of the benches AND the fast oracle of test/secp256k1/fuzz.slow.test.ts,
// so it is a root devDependency as well (and brings elliptic with it): not bench-only.
const BENCH_ONLY = ['benchmark', 'hash-wasm', 'tiny-secp256k1'];

describe('dependencies', () => {
  const root = pkgDeps('package.json');
  const peers = pkgDeps('bench/peers/package.json');
  const lock = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages);
  const installed = new Set(lock.filter((k) => k.startsWith('node_modules/') && !k.slice(13).includes('/node_modules/')).map((k) => k.slice(13)));
  it('everything bindings, tests, scripts, examples and bin import is a root dependency', () => {
    const missing: string[] = [];
    for (const d of ['bindings', 'test', 'scripts', 'examples', 'bin']) {
      for (const f of files(join(ROOT, d))) for (const n of imports(f)) if (!root.has(n) && !installed.has(n)) missing.push(`${f.slice(ROOT.length + 1)}: ${n}`);
    }
    expect(missing).toEqual([]);
  });
  it('bench-only peers live in bench/peers/package.json, and bench files find every import', () => {
    for (const n of BENCH_ONLY) { expect(root.has(n), n).toBe(false); expect(installed.has(n), n).toBe(false); expect(peers.has(n), n).toBe(true); }
    const missing: string[] = [];
    for (const f of files(join(ROOT, 'bench'))) for (const n of imports(f)) if (!root.has(n) && !peers.has(n)) missing.push(`${f.slice(ROOT.length + 1)}: ${n}`);
    expect(missing).toEqual([]);
    // bench files outside bench/peers/ reach the peers through it (they would not resolve from bench/)
    for (const f of readdirSync(join(ROOT, 'bench')).filter((n) => /\.m?[jt]s$/.test(n))) {
      for (const n of imports(join(ROOT, 'bench', f))) expect(peers.has(n) && !root.has(n), `${f} imports ${n} directly`).toBe(false);
    }
  });
});
