/**
 * Child process of crash.test.ts: indexes a generated chain into a name database (a SQLite path or a
 * postgres:// URL), resuming at the database's tip. The chain is regenerated deterministically from the first
 * block (the generator reads consensus hashes back from the database, which are identical after a restart).
 * argv: db, blocks, seed.
 */
import { applyBlock, closeNameDbAsync, devnetRules, DevChain, flushNameDb } from '../../bindings/virtualchain/index.ts';
import { openNameDbAt } from '../../bindings/virtualchain/stores.ts';

const [loc, nBlocks, seed] = process.argv.slice(2);
const rules = devnetRules(1000);
// standby: right after a kill -9 the dead child's PostgreSQL session may still hold the writer lock for a moment
// (its backend notices the closed socket only when its statement ends); a restarted writer waits for PostgreSQL
// to drop it, as `api start --standby` does. A lock that is never released makes the test time out.
const db = await openNameDbAt(loc, rules, { standby: true });
const gen = new DevChain(rules, Number(seed), 6);
const last = rules.firstBlock + Number(nBlocks) - 1;
for (let h = rules.firstBlock; h <= last; h++) {
  const txs = gen.nextBlock(h, (x) => db.state.consensus.get(x)!);
  if (h > db.state.lastBlock) {
    applyBlock(db, h, txs);
    if (h % 8 === 0) await flushNameDb(db); // PostgreSQL: commits run while the next blocks are computed
  }
}
await closeNameDbAsync(db);
process.stdout.write(`done ${db.state.lastBlock}\n`);
