/**
 * Fuzz: ≥ 100,000 random and mutated op payloads and transactions. Nothing may throw; the core decoder's
 * results must be well-formed; and a block's rejected transactions must leave no trace (its state equals
 * the state reached by applying only its accepted transactions).
 */
import { describe, expect, it } from 'vitest';
import { applyBlock, decodePayloads, MAINNET, rollbackTo, rulesFromScenario, type TxInput } from '../../bindings/virtualchain/index.ts';
import { CORE_CODES } from '../../bindings/core/errors.ts';
import { fromHex } from '../../bindings/virtualchain/codec.ts';
import { SM_DIR, readJson } from './helpers.ts';
import { Sim } from './sim.ts';

let seed = 0x9e3779b9;
const rnd = (n: number): number => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed % n; };
const randHex = (n: number): string => Array.from({ length: n }, () => rnd(256).toString(16).padStart(2, '0')).join('');
const OPS = '?~:+>;*&!#$';

describe('fuzz', () => {
  it('core payload decoder: 100,000 random and mutated payloads, every epoch', () => {
    const heights = [373601, 436651, 488501, 547922, 599867];
    const valid = ['69643a666f6f2e74657374', '6964260000cd73fa046543210000000000aa000174657374', '6964212e6964',
      '69643e3e' + '11'.repeat(32), '69642b' + '22'.repeat(36), '69643f' + '33'.repeat(36)];
    let n = 0;
    for (let batch = 0; batch < 100; batch++) {
      const payloads: Uint8Array[] = [];
      for (let i = 0; i < 1000; i++) {
        let hex: string;
        const k = rnd(3);
        if (k === 0) hex = randHex(rnd(90));
        else if (k === 1) hex = '6964' + OPS.charCodeAt(rnd(OPS.length)).toString(16) + randHex(rnd(80));
        else {
          const b = fromHex(valid[rnd(valid.length)]);
          const m = new Uint8Array(Math.max(0, b.length + rnd(5) - 2));
          m.set(b.subarray(0, m.length));
          if (m.length) m[rnd(m.length)] = rnd(256);
          hex = Buffer.from(m).toString('hex');
        }
        payloads.push(fromHex(hex));
      }
      const res = decodePayloads(payloads, heights[batch % heights.length], MAINNET);
      expect(res.length).toBe(payloads.length);
      for (let i = 0; i < res.length; i++) {
        const r = res[i];
        if (r.status > 0) {
          expect(OPS.includes(r.opcode!)).toBe(true);
          expect(r.opcode).toBe(String.fromCharCode(payloads[i][2]));
        } else expect(CORE_CODES[r.status]).toMatch(/^E_VC_/);
        n++;
      }
    }
    expect(n).toBe(100_000);
  });

  it('state machine: 100,000 mutated transactions; rejected ones leave no trace', () => {
    const cfg = readJson(SM_DIR + '0.14.1__name_import.json').scenario.config;
    const s = new Sim(rulesFromScenario('fuzz', '0.14', cfg));
    const c = s.key('c'), r = s.key('r'), a = s.key('a'), b = s.key('b');
    s.empty(3);
    s.block(s.nsPreorder('test', c, r, 4e8));
    s.block(s.reveal('test', c, r));
    s.block(s.importName('imp.test', r, a));
    s.block(s.ready('test', r));
    s.registerName('foo.test', a);
    s.block(s.preorder('bar.test', b, b, 1e7), s.nsPreorder('other', c, r, 4e8));
    const base = s.db.state.lastBlock;
    const snapState = () => { const { consensus: _c, lastBlock: _l, ...rest } = s.db.state.snapshot() as any; return JSON.stringify(rest); };
    const before = snapState();
    const templates = (): TxInput[] => [
      s.preorder('baz.test', a, a, 1e7), s.register('bar.test', b, b), s.update('foo.test', a), s.transfer('foo.test', a, b),
      s.revoke('foo.test', a), s.renew('foo.test', a, 1e7), s.importName('x.test', r, b), s.reveal('other', c, r),
      s.ready('test', r), s.nsPreorder('zzz', c, r, 4e8), s.tx('#' + '44'.repeat(20), a, []),
    ];
    const mutate = (t: TxInput): TxInput => {
      const m: any = structuredClone(t);
      switch (rnd(10)) {
        case 0: { const h = m.op_return_hex; const i = 2 * rnd(h.length / 2); m.op_return_hex = h.slice(0, i) + rnd(256).toString(16).padStart(2, '0') + h.slice(i + 2); break; }
        case 1: m.op_return_hex = m.op_return_hex.slice(0, 2 * rnd(m.op_return_hex.length / 2)); break;
        case 2: m.op_return_hex += randHex(1 + rnd(4)); break;
        case 3: m.outputs.splice(1 + rnd(Math.max(1, m.outputs.length - 1)), 1); break;
        case 4: m.outputs.push({ script_pubkey: randHex(rnd(30)), value: rnd(1e9) }); break;
        case 5: m.senders[0].script_type = ['pubkeyhash', 'scripthash', 'nonstandard', 'witness_v0_keyhash'][rnd(4)]; break;
        case 6: m.sender_pubkey = rnd(2) ? null : randHex(33); break;
        case 7: m.senders[0].script_pubkey = '76a914' + randHex(20) + '88ac'; break;
        case 8: m[['outputs', 'senders', 'op_return_hex', 'txid'][rnd(4)]] = [null, 7, 'zz', {}][rnd(4)]; break;
        default: m.op_return_hex = randHex(rnd(84)); break;
      }
      return m;
    };
    let total = 0, accepted = 0;
    for (let blk = 0; blk < 500; blk++) {
      const txs: TxInput[] = [];
      for (let i = 0; i < 200; i++) {
        const tpl = templates();
        const t = mutate(tpl[rnd(tpl.length)]);
        t.vtxindex = i + 1;
        txs.push(t);
      }
      const res = applyBlock(s.db, base + 1, txs);
      total += txs.length;
      const ok = res.verdicts.filter((v) => v.accepted);
      accepted += ok.length;
      if (ok.length === 0) expect(snapState()).toBe(before);
      else {
        const after = snapState();
        rollbackTo(s.db, base);
        applyBlock(s.db, base + 1, txs.filter((t) => ok.some((v) => v.vtxindex === t.vtxindex)));
        expect(snapState()).toBe(after);
      }
      rollbackTo(s.db, base);
      expect(snapState()).toBe(before);
    }
    expect(total).toBe(100_000);
    expect(accepted).toBeGreaterThan(0); // some mutations are still valid operations
  });
});
