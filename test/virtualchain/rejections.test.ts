/**
 * Hand-written tests for the rejection rules the regtest vectors cannot show (statemachine-replay.md §6):
 * transaction-level skips, per-op checks, collisions ("both lose"), and the 21.x epochs.
 * Every rejected tx must leave the name database unchanged (only the block's consensus hash is added).
 */
import { describe, expect, it } from 'vitest';
import { applyBlock, devnetRules, epochAt, MAINNET, rulesFromScenario, type RuleSet, type TxInput } from '../../bindings/virtualchain/index.ts';
import { SM_DIR, readJson } from './helpers.ts';
import { Sim } from './sim.ts';

const cfg14 = readJson(SM_DIR + '0.14__name_preorder_register_cantsteal.json').scenario.config;
const cfg141 = readJson(SM_DIR + '0.14.1__name_import.json').scenario.config;
const R14 = rulesFromScenario('t14', '0.14', cfg14);
const R141 = rulesFromScenario('t141', '0.14.1', cfg141); // epoch 1 (no MULTISIG) until block 436650
const DEV = devnetRules(1000);

function state(s: Sim): string {
  const { consensus: _c, lastBlock: _l, ...rest } = s.db.state.snapshot() as any;
  return JSON.stringify(rest);
}

/** Applies `txs` in one block; the tx at `idx` (default: all) must be rejected with `reason`, state unchanged. */
function rejects(s: Sim, txs: TxInput | TxInput[], reason: string | RegExp): void {
  const list = Array.isArray(txs) ? txs : [txs];
  const before = state(s);
  const r = s.block(...list);
  expect(r.verdicts.length, 'no verdict at all: the rejection was never checked').toBeGreaterThan(0);
  for (const v of r.verdicts) {
    expect(v.accepted, JSON.stringify(v)).toBe(false);
    if (typeof reason === 'string') expect(v.reason).toBe(reason); else expect(v.reason).toMatch(reason);
  }
  expect(r.ops).toEqual([]);
  expect(state(s)).toBe(before);
}

function world(rules: RuleSet, lifetime?: number) {
  const s = new Sim(rules);
  const creator = s.key('creator'), revealer = s.key('revealer'), alice = s.key('alice'), bob = s.key('bob');
  s.empty(26); // so that a 25-block-old consensus hash exists
  s.setupNamespace('test', creator, revealer, { lifetime });
  s.registerName('foo.test', alice);
  return { s, creator, revealer, alice, bob };
}

