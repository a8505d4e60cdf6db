/**
 * Issue 13 item 3: a power loss that truncates the last record of devnet/blocks/blk*.dat. Before: the torn
 * record was skipped, new blocks were appended after it, and the next start failed with E_BAD_MAGIC. Now the
 * tail is cut back to the last whole record on start (and reported), so every later start works.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DevnetChain } from '../../bindings/chain/devnet/chain.ts';
import { readBlkRecords } from '../../bindings/chain/blkfiles.ts';

const OP_TRUE = new Uint8Array([0x51]);
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function lastBlk(dir: string): string {
  const b = join(dir, 'blocks');
  return join(b, readdirSync(b).filter((f) => /^blk\d{5}\.dat$/.test(f)).sort().at(-1)!);
}

describe('torn last block record', () => {
  for (const [what, tear] of [
    ['cut inside the block', (f: string) => truncateSync(f, statSync(f).size - 7)],
    ['cut inside the record header', () => undefined],
    ['zero-filled tail (length written, data not)', (f: string) => appendFileSync(f, new Uint8Array(300))],
  ] as [string, (f: string) => void][]) {
    it(what, () => {
      const dir = mkdtempSync(join(tmpdir(), 'bsk-torn-'));
      dirs.push(dir);
      let c = new DevnetChain(dir, { obfuscate: true });
      c.generate(5, OP_TRUE);
      const tip = c.height;
      const tipHash = c.tip.hash;
      c.close();
      const f = lastBlk(dir);
      if (what.includes('header')) {
        // 5 bytes of a next record header: torn before its length was complete
        appendFileSync(f, new Uint8Array([0x11, 0x22, 0x33, 0x44, 0x55]));
      } else tear(f);
      const torn = statSync(f).size;
      c = new DevnetChain(dir, { obfuscate: true });
      expect(c.repaired).not.toBeNull();
      expect(c.repaired!.size).toBe(torn);
      expect(statSync(f).size).toBe(c.repaired!.truncatedTo);
      const expectTip = what.includes('inside the block') ? tip - 1 : tip;
      expect(c.height).toBe(expectTip);
      if (expectTip === tip) expect(c.tip.hash).toBe(tipHash);
      c.generate(3, OP_TRUE);
      const h = c.height;
      const newTip = c.tip.hash;
      c.close();
      // the start after that: no E_BAD_MAGIC, the same chain, nothing left to repair
      c = new DevnetChain(dir, { obfuscate: true });
      expect(c.repaired).toBeNull();
      expect(c.height).toBe(h);
      expect(c.tip.hash).toBe(newTip);
      c.close();
      expect([...readBlkRecords(join(dir, 'blocks'), 'fabfb5da')].length).toBe(h + 1);
    });
  }
});
