/**
 * Issue 12 §1 class 2: several operations on one name in one block. Hand-written regression scenario with the
 * expected verdicts AND the expected serialized records (the consensus-hash inputs), derived from the reference:
 *
 * - Which record each accepted op contributes: the name record right after that op, with the op's own extra
 *   fields. 0.13: every namedb.py NameDB.commit_* ends with `nameop.update(self.name_records[name])` (a copy of the
 *   record's values at that moment) and virtualchain-2016-07 indexer.py StateEngine.process_ops collects these
 *   dicts, serializing them (snapshot → serialize_op) only after the whole block. 0.14+: namedb.py
 *   BlockstackDB.commit_state_transition returns the row re-read after the transition (commit_state_create the
 *   checked nameop), plus add_all_commit_consensus_values; virtualchain-2017-02 process_ops/snapshot collect and
 *   serialize them the same way. Later ops of the block never rewrite an earlier op's record.
 * - Each op is checked against the state left by the previous ops of the block (immediate commits).
 * - Release differences that show here: a renewal's op_fee (0.13 commit_renewal leaves the record's fee; 0.14+
 *   RENEWAL_MUTATE_FIELDS writes the renewal's burn) and whether a name registered in the block is visible to the
 *   block's later ops (0.13: yes, NameDB dicts; 0.14+: no, db.py namedb_select_where_unexpired_names asks
 *   first_registered <= lastblock = N − 1).
 */
import { describe, expect, it } from 'vitest';
import { rulesFromScenario, type RuleSet } from '../../bindings/virtualchain/index.ts';
import type { SerializedOp } from '../../bindings/virtualchain/consensus.ts';
import { SM_DIR, readJson } from './helpers.ts';
import { Sim } from './sim.ts';

const cfg = (f: string) => readJson(SM_DIR + f).scenario.config;
const RELEASES: [string, RuleSet][] = [
  ['0.13', rulesFromScenario('c2-13', '0.13', cfg('0.13__name_import_revoke.json'))],
  ['0.14', rulesFromScenario('c2-14', '0.14', cfg('0.14__name_preorder_register_cantsteal.json'))],
  ['0.14.1', rulesFromScenario('c2-141', '0.14.1', cfg('0.14.1__name_import.json'))],
];
const verdicts = (r: { verdicts: { accepted: boolean; op: string | null; reason?: string }[] }) => r.verdicts.map((v) => (v.accepted ? v.op : v.reason));
const F = (o: SerializedOp): Record<string, string> => Object.fromEntries(o.fields);
const VH1 = '11'.repeat(20), VH2 = '22'.repeat(20);

describe('class 2: update / transfer / update / renew / transfer of one name in one block', () => {
  for (const [rel, rules] of RELEASES) {
    it(`${rel}: each op's record is the name right after that op`, () => {
      const s = new Sim(rules);
      const c = s.key('c'), r = s.key('r'), a = s.key('a'), b = s.key('b');
      s.empty(2);
      s.setupNamespace('test', c, r);
      s.registerName('foo.test', a);
      const R = s.height - 1; // registration block
      s.empty(1);
      const N = s.height;
      const ch = s.ch(); // consensus hash of N − 1, carried by the updates and transfers
      const res = s.block(
        s.update('foo.test', a, ch, VH1), // 1
        s.transfer('foo.test', a, b, true, ch), // 2
        s.update('foo.test', b, ch, VH2), // 3
        s.renew('foo.test', b, 20_000_000), // 4
        s.transfer('foo.test', b, a, true, ch), // 5
      );
      // every op sees the previous ones: the transfer finds a's name updated, b's update finds the name b now owns
      // (update.py / namedb.py get_name_from_name_consensus_hash over the sender's names), b may renew it
      expect(verdicts(res)).toEqual(['+', '>>', '+', '::', '>>']);
      const [u1, t2, u3, r4, t5] = res.ops.map(F);
      const sa = a.script, sb = b.script;
      // 1: commit_update / UPDATE MUTATE_FIELDS: value_hash and consensus_hash change, nothing else
      expect([u1.value_hash, u1.sender, u1.op, u1.consensus_hash, u1.last_renewed, u1.sender_pubkey]).toEqual([VH1, sa, '+', ch, String(R), a.pub]);
      // 2: commit_transfer / transfer.py check: new owner, sender_pubkey cleared, data kept; the serialized
      // consensus_hash is the one stored by update 1 (find_last_transfer_consensus_hash; 0.13: the record's key)
      expect([t2.value_hash, t2.sender, t2.sender_pubkey, t2.op, t2.consensus_hash, t2.keep_data]).toEqual([VH1, sb, '', '>>', ch, 'True']);
      // 3: b's update: b's record (sender_pubkey still empty: an update does not set it)
      expect([u3.value_hash, u3.sender, u3.sender_pubkey, u3.op]).toEqual([VH2, sb, '', '+']);
      // 4: the renewal: last_renewed = N, value kept, op '::'; op_fee: 0.13 commit_renewal keeps the registration's
      // (the preorder paid 10,000,000), 0.14+ RENEWAL_MUTATE_FIELDS write the renewal's 20,000,000
      expect([r4.op, r4.last_renewed, r4.value_hash, r4.sender, r4.sender_pubkey, r4.first_registered]).toEqual(['::', String(N), VH2, sb, '', String(R)]);
      expect(r4.op_fee).toBe(rel === '0.13' ? '10000000' : '20000000');
      // 5: back to a; last_renewed from the renewal of the same block; consensus_hash stored by update 3
      expect([t5.sender, t5.value_hash, t5.last_renewed, t5.consensus_hash, t5.op_fee]).toEqual([sa, VH2, String(N), ch, r4.op_fee]);
      // and the record each op contributes differs from the final one (a later op never rewrites an earlier record)
      expect(new Set([u1, t2, u3, r4, t5].map((f) => f.txid)).size).toBe(5);
    });
  }
});

