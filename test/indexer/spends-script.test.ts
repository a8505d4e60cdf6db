/**
 * spendsScript (node/scan.ts) on real mainnet spends: every input of blocks 413,567 and 702,861 that spends an
 * output created earlier in the same block (the only spent outputs a block file holds) is judged against that
 * output's script (true for P2PKH, P2SH, P2WPKH, P2WSH; null where only a signature could tell) and against
 * another output's script of the same type (false). The undo path relies on it to tell a block's undo record
 * from a stale sibling's of the same shape.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../bindings/core/index.ts';
import { decodeTx, txid, type Tx } from '../../bindings/chain/tx.ts';
import { spendsScript } from '../../bindings/node/scan.ts';

const DATA = new URL('../../../shared/data/', import.meta.url);
const kind = (s: Uint8Array): string =>
  s.length === 25 && s[0] === 0x76 ? 'p2pkh' : s.length === 23 && s[0] === 0xa9 ? 'p2sh' : s.length === 22 && s[0] === 0 ? 'p2wpkh' : s.length === 34 && s[0] === 0 ? 'p2wsh' : s.length === 34 && s[0] === 0x51 ? 'p2tr' : 'other';

describe('spendsScript on real mainnet blocks', () => {
  for (const block of ['block413567', 'block702861']) {
    it(`${block}: in-block spends pass against their own output, fail against another of the type`, () => {
      const raw = new Uint8Array(readFileSync(new URL(`${block}.raw`, DATA)));
      const p = parseBlock(raw);
      const txs: Tx[] = p.txs.map((t) => decodeTx(raw.subarray(t.offset, t.offset + t.size)));
      const outs = new Map<string, Uint8Array>();
      const byKind = new Map<string, Uint8Array[]>();
      const seen = new Map<string, { yes: number; no: number; unknown: number }>();
      for (const tx of txs) {
        for (const i of tx.ins) {
          const script = outs.get(`${i.prevTxid}:${i.vout}`);
          if (!script) continue;
          const k = kind(script), c = seen.get(k) ?? { yes: 0, no: 0, unknown: 0 };
          seen.set(k, c);
          const v = spendsScript(script, i.script, i.witness ?? []);
          if (k === 'p2tr' || k === 'other') { expect(v).toBeNull(); c.unknown++; continue; }
          expect(v).toBe(true);
          c.yes++;
          const other = byKind.get(k)!.find((s) => !Buffer.from(s).equals(script));
          if (other) { expect(spendsScript(other, i.script, i.witness ?? [])).toBe(false); c.no++; }
        }
        const id = txid(tx);
        tx.outs.forEach((o, v) => {
          outs.set(`${id}:${v}`, o.script);
          const l = byKind.get(kind(o.script)) ?? [];
          if (l.length < 4) l.push(o.script);
          byKind.set(kind(o.script), l);
        });
      }
      const total = [...seen.values()].reduce((s, c) => s + c.yes, 0);
      expect(total).toBeGreaterThan(10); // real in-block chains were judged, not none
      expect(seen.get('p2pkh')?.yes ?? 0).toBeGreaterThan(0);
      expect(seen.get('p2sh')?.yes ?? 0).toBeGreaterThan(0);
      // the SegWit block: 206 P2WPKH and 31 P2WSH in-block spends besides 64 P2PKH and 26 P2SH
      if (block === 'block702861') for (const k of ['p2wpkh', 'p2wsh']) expect(seen.get(k)?.yes ?? 0).toBeGreaterThan(0);
    });
  }
});
