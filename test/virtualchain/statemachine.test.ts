/**
 * Replays every state-machine vector (vectors/statemachine, 87 regtest scenarios of releases 0.13-0.14.1):
 * verdicts, accepted records, ops hashes and consensus hashes must all match, block by block.
 */
import { describe, expect, it } from 'vitest';
import { replayInput, replayVector, vectorInput, compareBlock } from '../../bindings/virtualchain/index.ts';
import { SM_DIR, listJson, readJson } from './helpers.ts';

const files = listJson(SM_DIR);

describe('statemachine vectors', () => {
  it('has the 87 shipped scenarios', () => expect(files.length).toBe(87));

  let blocks = 0, accepted = 0, rejected = 0;
  for (const f of files) {
    it(f, () => {
      const v = readJson(SM_DIR + f);
      const r = replayVector(v);
      expect(r.mismatches).toEqual([]);
      blocks += r.blocks;
      for (const b of r.results) for (const x of b.verdicts) (x.accepted ? accepted++ : rejected++);
    });
  }
  it('covers 1189 blocks, 798 accepted and 25 rejected operations', () => {
    expect(blocks).toBe(1189);
    expect(accepted).toBe(798);
    expect(rejected).toBe(25);
  });

  it('never reads expected sections or provenance before computing a block', () => {
    const v = readJson(SM_DIR + '0.14.1__name_import_renew_transfer.json');
    let computed = -1;
    const guarded = v.blocks.map((b: any, i: number) => {
      const o: any = { height: b.height, txs: b.txs };
      Object.defineProperty(o, 'expected', { get() { if (computed < i) throw new Error(`expected of block ${i} read early`); return b.expected; } });
      return o;
    });
    const input = { scenario: v.scenario, blocks: guarded };
    Object.defineProperty(input, 'provenance', { get() { throw new Error('provenance read'); } });
    let ok = 0;
    replayInput(vectorInput(input as any), (r, i) => { computed = i; if (compareBlock(r, guarded[i].expected).length === 0) ok++; });
    expect(ok).toBe(v.blocks.length);
  });

  it('detects a tampered consensus hash and a tampered record', () => {
    const v = readJson(SM_DIR + '0.14.1__name_import.json');
    const b = v.blocks.find((x: any) => x.expected.ops.length > 0);
    b.expected.ops[0].fields[0][1] += 'x';
    v.blocks[v.blocks.length - 1].expected.consensus_hash = '00'.repeat(16);
    expect(replayVector(v).mismatches.length).toBe(2);
  });
});
