import { describe, expect, it } from 'vitest';
import { HexColumn } from '../../bindings/base/hex-column.ts';
import { readFileSync } from 'node:fs';
import { Rng } from '../../bindings/synth/txs.ts';

describe('HexColumn: a Map<number, string> of per-height hex kept as bytes', () => {
  it('behaves as a Map on real consensus hashes, heights below 0, odd values, deletes and growth', () => {
    // real consensus hashes from a regtest replay of Blockstack Core
    const text = readFileSync(new URL('../../../shared/vectors/consensus/0.13__name_import_revoke.json', import.meta.url), 'utf8');
    const hashes = [...new Set(text.match(/"consensus_hash"\s*:\s*"([0-9a-f]{32})"/g)!.map((x) => x.slice(-33, -1)))];
    expect(hashes.length).toBeGreaterThan(4);
    const c = new HexColumn(16, 4), m = new Map<number, string>();
    const vals = [...hashes, '00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff'];
    const rng = new Rng(7), rnd = (n: number) => rng.int(n); // (a bare LCG's low bits made nearly every op a delete)
    const odd = ['ABCDEF0123456789ABCDEF0123456789', 'short', '0'.repeat(31) + 'g', ''];
    for (let i = 0; i < 5000; i++) {
      const h = rnd(10) === 0 ? -4 + rnd(4) : rnd(3000);
      const op = rnd(4);
      if (op === 0) { expect(c.delete(h)).toBe(m.delete(h)); continue; }
      const x = rnd(20) === 0 ? odd[rnd(odd.length)] : vals[rnd(vals.length)];
      c.set(h, x); m.set(h, x);
    }
    expect(c.size).toBe(m.size);
    expect(m.size).toBeGreaterThan(1500);
    let asBytes = 0;
    for (let h = -5; h < 3005; h++) {
      expect(c.get(h)).toBe(m.get(h));
      expect(c.has(h)).toBe(m.has(h));
      // bytesAt: exactly the value's bytes for a lower-case 16-byte value, nothing for the rest (kept as strings)
      const v = m.get(h), b = c.bytesAt(h);
      if (v !== undefined && h >= 0 && /^[0-9a-f]{32}$/.test(v)) { expect(Buffer.from(b!).toString('hex')).toBe(v); asBytes++; } else expect(b).toBeUndefined();
    }
    expect(asBytes).toBeGreaterThan(1000);
    expect([...c]).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]));
    expect(c.get(1.5)).toBeUndefined();
  });
});
