import { describe, expect, it } from 'vitest';
import { HexColumn } from '../../bindings/base/hex-column.ts';
import { readFileSync } from 'node:fs';

describe('HexColumn: a Map<number, string> of per-height hex kept as bytes', () => {
  it('behaves as a Map on real consensus hashes, heights below 0, odd values, deletes and growth', () => {
    // real consensus hashes from a regtest replay of Blockstack Core
    const text = readFileSync(new URL('../../../shared/vectors/consensus/0.13__name_import_revoke.json', import.meta.url), 'utf8');
    const hashes = [...new Set(text.match(/"consensus_hash"\s*:\s*"([0-9a-f]{32})"/g)!.map((x) => x.slice(-33, -1)))];
    expect(hashes.length).toBeGreaterThan(4);
    const c = new HexColumn(16, 4), m = new Map<number, string>();
    const vals = [...hashes, '00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff'];
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const odd = ['ABCDEF0123456789ABCDEF0123456789', 'short', '0'.repeat(31) + 'g', ''];
    for (let i = 0; i < 5000; i++) {
      const h = rnd(10) === 0 ? -4 + rnd(4) : rnd(3000);
      const op = rnd(4);
      if (op === 0) { expect(c.delete(h)).toBe(m.delete(h)); continue; }
      const x = rnd(20) === 0 ? odd[rnd(odd.length)] : vals[rnd(vals.length)];
      c.set(h, x); m.set(h, x);
    }
    expect(c.size).toBe(m.size);
    for (let h = -5; h < 3005; h++) { expect(c.get(h)).toBe(m.get(h)); expect(c.has(h)).toBe(m.has(h)); }
    expect([...c]).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]));
    expect(c.get(1.5)).toBeUndefined();
  });
});
