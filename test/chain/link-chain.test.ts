/**
 * linkChain (the best chain of a blocks/ dir from its headers) on random record sets — forks, children stored
 * before parents, duplicates, records whose parent is never stored: the chain starts at the root, each block
 * links to the one before, it is as long as the deepest branch, and `orphans` are exactly the unreachable records.
 */
import { describe, expect, it } from 'vitest';
import { linkChain } from '../../bindings/chain/blk-index.ts';
import { Rng } from '../../bindings/synth/txs.ts';

describe('linkChain', () => {
  it('gives a deepest root-to-tip path and the unreachable records, on 2,000 random record sets', () => {
    const rng = new Rng(31);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + rng.int(80);
      const recs = Array.from({ length: n }, (_, i) => ({ hash: `h${i}`, prevHash: i === 0 ? 'none' : rng.int(12) === 0 ? `missing${rng.int(4)}` : `h${rng.int(i)}` }));
      const stored = [...recs, ...(rng.chance(0.3) ? [{ ...recs[rng.int(n)] }] : [])];
      for (let i = stored.length - 1; i > 0; i--) if (rng.chance(0.3)) { const j = rng.int(i + 1); [stored[i], stored[j]] = [stored[j], stored[i]]; }
      // brute force: depth of every record reachable from h0
      const depth = new Map<string, number>([['h0', 0]]);
      for (let changed = true; changed;) {
        changed = false;
        for (const r of recs) if (!depth.has(r.hash) && depth.has(r.prevHash)) { depth.set(r.hash, depth.get(r.prevHash)! + 1); changed = true; }
      }
      const orphans: typeof recs = [];
      const chain = linkChain(stored, 'h0', orphans);
      expect(chain[0].hash).toBe('h0');
      for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
      expect(chain.length - 1).toBe(Math.max(...depth.values()));
      expect(orphans.map((r) => r.hash).sort()).toEqual(recs.filter((r) => !depth.has(r.hash)).map((r) => r.hash).sort());
    }
    expect(linkChain([], 'h0')).toEqual([]);
  });
});
