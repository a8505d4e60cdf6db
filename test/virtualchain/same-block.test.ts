/**
 * Hand-written regression scenarios for the rule classes that diverged from Core on held-out regtest
 * scenarios (issue 12 §1). Each block's expected verdicts are derived from the reference rules; the comment on
 * each names the Core function that decides.
 */
import { describe, expect, it } from 'vitest';
import { getNameAt, rulesFromScenario, type RuleSet } from '../../bindings/virtualchain/index.ts';
import { SM_DIR, readJson } from './helpers.ts';
import { Sim } from './sim.ts';

const cfg = (f: string) => readJson(SM_DIR + f).scenario.config;
const R13 = rulesFromScenario('t13', '0.13', cfg('0.13__name_import_revoke.json'));
const R14 = rulesFromScenario('t14', '0.14', cfg('0.14__name_preorder_register_cantsteal.json'));
const R141 = rulesFromScenario('t141', '0.14.1', cfg('0.14.1__name_import.json'));
const verdicts = (r: { verdicts: { accepted: boolean; reason?: string }[] }) => r.verdicts.map((v) => (v.accepted ? 'ok' : v.reason));

describe('class 1: an op that depends on another op of the same block', () => {
  for (const [rel, rules] of [['0.14', R14], ['0.14.1', R141]] as [string, RuleSet][]) {
    it(`${rel}: NAMESPACE_READY in the block of its REVEAL is rejected; the next block's ready is accepted`, () => {
      const s = new Sim(rules);
      const creator = s.key('creator'), revealer = s.key('revealer');
      s.empty(2);
      expect(verdicts(s.block(s.nsPreorder('test', creator, revealer, 400_000_000)))).toEqual(['ok']);
      // namespaceready.py check → namedb.py NameDB.is_namespace_revealed → db.py namedb_get_namespace_reveal(
      // cur, id, self.lastblock): `reveal_block <= lastblock` with lastblock = N − 1 while block N is processed,
      // so the reveal committed earlier in block N is not visible yet.
      expect(verdicts(s.block(s.reveal('test', creator, revealer), s.ready('test', revealer)))).toEqual(['ok', 'namespace-not-revealed']);
      expect(verdicts(s.block(s.ready('test', revealer)))).toEqual(['ok']);
      expect(s.db.state.namespaces.get('test')?.op).toBe('!');
    });
  }
  it('0.13: the same pair is accepted in one block (NameDB.namespace_reveals is filled by commit_namespace_reveal at once)', () => {
    const s = new Sim(R13);
    const creator = s.key('creator'), revealer = s.key('revealer');
    s.empty(2);
    expect(verdicts(s.block(s.nsPreorder('test', creator, revealer, 400_000_000)))).toEqual(['ok']);
    expect(verdicts(s.block(s.reveal('test', creator, revealer), s.ready('test', revealer)))).toEqual(['ok', 'ok']);
  });
});
