/**
 * linkChain (the best chain of a blocks/ dir from its headers) on random record sets — forks, children stored
 * before parents, duplicates, records whose parent is never stored: the chain starts at the root, each block
 * links to the one before, it is as long as the deepest branch, and `orphans` are exactly the unreachable records.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlkChainIndex, linkChain, readBlkHeaders, type BlkLoc } from '../../bindings/chain/blk-index.ts';
import { NETWORK_MAGIC, readBlkRecords } from '../../bindings/chain/blkfiles.ts';
import { BlkFileWriter } from '../../bindings/chain/blkfiles-write.ts';
import { writeSynthDatadir } from '../../bindings/synth/datadir.ts';
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

  it('the header index (columns, parents through a table of hash bytes) = linkChain over the same records: shuffled, duplicated, parents missing, over several files, with and without xor.dat', () => {
    const d = mkdtempSync(join(tmpdir(), 'link-'));
    try {
      const r = writeSynthDatadir({ dir: join(d, 'src'), blocks: 60, txsPerBlock: 3, opEvery: 12, staleEvery: 5, outOfOrderEvery: 4, rev: false, seed: 5 });
      const raws = [...readBlkRecords(join(d, 'src', 'blocks'), NETWORK_MAGIC.regtest)].map((x) => x.raw);
      expect(raws.length).toBeGreaterThan(61); // stale blocks among them
      const rng = new Rng(9);
      const magic = Buffer.from(NETWORK_MAGIC.regtest, 'hex');
      for (let t = 0; t < 24; t++) {
        const picked = raws.filter((_, i) => i === 0 || !rng.chance(0.08)); // (the genesis kept) some never stored: their descendants are orphans
        for (let k = rng.int(4); k > 0; k--) picked.push(raws[rng.int(raws.length)]); // stored twice
        for (let i = picked.length - 1; i > 0; i--) if (rng.chance(0.4)) { const j = rng.int(i + 1); [picked[i], picked[j]] = [picked[j], picked[i]]; }
        const dir = join(d, `t${t}`);
        const w = new BlkFileWriter(dir, magic, { obfuscate: t % 2 === 0, maxFileSize: 2000 + rng.int(20_000) });
        for (const raw of picked) w.append(raw);
        w.close();
        const genesis = t % 3 === 0 ? undefined : r.hashes[0];
        const ix = new BlkChainIndex(dir, NETWORK_MAGIC.regtest, genesis);
        const all = readBlkHeaders(dir, NETWORK_MAGIC.regtest);
        const orphans: BlkLoc[] = [];
        const chain = linkChain(all, genesis, orphans);
        expect(chain.length).toBeGreaterThan(0);
        expect(ix.hashes).toEqual(chain.map((x) => x.hash));
        expect([...ix.file]).toEqual(chain.map((x) => x.file));
        expect([...ix.offset]).toEqual(chain.map((x) => x.offset));
        expect([...ix.len]).toEqual(chain.map((x) => x.len));
        expect(ix.skipped).toBe(all.length - chain.length);
        expect((ix as unknown as { orphans: BlkLoc[] }).orphans).toEqual(orphans);
      }
    } finally { rmSync(d, { recursive: true, force: true }); }
  }, 60_000);
});