describe('transaction-level skips', () => {
  const { s, alice, bob } = world(R14);
  it('no magic, unknown opcode', () => {
    const t = s.update('foo.test', alice); t.op_return_hex = '6465' + t.op_return_hex.slice(4);
    rejects(s, t, 'E_VC_NO_MAGIC');
    rejects(s, s.tx('Z' + '00'.repeat(36), alice, []), 'E_VC_UNKNOWN_OPCODE');
    const e = s.update('foo.test', alice); e.op_return_hex = '';
    rejects(s, e, 'E_VC_NO_MAGIC');
    const bad = s.update('foo.test', alice); bad.op_return_hex = 'zz';
    rejects(s, bad, 'E_VC_NO_MAGIC');
  });
  it('wrong payload lengths', () => {
    rejects(s, s.tx('?' + '00'.repeat(35), alice, [s.burn(1e7)]), 'E_VC_BAD_LENGTH');
    rejects(s, s.tx('+' + '00'.repeat(35), alice, []), 'E_VC_BAD_LENGTH');
    rejects(s, s.tx('>3e' + '00'.repeat(31), alice, [s.out(bob)]), 'E_VC_BAD_LENGTH');
    rejects(s, s.tx('#' + '00'.repeat(19), alice, []), 'E_VC_BAD_LENGTH');
    rejects(s, s.tx('&' + '00'.repeat(17), alice, [s.out(bob), s.out(alice)]), 'E_VC_BAD_LENGTH');
    rejects(s, s.tx('!' + '74657374', alice, []), 'E_VC_BAD_NAMESPACE');
  });
  it('invalid names, disposition, version, discount', () => {
    for (const n of ['Foo.test', 'fo+o.test', 'a.b.test', 'x'.repeat(33) + '.test', '.test', 'foo.', 'foo']) {
      rejects(s, s.register(n, alice, alice), 'E_VC_BAD_NAME');
    }
    const t = s.transfer('foo.test', alice, bob); t.op_return_hex = t.op_return_hex.slice(0, 6) + '78' + t.op_return_hex.slice(8);
    rejects(s, t, 'E_VC_BAD_DISPOSITION');
    rejects(s, s.reveal('newns', alice, bob, { version: 4 }), 'E_VC_BAD_VERSION');
    const d = s.reveal('newns', alice, bob); d.op_return_hex = d.op_return_hex.slice(0, 34) + '0a' + d.op_return_hex.slice(36);
    rejects(s, d, 'E_VC_BAD_DISCOUNT');
  });
  it('sender types, missing recipient, reveal outputs, import value hash', () => {
    const t = s.update('foo.test', alice); t.senders[0].script_type = 'witness_v0_keyhash';
    rejects(s, t, 'bad-sender-type');
    const t2 = s.update('foo.test', alice); t2.senders.push({ script_pubkey: '0014' + '00'.repeat(20), script_type: 'nonstandard', addresses: [], amount: null });
    rejects(s, t2, 'bad-sender-type');
    rejects(s, s.tx('>3e' + '00'.repeat(32), alice, []), 'no-recipient');
    rejects(s, s.reveal('newns', alice, bob, { outs: [s.out(bob)] }), 'bad-outputs');
    rejects(s, s.tx(';' + '666f6f2e74657374', alice, [s.out(bob)]), 'no-value-hash');
  });
});

describe('block-level failures', () => {
  it('a block that throws leaves no trace (state and tip unchanged)', () => {
    const { s } = world(R14);
    const before = JSON.stringify(s.db.state.snapshot());
    expect(() => applyBlock(s.db, s.height, null as any)).toThrow();
    expect(JSON.stringify(s.db.state.snapshot())).toBe(before);
    expect(s.block().height).toBe(s.db.state.lastBlock);
  });
});

describe('NAME_PREORDER', () => {
  const { s, alice, bob } = world({ ...R14, maxNamesPerSender: 2 });
  it('outstanding hash, stale consensus hash, no burn, quota, same-block duplicates', () => {
    s.block(s.preorder('bar.test', bob, bob, 1e7));
    rejects(s, s.preorder('bar.test', bob, bob, 1e7), 'preorder-outstanding');
    rejects(s, s.preorder('baz.test', bob, bob, 1e7, s.ch(s.height - 25)), 'stale-consensus-hash');
    rejects(s, s.preorder('baz.test', bob, bob, 1e7, s.ch(), [s.out(bob)]), 'no-burn-output');
    rejects(s, [s.preorder('dup.test', bob, bob, 1e7), s.preorder('dup.test', bob, bob, 1e7)], 'collision');
    s.registerName('two.test', alice);
    rejects(s, s.preorder('three.test', alice, alice, 1e7), 'sender-quota');
  });
});

