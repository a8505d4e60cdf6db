/**
 * Reorgs: roll back 1..100 blocks with the undo records and apply a random new branch; the state and
 * consensus hashes must equal a fresh replay of the new chain. Also with SQLite (reopened from disk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBlock, createNameDb, devnetRules, DevChain, rollbackTo, closeNameDb, VirtualchainError } from '../../bindings/virtualchain/index.ts';
import { openNameDb } from '../../bindings/virtualchain/stores.ts';
import { extend, replay, snap } from './chain-helpers.ts';

const rules = devnetRules(1000);
const dir = mkdtempSync(join(tmpdir(), 'vc-reorg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reorg', () => {
  // Main chain: 110 blocks; keep the generator and the state snapshot at every height.
  const db = createNameDb(rules);
  const gen = new DevChain(rules, 11, 5);
  const gens = new Map<number, DevChain>();
  const snaps = new Map<number, string>();
  const blocks: { height: number; txs: any[] }[] = [];
  gens.set(db.state.lastBlock, gen.clone()); snaps.set(db.state.lastBlock, snap(db));
  for (let i = 0; i < 110; i++) {
    blocks.push(...extend(db, gen, 1));
    gens.set(db.state.lastBlock, gen.clone()); snaps.set(db.state.lastBlock, snap(db));
  }
  const tip = db.state.lastBlock;

  it('generated chain has accepted ops of every kind', () => {
    const ops = new Set(db.state.history.size ? [...db.state.history.values()].flat().map((e) => e.op) : []);
    for (const op of [':', '::', '+', '>>', '>~', ';', '~']) expect(ops.has(op)).toBe(true);
  });

  let seed = 12345;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);

  it('rollback to every depth 1..100 restores the exact earlier state', () => {
    for (let d = 1; d <= 100; d++) {
      const fork = tip - d;
      rollbackTo(db, fork);
      expect(snap(db)).toBe(snaps.get(fork));
      // re-apply the original blocks to return to the tip
      for (const b of blocks.filter((x) => x.height > fork)) applyBlock(db, b.height, b.txs);
      expect(snap(db)).toBe(snaps.get(tip));
    }
  });

  it('random branches at depths 1..100: state and consensus hashes equal a fresh replay', () => {
    const depths = [1, 2, 3, 4, 5, 7, 10, 16, 25, 33, 50, 64, 77, 90, 100];
    for (const d of depths) {
      const fork = tip - d;
      const branchGen = gens.get(fork)!.clone();
      branchGen.reseed(1000 + d * 7 + rnd(1000));
      rollbackTo(db, fork);
      const branch = extend(db, branchGen, d + 1 + rnd(5));
      const fresh = replay(rules, [...blocks.filter((b) => b.height <= fork), ...branch]);
      expect(snap(db)).toBe(snap(fresh));
      for (const b of branch) expect(db.state.consensus.get(b.height)).toBe(fresh.state.consensus.get(b.height));
      // back to the main chain for the next round
      rollbackTo(db, fork);
      for (const b of blocks.filter((x) => x.height > fork)) applyBlock(db, b.height, b.txs);
      expect(snap(db)).toBe(snaps.get(tip));
    }
  });

  it('SQLite: reorg persisted, reopened database equals a fresh replay', () => {
    const path = join(dir, 'reorg.sqlite');
    let sdb = openNameDb(path, rules);
    for (const b of blocks) applyBlock(sdb, b.height, b.txs);
    for (const d of [1, 9, 40, 100]) {
      const fork = tip - d;
      const branchGen = gens.get(fork)!.clone();
      branchGen.reseed(77 + d);
      rollbackTo(sdb, fork);
      closeNameDb(sdb);
      sdb = openNameDb(path, rules);
      expect(snap(sdb)).toBe(snaps.get(fork));
      const branch = extend(sdb, branchGen, d + 2);
      closeNameDb(sdb);
      sdb = openNameDb(path, rules);
      const fresh = replay(rules, [...blocks.filter((b) => b.height <= fork), ...branch]);
      expect(snap(sdb)).toBe(snap(fresh));
      rollbackTo(sdb, fork);
      for (const b of blocks.filter((x) => x.height > fork)) applyBlock(sdb, b.height, b.txs);
    }
    expect(snap(sdb)).toBe(snaps.get(tip));
    closeNameDb(sdb);
  });

  it('rejects bad heights and rollbacks with typed errors', () => {
    expect(() => applyBlock(db, tip + 5, [])).toThrow(VirtualchainError);
    expect(() => rollbackTo(db, tip + 1)).toThrow(/cannot roll back/);
    expect(() => rollbackTo(db, rules.firstBlock - 2)).toThrow(VirtualchainError);
    const other = openNameDb(join(dir, 'rules.sqlite'), rules);
    applyBlock(other, rules.firstBlock, []);
    closeNameDb(other);
    expect(() => openNameDb(join(dir, 'rules.sqlite'), devnetRules(5))).toThrow(/built with rules/);
  });
});
