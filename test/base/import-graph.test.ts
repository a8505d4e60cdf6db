/**
 * The import graph of bindings/: no file cycles, no folder cycles, and no import from a lower layer into a
 * higher one (layers: scripts/layers.mjs, documented bottom-to-top in docs/architecture.md §Layers).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { LAYERS } from '../../scripts/layers.mjs';

const ROOT = join(import.meta.dirname, '../..');
const BINDINGS = join(ROOT, 'bindings');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

// static imports, re-exports and dynamic import('…') of relative paths (type-only imports count too: they are
// still a dependency of the design)
const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s*['"](\.[^'"]+)['"]/gm;

function graph(): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const f of files(BINDINGS)) {
    const rel = relative(BINDINGS, f);
    const deps = new Set<string>();
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = normalize(join(dirname(f), spec));
      if (target.startsWith(BINDINGS) && target.endsWith('.ts')) deps.add(relative(BINDINGS, target));
    }
    g.set(rel, deps);
  }
  return g;
}

/** Strongly connected components with more than one member (or a self-loop): the cycles. */
function cycles(g: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), on = new Set<string>(), stack: string[] = [], out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || g.get(v)?.has(v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const folderOf = (file: string): string => file.split('/')[0];
const RANK = new Map<string, number>(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as [string, number])));

describe('import graph of bindings/', () => {
  const g = graph();

  it('reads every file and finds imports', () => {
    expect(g.size).toBeGreaterThan(100);
    expect([...g.values()].reduce((n, s) => n + s.size, 0)).toBeGreaterThan(300);
  });

  it('every top-level folder has a layer (scripts/layers.mjs)', () => {
    const missing = [...new Set([...g.keys()].map(folderOf))].filter((f) => !RANK.has(f));
    expect(missing, 'add these folders to scripts/layers.mjs and docs/architecture.md').toEqual([]);
  });

  it('has no file cycles', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('has no folder cycles', () => {
    const fg = new Map<string, Set<string>>();
    for (const [f, deps] of g) {
      const a = folderOf(f);
      if (!fg.has(a)) fg.set(a, new Set());
      for (const d of deps) if (folderOf(d) !== a) fg.get(a)!.add(folderOf(d));
    }
    expect(cycles(fg)).toEqual([]);
  });

  it('imports only go down the layers', () => {
    const up: string[] = [];
    for (const [f, deps] of g) {
      for (const d of deps) {
        const a = folderOf(f), b = folderOf(d);
        if (a !== b && !((RANK.get(b) ?? Infinity) < (RANK.get(a) ?? -1))) up.push(`${f} -> ${d}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('the checker catches a cycle and an upward import', () => {
    const bad = new Map([['core/a.ts', new Set(['base/b.ts'])], ['base/b.ts', new Set(['core/a.ts'])]]);
    expect(cycles(bad)).toEqual([['base/b.ts', 'core/a.ts']]);
    expect(RANK.get('core')! < RANK.get('base')!).toBe(true);
  });

  it('docs/architecture.md lists the layers bottom to top as scripts/layers.mjs does', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const section = doc.split('## Layers')[1]?.split('\n## ')[0] ?? '';
    const listed = [...section.matchAll(/^\d+\.\s+`([^`]+)`/gm)].map((m) => m[1]);
    expect(listed).toEqual(LAYERS.map((l) => l.join(', ')));
  });
});
