/**
 * package.json `types` / `exports.types` point at the built .d.ts (dist/types, made by scripts/build.mjs):
 * a consumer project that imports 'blockstack-wasm' type-checks against them, and a wrong call is caught.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = join(import.meta.dirname, '../..');

describe('published types', () => {
  it('package.json names the built declarations', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.types).toBe('./dist/types/runtime/node.d.ts');
    expect(pkg.exports['.'].types).toBe(pkg.types);
    expect(existsSync(join(ROOT, pkg.types)), 'run node scripts/build.mjs').toBe(true);
  });

  it('a consumer type-checks against them (and a wrong call fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bsw-types-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules/blockstack-wasm'));
      for (const d of ['@types', '@noble', '@scure', 'hono']) symlinkSync(join(ROOT, 'node_modules', d), join(dir, 'node_modules', d));
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['a.ts'] }));
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const run = (src: string) => { writeFileSync(join(dir, 'a.ts'), src); return spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' }); };
      const ok = run("import { sha256, resolve, virtualchain, StorageClient } from 'blockstack-wasm';\nexport const d: Uint8Array = sha256(new Uint8Array(1));\nexport { resolve, virtualchain, StorageClient };\n");
      expect(ok.stdout + ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const bad = run("import { sha256 } from 'blockstack-wasm';\nexport const d = sha256('not bytes');\n");
      expect(bad.status).not.toBe(0);
      expect(bad.stdout).toMatch(/TS2345/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
