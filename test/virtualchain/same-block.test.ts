/**
 * Hand-written regression scenarios for the rule classes that diverged from Core on held-out regtest
 * scenarios (issue 12 §1). Each block's expected verdicts are derived from the reference rules; the comment on
 * each names the Core function that decides.
 */
import { describe, expect, it } from 'vitest';
import { epochAt, getNameAt, rulesFromScenario, type RuleSet } from '../../bindings/virtualchain/index.ts';
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

describe('class 3: a namespace whose reveal expires before it is ready, then preordered and revealed again', () => {
  /** Reveal `test` (creator c1 → revealer r1) 10 blocks after its preorder, import foo.test; returns the preorder block. */
  function firstReveal(s: Sim) {
    const k = { c1: s.key('c1'), r1: s.key('r1'), c2: s.key('c2'), r2: s.key('r2'), a: s.key('a') };
    s.empty(2);
    const P = s.height;
    expect(verdicts(s.block(s.nsPreorder('test', k.c1, k.r1, 400_000_000)))).toEqual(['ok']);
    s.empty(9);
    expect(verdicts(s.block(s.reveal('test', k.c1, k.r1)))).toEqual(['ok']);
    expect(verdicts(s.block(s.importName('foo.test', k.r1, k.a)))).toEqual(['ok']);
    return { ...k, P };
  }
  it('0.13: the reveal lives until the end of block preorder + EXPIRE; then its names and import keychain are gone', () => {
    const s = new Sim(R13);
    const { r1, c2, r2, a, P } = firstReveal(s);
    const E = R13.namespaceRevealExpire;
    s.empty(P + E - s.height); // next block is P + E: the last one that still sees the reveal
    // namedb.py NameDB.commit_namespace_reveal: reveal's block_number = the preorder's; commit_namespace_reveal_expire_all
    // drops it in the final commit of block block_number + EXPIRE (not reveal_block + EXPIRE)
    expect(verdicts(s.block(s.importName('bar.test', r1, a)))).toEqual(['ok']);
    expect(verdicts(s.block(s.importName('baz.test', r1, a)))).toEqual(['namespace-not-revealed']);
    expect(getNameAt(s.db, 'foo.test')?.live).toBe(false);
    expect(verdicts(s.block(s.nsPreorder('test', c2, r2, 400_000_000)))).toEqual(['ok']);
    expect(verdicts(s.block(s.reveal('test', c2, r2)))).toEqual(['ok']);
    // log_name_import: import_addresses[namespace_id] was deleted with the expired reveal, so the first import
    // must again come from the (new) revealer's address
    expect(verdicts(s.block(s.importName('qux.test', r1, a)))).toEqual(['not-first-importer']);
    expect(verdicts(s.block(s.importName('qux.test', r2, a)))).toEqual(['ok']);
    expect(getNameAt(s.db, 'foo.test')?.live).toBe(false); // names of the first reveal stay gone (commit_name_expire)
    expect(getNameAt(s.db, 'qux.test')?.live).toBe(true);
    // unless imported again: commit_name_import updates the existing record in place (keeping block_number,
    // first_registered, last_renewed of the first import) and re-adds it to owner_names
    const first = getNameAt(s.db, 'foo.test')!.record;
    expect(verdicts(s.block(s.importName('foo.test', r2, a, '55'.repeat(20))))).toEqual(['ok']);
    const again = getNameAt(s.db, 'foo.test')!;
    expect(again.live).toBe(true);
    expect([again.record.firstRegistered, again.record.lastRenewed, again.record.blockNumber, again.record.valueHash])
      .toEqual([first.firstRegistered, first.lastRenewed, first.blockNumber, '55'.repeat(20)]);
  });
  for (const [rel, rules] of [['0.14', R14], ['0.14.1', R141]] as [string, RuleSet][]) {
    it(`${rel}: the reveal expires EXPIRE blocks after the reveal; the re-reveal keeps the namespace's import keychain`, () => {
      const s = new Sim(rules);
      const { r1, c2, r2, a } = firstReveal(s);
      const R = s.height - 2; // reveal block
      const E = rules.namespaceRevealExpire;
      s.empty(R + E - s.height);
      // db.py namedb_get_namespace_reveal(…, lastblock = N − 1): reveal_block <= N − 1 < reveal_block + EXPIRE
      expect(verdicts(s.block(s.importName('bar.test', r1, a)))).toEqual(['ok']); // N = R + E
      expect(verdicts(s.block(s.importName('baz.test', r1, a)))).toEqual(['namespace-not-revealed']); // N = R + E + 1
      expect(verdicts(s.block(s.nsPreorder('test', c2, r2, 400_000_000)))).toEqual(['ok']);
      expect(verdicts(s.block(s.reveal('test', c2, r2)))).toEqual(['ok']);
      // nameimport.py check: BlockstackDB.load_import_keychain(namespace_id) reads `<namespace_id>.keychain`, written
      // by the first reveal's first import and never removed: r1's keychain still decides who may import
      expect(verdicts(s.block(s.importName('qux.test', r1, a)))).toEqual(['ok']);
      expect(verdicts(s.block(s.importName('quy.test', r2, a)))).toEqual(['importer-not-in-keychain']);
    });
  }
});

