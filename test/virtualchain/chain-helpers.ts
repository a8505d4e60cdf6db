/** Generated-chain helpers for the DB, reorg and crash tests. */
import { applyBlock, createNameDb, DevChain, type NameDb, type RuleSet, type TxInput } from '../../bindings/virtualchain/index.ts';

export const snap = (db: NameDb): string => JSON.stringify(db.state.snapshot());

/** Generates and applies `n` blocks on `db` with `gen`; returns the blocks. */
export function extend(db: NameDb, gen: DevChain, n: number): { height: number; txs: TxInput[] }[] {
  const out: { height: number; txs: TxInput[] }[] = [];
  for (let i = 0; i < n; i++) {
    const h = db.state.lastBlock + 1;
    const txs = gen.nextBlock(h, (x) => db.state.consensus.get(x)!);
    applyBlock(db, h, txs);
    out.push({ height: h, txs });
  }
  return out;
}

/** A fresh memory database replaying `blocks`. */
export function replay(rules: RuleSet, blocks: { height: number; txs: TxInput[] }[]): NameDb {
  const db = createNameDb(rules);
  for (const b of blocks) applyBlock(db, b.height, b.txs);
  return db;
}
