/**
 * Child process of crash.test.ts: indexes a generated chain into a SQLite name database, resuming at the
 * database's tip. The chain is regenerated deterministically from the first block (the generator reads
 * consensus hashes back from the database, which are identical after a restart). argv: db, blocks, seed.
 */
import { applyBlock, devnetRules, DevChain } from '../../bindings/virtualchain/index.ts';
import { openNameDb } from '../../bindings/virtualchain/node.ts';

const [path, nBlocks, seed] = process.argv.slice(2);
const rules = devnetRules(1000);
const db = openNameDb(path, rules);
const gen = new DevChain(rules, Number(seed), 6);
const last = rules.firstBlock + Number(nBlocks) - 1;
for (let h = rules.firstBlock; h <= last; h++) {
  const txs = gen.nextBlock(h, (x) => db.state.consensus.get(x)!);
  if (h > db.state.lastBlock) applyBlock(db, h, txs);
}
process.stdout.write(`done ${db.state.lastBlock}\n`);