describe('NAME_REGISTRATION', () => {
  it('revoked, namespace not ready, no preorder, already registered, fee, p2sh, collisions', () => {
    const { s, alice, bob, creator } = world(R141);
    s.block(s.revoke('foo.test', alice));
    rejects(s, s.register('foo.test', alice, alice), 'name-revoked');
    rejects(s, s.register('nons.other', alice, alice), 'namespace-not-ready');
    rejects(s, s.register('bar.test', alice, alice), 'no-preorder');
    s.block(s.preorder('bar.test', alice, bob, 1e7));
    rejects(s, s.register('bar.test', alice, alice), 'no-preorder'); // recipient differs from the preorder's
    rejects(s, s.register('bar.test', creator, bob), 'no-preorder'); // sender differs
    s.block(s.preorder('cheap.test', alice, alice, 99));
    rejects(s, s.register('cheap.test', alice, alice), 'fee-too-low');
    const ms = s.key('multisig', true);
    s.block(s.preorder('msig.test', alice, ms, 1e7));
    rejects(s, s.register('msig.test', alice, ms), 'p2sh-recipient'); // epoch 1: no MULTISIG
    s.block(s.preorder('coll.test', alice, alice, 1e7), s.preorder('coll.test', bob, alice, 1e7));
    rejects(s, [s.register('coll.test', alice, alice), s.register('coll.test', bob, alice)], 'collision');
  });
  it('preorder older than the ready block; recipient at quota; already registered', () => {
    const s = new Sim({ ...R14, maxNamesPerSender: 1 });
    const c = s.key('c'), r = s.key('r'), a = s.key('a');
    s.empty(2);
    s.block(s.nsPreorder('test', c, r, 4e8));
    s.block(s.reveal('test', c, r));
    s.block(s.preorder('early.test', a, a, 1e7));
    s.block(s.ready('test', r));
    rejects(s, s.register('early.test', a, a), 'preorder-before-ready');
    s.registerName('one.test', a);
    s.block(s.preorder('two.test', a, a, 1e7));
    rejects(s, s.register('two.test', a, a), 'recipient-quota');
  });
});

describe('NAME_RENEWAL, NAME_UPDATE, NAME_TRANSFER, NAME_REVOKE', () => {
  it('renewal: not owner, no burn, fee too low, sender ≠ recipient', () => {
    const { s, alice, bob } = world(R14);
    rejects(s, s.renew('foo.test', bob, 1e7), 'renewal-recipient-not-owner');
    rejects(s, s.renew('foo.test', alice, null), 'no-burn-output');
    rejects(s, s.renew('foo.test', alice, 10), 'fee-too-low');
    rejects(s, s.renew('foo.test', alice, 1e7, bob), 'renewal-recipient');
    expect(s.block(s.renew('foo.test', alice, 1e7)).verdicts[0].op).toBe('::');
  });
  it('update: stale consensus hash, not owner, revoked, expired', () => {
    const { s, alice, bob } = world(R14, 10);
    rejects(s, s.update('foo.test', alice, s.ch(s.height - 25)), 'name-not-found');
    rejects(s, s.update('foo.test', bob), 'name-not-found');
    expect(s.block(s.update('foo.test', alice)).verdicts[0].accepted).toBe(true);
    s.empty(25);
    rejects(s, s.update('foo.test', alice), 'name-not-found'); // expired (lifetime 10 × 2)
    const w = world(R14);
    w.s.block(w.s.revoke('foo.test', w.alice));
    rejects(w.s, w.s.update('foo.test', w.alice), 'name-not-found');
  });
  it('transfer: unknown name, stale hash, self, not owner, p2sh sender in epoch 1, recipient quota', () => {
    const { s, alice, bob } = world({ ...R141, maxNamesPerSender: 1 });
    rejects(s, s.transfer('nope.test', alice, bob), 'name-not-found');
    rejects(s, s.transfer('foo.test', alice, bob, true, s.ch(s.height - 25)), 'stale-consensus-hash');
    rejects(s, s.transfer('foo.test', alice, alice), 'self-transfer');
    rejects(s, s.transfer('foo.test', bob, alice), 'not-owner');
    s.registerName('bob.test', bob);
    rejects(s, s.transfer('foo.test', alice, bob), 'recipient-quota');
    const ms = s.key('ms', true);
    const t = s.transfer('foo.test', alice, s.key('carol'));
    t.senders[0] = { script_pubkey: ms.script, script_type: 'scripthash', addresses: [ms.address], amount: null };
    rejects(s, t, 'not-owner');
  });
  it('revoke: not owner, already revoked; revoked names stay unregisterable until expiry', () => {
    const { s, alice, bob } = world(R14, 10);
    rejects(s, s.revoke('foo.test', bob), 'not-owner');
    s.block(s.revoke('foo.test', alice));
    rejects(s, s.revoke('foo.test', alice), 'name-revoked');
    s.block(s.preorder('foo.test', bob, bob, 1e7));
    rejects(s, s.register('foo.test', bob, bob), /name-revoked|no-preorder/);
  });
});

