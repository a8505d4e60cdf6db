// Deno: the virtualchain state machine (memory database) replays state-machine vectors exactly.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vc from '../../bindings/virtualchain/index.ts';

const dir = new URL('../../../shared/vectors/statemachine/', import.meta.url);

Deno.test('virtualchain: all statemachine vectors replay exactly', () => {
  let blocks = 0, match = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const r = vc.replayVector(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
    blocks += r.blocks;
    match += r.blocks - r.mismatches.length;
  }
  assert.equal(`${match}/${blocks}`, '1189/1189');
});

Deno.test('virtualchain: generated chain, rollback equals a fresh replay', () => {
  const rules = vc.devnetRules(100);
  const db = vc.createNameDb(rules);
  const gen = new vc.DevChain(rules, 9, 6);
  const blocks: [number, vc.TxInput[]][] = [];
  for (let h = 100; h < 160; h++) {
    const txs = gen.nextBlock(h, (x: number) => db.state.consensus.get(x)!);
    vc.applyBlock(db, h, txs);
    blocks.push([h, txs]);
  }
  vc.rollbackTo(db, 130);
  const fresh = vc.createNameDb(rules);
  for (const [h, txs] of blocks) if (h <= 130) vc.applyBlock(fresh, h, txs);
  assert.equal(JSON.stringify(db.state.snapshot()), JSON.stringify(fresh.state.snapshot()));
});