describe('class 3 (0.14+): names imported under an expired reveal come back with a re-reveal of the namespace', () => {
  for (const [rel, rules] of [['0.14', R14], ['0.14.1', R141]] as [string, RuleSet][]) {
    it(`${rel}: foo.test, imported under the first reveal, is live again under the second and its owner can update it`, () => {
      const s = new Sim(rules);
      const c1 = s.key('c1'), r1 = s.key('r1'), c2 = s.key('c2'), r2 = s.key('r2'), a = s.key('a');
      s.empty(2);
      expect(verdicts(s.block(s.nsPreorder('test', c1, r1, 400_000_000)))).toEqual(['ok']);
      expect(verdicts(s.block(s.reveal('test', c1, r1)))).toEqual(['ok']);
      const I = s.height; // the block being built next
      expect(verdicts(s.block(s.importName('foo.test', r1, a)))).toEqual(['ok']);
      s.empty(rules.namespaceRevealExpire);
      expect(getNameAt(s.db, 'foo.test')?.live).toBe(false); // the reveal expired unreadied
      expect(verdicts(s.block(s.nsPreorder('test', c2, r2, 400_000_000)))).toEqual(['ok']);
      expect(verdicts(s.block(s.reveal('test', c2, r2)))).toEqual(['ok']);
      s.empty(1);
      // db.py namedb_select_where_unexpired_names joins name_records to namespaces on namespace_id alone and asks the
      // namespace row's CURRENT reveal_block (rewritten by the re-reveal, namespacereveal.py check → prior history):
      // a name imported under the first reveal (first_registered <= h) is unexpired again while the second one lives
      expect(getNameAt(s.db, 'foo.test')?.live).toBe(true);
      // nameimport.py get_prev_imported → BlockstackDB.get_name (unexpired at lastblock) finds it, so a re-import keeps
      // the first import's block_number / first_registered / last_renewed (keychain: the namespace's file, still r1's)
      expect(verdicts(s.block(s.importName('foo.test', r1, a, '33'.repeat(20))))).toEqual(['ok']);
      expect(getNameAt(s.db, 'foo.test')?.record.firstRegistered).toBe(I);
      expect(getNameAt(s.db, 'foo.test')?.record.lastRenewed).toBe(I);
      expect(verdicts(s.block(s.ready('test', r2)))).toEqual(['ok']);
      // update.py check: get_name_from_name_consensus_hash over the owner's unexpired names: foo.test is one of them
      expect(verdicts(s.block(s.update('foo.test', a)))).toEqual(['ok']);
    });
  }
});

describe('class 4: an imported name at the end of its namespace lifetime ("isdead")', () => {
  /** test readied with lifetime 10; foo.test imported (to a) before the ready; returns the ready block and the span. */
  function readyWithImport(s: Sim) {
    const c = s.key('c'), r = s.key('r'), a = s.key('a');
    s.empty(2);
    expect(verdicts(s.block(s.nsPreorder('test', c, r, 400_000_000)))).toEqual(['ok']);
    expect(verdicts(s.block(s.reveal('test', c, r, { lifetime: 10 })))).toEqual(['ok']);
    expect(verdicts(s.block(s.importName('foo.test', r, a)))).toEqual(['ok']);
    const Y = s.height; // the block being built next
    expect(verdicts(s.block(s.ready('test', r)))).toEqual(['ok']);
    return { a, Y, span: 10 * epochAt(s.rules, Y).lifetimeMultiplier };
  }
  it('0.13: an update is accepted while lastblock = ready_block + lifetime, rejected one block later', () => {
    const s = new Sim(R13);
    const { a, Y, span } = readyWithImport(s);
    s.empty(Y + span + 1 - s.height); // the next block N has N − 1 = Y + span
    // update.py/namedb.py NameDB.log_update → is_name_expired(name, lastblock): expired iff
    // max(ready_block, last_renewed) + lifetime < lastblock; last_renewed (the import) < ready_block, so the name
    // lives through lastblock = ready_block + lifetime
    expect(verdicts(s.block(s.update('foo.test', a)))).toEqual(['ok']);
    expect(verdicts(s.block(s.update('foo.test', a, undefined, '44'.repeat(20))))).toEqual(['name-not-found']);
  });
  for (const [rel, rules] of [['0.14', R14], ['0.14.1', R141]] as [string, RuleSet][]) {
    it(`${rel}: the same update is rejected (ready_block + lifetime > lastblock no longer holds)`, () => {
      const s = new Sim(rules);
      const { a, Y, span } = readyWithImport(s);
      s.empty(Y + span - s.height); // the next block N has N − 1 = Y + span − 1
      // db.py namedb_select_where_unexpired_names: ready_block + lifetime > lastblock OR last_renewed + lifetime >= lastblock
      expect(verdicts(s.block(s.update('foo.test', a)))).toEqual(['ok']); // lastblock = Y + span − 1
      expect(verdicts(s.block(s.update('foo.test', a, undefined, '44'.repeat(20))))).toEqual(['name-not-found']); // lastblock = Y + span
    });
  }
});