describe('NAME_IMPORT and namespace operations', () => {
  it('import: namespace ready, first importer ≠ revealer, importer not in keychain, no key', () => {
    const s = new Sim(R14);
    const c = s.key('c'), r = s.key('r'), a = s.key('a'), x = s.key('x');
    s.empty(2);
    s.block(s.nsPreorder('test', c, r, 4e8));
    s.block(s.reveal('test', c, r));
    rejects(s, s.importName('foo.test', x, a), 'not-first-importer');
    const nokey = s.importName('foo.test', r, a); nokey.sender_pubkey = null;
    rejects(s, nokey, 'no-importer-key');
    expect(s.block(s.importName('foo.test', r, a)).verdicts[0].accepted).toBe(true);
    rejects(s, s.importName('bar.test', x, a), 'importer-not-in-keychain');
    s.block(s.ready('test', r));
    rejects(s, s.importName('bar.test', r, a), 'namespace-not-revealed');
  });
  it('namespace preorder / reveal / ready checks', () => {
    const s = new Sim(R14);
    const c = s.key('c'), r = s.key('r'), o = s.key('o');
    s.empty(26);
    rejects(s, s.nsPreorder('test', c, r, 4e8, s.ch(s.height - 25)), 'stale-consensus-hash');
    const nob = s.nsPreorder('test', c, r, 4e8); nob.outputs.pop();
    rejects(s, nob, 'no-burn-output');
    rejects(s, [s.nsPreorder('test', c, r, 4e8), s.nsPreorder('test', c, r, 4e8)], 'collision');
    s.block(s.nsPreorder('test', c, r, 4e8));
    rejects(s, s.nsPreorder('test', c, r, 4e8), 'preorder-outstanding');
    rejects(s, s.reveal('test', o, r), 'no-preorder');
    s.block(s.nsPreorder('cheap', c, r, 10));
    rejects(s, s.reveal('cheap', c, r), 'fee-too-low');
    rejects(s, s.reveal('test', c, r, { version: 2 }), 'bad-version'); // pay-to-creator needs epoch 3
    rejects(s, s.ready('test', r), 'namespace-not-revealed');
    s.block(s.reveal('test', c, r));
    rejects(s, s.reveal('test', c, r), /namespace-revealed|no-preorder/);
    rejects(s, s.ready('test', c), 'not-revealer');
    s.block(s.ready('test', r));
    rejects(s, s.ready('test', r), 'namespace-ready');
    s.block(s.nsPreorder('twin', c, r, 4e8), s.nsPreorder('twin', o, r, 4e8));
    rejects(s, [s.reveal('twin', c, r), s.reveal('twin', o, r)], 'collision');
  });
  it('reveal expiry (BLOCKSTACK_NAMESPACE_REVEAL_EXPIRE) blocks imports and ready', () => {
    const s = new Sim({ ...R14, namespaceRevealExpire: 3 });
    const c = s.key('c'), r = s.key('r');
    s.empty(2);
    s.block(s.nsPreorder('test', c, r, 4e8));
    s.block(s.reveal('test', c, r));
    s.empty(3);
    rejects(s, s.ready('test', r), 'namespace-not-revealed');
    rejects(s, s.importName('foo.test', r, c), 'namespace-not-revealed');
  });
});