describe('class 2: preorder + register + update of a new name in one block', () => {
  function run(rules: RuleSet) {
    const s = new Sim(rules);
    const c = s.key('c'), r = s.key('r'), a = s.key('a');
    s.empty(2);
    s.setupNamespace('test', c, r);
    const N = s.height;
    const res = s.block(s.preorder('bar.test', a, a, 10_000_000), s.register('bar.test', a, a), s.update('bar.test', a, s.ch(), VH1));
    return { res, N, a };
  }
  it('0.13: all three accepted; the update record carries the registration of the same block', () => {
    const { res, N, a } = run(RELEASES[0][1]);
    // commit_preorder / commit_registration fill NameDB.preorders / name_records / owner_names at once; log_update
    // finds the name through owner_names and is_name_expired has no first_registered test
    expect(verdicts(res)).toEqual(['?', ':', '+']);
    const [, reg, up] = res.ops.map(F);
    expect([reg.block_number, reg.preorder_block_number, reg.first_registered, reg.value_hash]).toEqual([String(N), String(N), String(N), '']);
    expect([up.first_registered, up.last_renewed, up.value_hash, up.sender, up.sender_pubkey]).toEqual([String(N), String(N), VH1, a.script, a.pub]);
  });
  for (const [rel, rules] of RELEASES.slice(1)) {
    it(`${rel}: preorder and register accepted, the update not (the name is not visible until the next block)`, () => {
      const { res } = run(rules);
      // db.py namedb_get_name_preorder: block_number < lastblock + NAME_PREORDER_EXPIRE (a preorder of this block
      // counts); update.py check → get_names_owned_by_sender at lastblock: first_registered <= N − 1 fails
      expect(verdicts(res)).toEqual(['?', ':', 'name-not-found']);
    });
  }
});

describe('a registration counts once toward its owner\'s quota in the rest of its block', () => {
  for (const [rel, base] of RELEASES) {
    it(`${rel}: with a quota of 2, a registration then a preorder by the new owner in one block are both accepted`, () => {
      const s = new Sim({ ...base, maxNamesPerSender: 2 });
      const c = s.key('c'), r = s.key('r'), a = s.key('a');
      s.empty(2);
      s.setupNamespace('test', c, r);
      expect(verdicts(s.block(s.preorder('one.test', a, a, 10_000_000)))).toEqual(['?']);
      // 0.13 namedb.py log_preorder: len(owner_names[sender]) — one.test is in it once, right after commit_registration;
      // 0.14+ preorder.py check: names owned at N − 1 (none) + this block's registrations to the sender (one)
      expect(verdicts(s.block(s.register('one.test', a, a), s.preorder('two.test', a, a, 10_000_000)))).toEqual([':', '?']);
    });
  }
});
