/**
 * SQLite name database: a replayed scenario persists (WAL, one transaction per block), reopens to the
 * same state, and the query API answers name-at-height, history, owner, namespace, price and hash queries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyBlock, closeNameDb, createNameDb, getBlockOps, getConsensusHash, getNameAt, getNameHistory, getNamePrice, getNamesByOwner,
  getNamespace, getNamespacePrice, rulesFromScenario, tipHeight,
} from '../../bindings/virtualchain/index.ts';
import { openNameDb, layout } from '../../bindings/virtualchain/stores.ts';
import { snap } from './chain-helpers.ts';
import { SM_DIR, readJson } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'vc-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite name database + queries', () => {
  const v = readJson(SM_DIR + '0.14__name_preorder_register_update_transfer_renew_revoke_verify_multi.json');
  const rules = rulesFromScenario(v.scenario.name, v.scenario.reference_version, v.scenario.config);
  const path = join(dir, 'names.sqlite');

  it('persists every block and reopens to the same state', () => {
    const db = openNameDb(path, rules);
    expect(db.backend && (db.backend as any).db.pragma('journal_mode', { simple: true })).toBe('wal');
    for (const b of v.blocks) {
      const r = applyBlock(db, b.height, b.txs);
      expect(r.consensusHash).toBe(b.expected.consensus_hash);
    }
    const before = snap(db);
    closeNameDb(db);
    const again = openNameDb(path, rules);
    expect(snap(again)).toBe(before);
    expect(tipHeight(again)).toBe(v.blocks[v.blocks.length - 1].height);
    for (const b of v.blocks) expect(getConsensusHash(again, b.height)).toBe(b.expected.consensus_hash);
    const withOps = v.blocks.find((b: any) => b.expected.ops.length > 0);
    expect((getBlockOps(again, withOps.height)!.ops as any[]).length).toBe(withOps.expected.ops.length);
    closeNameDb(again);
  });

  it('answers queries: record at height, history, owner, namespace, prices', () => {
    const db = openNameDb(path, rules);
    const hist = getNameHistory(db, 'foo.test');
    expect(hist.map((h) => h.op)).toEqual([':', '+', '>>', '::', '~']);
    const regHeight = hist[0].block;
    const atReg = getNameAt(db, 'foo.test', regHeight)!;
    expect(atReg.record.op).toBe(':');
    expect(atReg.live).toBe(true);
    expect(getNameAt(db, 'foo.test', regHeight - 1)).toBeNull();
    const now = getNameAt(db, 'foo.test')!;
    expect(now.revoked).toBe(true);
    const owner = hist[2].record.address;
    expect(getNamesByOwner(db, hist[1].record.address)).not.toContain('foo.test');
    expect(getNamesByOwner(db, owner)).not.toContain('foo.test'); // revoked names are not listed
    expect(getNamesByOwner(db, getNameAt(db, 'bar.test')!.record.address)).toEqual([]);
    expect(getNamesByOwner(db, 'not-an-address')).toEqual([]);
    const ns = getNamespace(db, 'test')!;
    expect(ns.op).toBe('!');
    expect(ns.buckets.length).toBe(16);
    expect(getNamespace(db, 'nope')).toBeNull();
    expect(getNamePrice(db, 'foo.test')).toBe(640000 * 10);
    expect(getNamespacePrice(db, 'test')).toBe(400_000_000);
    closeNameDb(db);
  });

  it('names by owner lists live names', () => {
    const w = readJson(SM_DIR + '0.14.1__name_import.json');
    const mem = createNameDb(rulesFromScenario(w.scenario.name, w.scenario.reference_version, w.scenario.config));
    for (const b of w.blocks) applyBlock(mem, b.height, b.txs);
    const rec = getNameAt(mem, 'foo.test')!;
    expect(rec.live).toBe(true);
    expect(getNamesByOwner(mem, rec.record.address)).toContain('foo.test');
  });

  it('keeps every table name in db/layout.ts', () => {
    expect(layout.SCHEMA.join('\n')).toMatch(/CREATE TABLE IF NOT EXISTS blocks/);
    expect(Object.values(layout.STATE_TABLES).map((t) => t.table)).toEqual(['namespaces', 'name_preorders', 'namespace_preorders']);
    expect(layout.SCHEMA.join('\n')).not.toMatch(/TABLE IF NOT EXISTS names /); // names come from history (schema 5)
  });
});