describe('21.x epochs (rules as data)', () => {
  it('mainnet epoch table and features at the boundaries', () => {
    expect([373601, 436650, 436651, 488500, 488501, 547921, 547922, 599866, 599867, 613249, 613250, 900000].map((h) => epochAt(MAINNET, h).epoch))
      .toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
    expect(epochAt(MAINNET, 488501).gracePeriod).toBe(5000);
    expect(epochAt(MAINNET, 436651).features).toContain('MULTISIG');
    expect(epochAt(MAINNET, 436650).features).not.toContain('MULTISIG');
  });
  it('mainnet v1 freeze: from block 665750 every transaction is ignored and blocks hash as empty', () => {
    const rules: RuleSet = { ...MAINNET, name: 'freeze-test', firstBlock: 665740, epochs: [{ ...MAINNET.epochs[5], firstBlock: 665740 }] };
    const s = new Sim(rules);
    const a = s.key('a'), r = s.key('r');
    s.empty(9);
    expect(s.block(s.nsPreorder('test', a, r, 4e10)).verdicts.length).toBe(1);
    const before = s.db.state.nsPreorders.size;
    const res = s.block(s.nsPreorder('other', a, r, 4e10));
    expect(res.height).toBe(665750);
    expect(res.verdicts).toEqual([]);
    expect(res.opsHash).toBe('5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456');
    expect(s.db.state.nsPreorders.size).toBe(before);
  });
  it('devnet (epoch 3): grace period blocks update/transfer/revoke, renewal still allowed; 0.1 price multiplier', () => {
    const { s, alice, bob } = world(DEV, 5); // lifetime 5 × 2 = 10 blocks, then 5000 grace blocks
    s.empty(12);
    rejects(s, s.update('foo.test', alice), 'grace-period');
    rejects(s, s.transfer('foo.test', alice, bob), 'grace-period');
    rejects(s, s.revoke('foo.test', alice), 'grace-period');
    rejects(s, s.renew('foo.test', alice, 639_999), 'fee-too-low'); // "foo": 250·4^4·100 × 0.1 = 640000
    expect(s.block(s.renew('foo.test', alice, 640_000)).verdicts[0].op).toBe('::');
    expect(s.block(s.update('foo.test', alice)).verdicts[0].accepted).toBe(true);
  });
  it('devnet: renewal is chosen by output count (≥ 4 outputs) and may transfer (OP_RENEW_TRANSFER_UPDATE)', () => {
    const { s, alice, bob } = world(DEV);
    const r = s.block(s.renew('foo.test', alice, 1e7, bob));
    expect(r.verdicts[0].op).toBe('::');
    expect(s.db.state.names.get('foo.test')!.sender).toBe(bob.script);
    rejects(s, s.register('foo.test', alice, alice), 'no-preorder');
  });
  it('devnet: version-2 (pay-to-creator) namespace: fees go to the creator in the first year, not the burn address', () => {
    const s = new Sim(DEV);
    const c = s.key('c'), r = s.key('r'), a = s.key('a');
    s.empty(3);
    s.block(s.nsPreorder('p2c', c, r, 4e8));
    expect(s.block(s.reveal('p2c', c, r, { version: 2 })).verdicts[0].accepted).toBe(true);
    s.block(s.ready('p2c', r));
    s.block(s.preorder('burned.p2c', a, a, 1e7));
    rejects(s, s.register('burned.p2c', a, a), 'not-burned');
    s.block(s.preorder('paid.p2c', a, a, 1e7, s.ch(), [s.out(a), s.out(c, 1e7)]));
    const reg = s.block(s.register('paid.p2c', a, a)).verdicts[0];
    expect(reg.op, reg.reason).toBe(':');
  });
  it('FIX_PREORDER_EXPIRE: a preorder older than 144 blocks cannot be registered', () => {
    const rules: RuleSet = { ...DEV, name: 'fix-expire', epochs: [{ ...DEV.epochs[0], features: [...DEV.epochs[0].features, 'FIX_PREORDER_EXPIRE'] }] };
    const { s, alice } = world(rules);
    s.block(s.preorder('late.test', alice, alice, 1e7));
    s.empty(145);
    rejects(s, s.register('late.test', alice, alice), 'preorder-expired');
  });
});
