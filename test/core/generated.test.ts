/**
 * Generated code is checkable: core-as/hash/*-compress.ts equal what gen-compress.mjs writes today, the
 * host's error table (bindings/core/error-codes.ts) equals what scripts/gen-core-errors.mjs makes from
 * core-as/errors.ts, and a core.wasm of another ABI version is refused with a CoreError.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { coreErrorTable, OUT } from '../../scripts/gen-core-errors.mjs';
import { instantiate } from '../../bindings/core/wasm.ts';
import { CoreError, CORE_CODES } from '../../bindings/core/errors.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('generated code', () => {
  it('core-as/hash: regenerating from gen-compress.mjs gives the committed files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-compress-'));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'core-as/hash/gen-compress.mjs'), dir], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      for (const f of ['sha256-compress.ts', 'ripemd160-compress.ts', 'sha256-x4-compress.ts']) {
        const fresh = readFileSync(join(dir, f), 'utf8');
        expect(fresh.length).toBeGreaterThan(1000);
        expect(fresh === readFileSync(join(ROOT, 'core-as/hash', f), 'utf8'), `${f} differs: run npm run gen`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bindings/core/error-codes.ts is what core-as/errors.ts generates', () => {
    expect(readFileSync(OUT, 'utf8') === coreErrorTable(), 'run npm run gen').toBe(true);
    const src = readFileSync(join(ROOT, 'core-as/errors.ts'), 'utf8');
    const consts = [...src.matchAll(/^export const (E_\w+): i32 = (-\d+)/gm)];
    expect(consts.length).toBeGreaterThan(20);
    for (const [, name, code] of consts) expect(CORE_CODES[Number(code)]).toBe(name);
  });

  it('the generator refuses a table with a code used twice', () => {
    expect(() => coreErrorTable('export const E_A: i32 = -1; // a\nexport const E_B: i32 = -1; // b\n')).toThrow(/used twice/);
  });

  it('a core.wasm of another ABI version raises CoreError E_ABI', () => {
    // (module (func (export "abiVersion") (result i32) i32.const 99))
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 14, 1, 10,
      ...new TextEncoder().encode('abiVersion'), 0, 0, 10, 7, 1, 5, 0, 65, 227, 0, 11]);
    let err: unknown;
    try { instantiate(new WebAssembly.Module(bytes)); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('E_ABI');
    expect((err as CoreError).message).toMatch(/ABI 99, expected/);
  });
});
