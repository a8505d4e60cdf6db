/**
 * core-as/ABI.md stays in step with build/core.wasm: every function export is documented, and every error
 * code of core-as/errors.ts is in ABI.md's tables with the same number. Loads the wasm raw (no bindings).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const abiMd = readFileSync(new URL('core-as/ABI.md', root), 'utf8');
const errorsTs = readFileSync(new URL('core-as/errors.ts', root), 'utf8');

async function rawExports(): Promise<WebAssembly.Exports> {
  const bytes = readFileSync(new URL('build/core.wasm', root));
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      abort: () => { throw new Error('core.wasm abort'); },
      seed: () => 0,
    },
  });
  (instance.exports._initialize as () => void)();
  return instance.exports;
}

/** `| -N | E_NAME |` rows of every table in ABI.md. */
function documentedCodes(): Map<string, number> {
  const m = new Map<string, number>();
  for (const row of abiMd.matchAll(/^\|\s*(-\d+)\s*\|\s*(E_[A-Z0-9_]+)\s*\|/gm)) m.set(row[2], Number(row[1]));
  return m;
}

describe('ABI.md documents core.wasm', () => {
  it('names every function export (a ### `name( heading, or `name` / `name(` in the text)', async () => {
    const ex = await rawExports();
    const fns = Object.entries(ex).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(fns).toContain('parseBlock');
    expect(fns).toContain('decodePayloads');
    expect(fns).toContain('consensusBlock');
    const missing = fns.filter((n) => !abiMd.includes(`### \`${n}(`) && !abiMd.includes(`\`${n}\``) && !abiMd.includes(`\`${n}(`));
    expect(missing).toEqual([]);
  });

  it('has a ### heading for each entry point of the Bitcoin and virtualchain areas', () => {
    for (const n of ['parseBlock', 'parseTx', 'merkleRoot', 'scanBlock', 'decodePayloads', 'consensusBlock']) {
      expect(abiMd, n).toContain(`### \`${n}(`);
    }
  });

  it('lists every error code of core-as/errors.ts with the same number', () => {
    const consts = [...errorsTs.matchAll(/export const (E_[A-Z0-9_]+)\s*:\s*i32\s*=\s*(-\d+)/g)]
      .map((m) => [m[1], Number(m[2])] as const);
    expect(consts.length).toBeGreaterThanOrEqual(20);
    const doc = documentedCodes();
    const wrong = consts.filter(([name, code]) => doc.get(name) !== code).map(([name, code]) => `${name}=${code} (doc: ${doc.get(name)})`);
    expect(wrong).toEqual([]);
    // and nothing documented that the core does not define
    const defined = new Map(consts);
    expect([...doc.keys()].filter((n) => !defined.has(n))).toEqual([]);
  });
});
