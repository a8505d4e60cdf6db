/**
 * Name database identity: the block hash is persisted in the same row as the block's undo record (and
 * survives a reopen and a rollback), and a database of another layout, rule set or network is refused
 * with a clear error instead of being indexed on.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBlock, blockHashAt, checkNetwork, closeNameDb, devnetRules, rollbackTo, VirtualchainError } from '../../bindings/virtualchain/index.ts';
import { layout, openNameDb } from '../../bindings/virtualchain/stores.ts';
import { decodeNameRecord, encodeNameRecord } from '../../bindings/virtualchain/db/codec.ts';

const dir = mkdtempSync(join(tmpdir(), 'vc-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = devnetRules(100);
const hashOf = (h: number): string => h.toString(16).padStart(64, '0');

describe('name database identity', () => {
  it('persists each block hash with its undo record; rollback removes them', () => {
    const path = join(dir, 'a.sqlite');
    const db = openNameDb(path, rules);
    for (let h = 100; h < 110; h++) applyBlock(db, h, [], { hash: hashOf(h) });
    closeNameDb(db);
    const again = openNameDb(path, rules);
    expect(blockHashAt(again, 105)).toBe(hashOf(105));
    const row = (again.backend as any).db.prepare('SELECT hash, undo FROM blocks WHERE height = 109').get();
    expect(row.hash).toBe(hashOf(109));
    rollbackTo(again, 104);
    expect(blockHashAt(again, 105)).toBeUndefined();
    expect(blockHashAt(again, 104)).toBe(hashOf(104));
    closeNameDb(again);
    const third = openNameDb(path, rules);
    expect(blockHashAt(third, 105)).toBeUndefined();
    closeNameDb(third);
  });

  it('refuses another schema version, naming both versions', () => {
    const path = join(dir, 'old.sqlite');
    closeNameDb(openNameDb(path, rules));
    const raw = new Database(path);
    raw.prepare("UPDATE meta SET value = '3' WHERE key = 'schema_version'").run();
    raw.close();
    expect(() => openNameDb(path, rules)).toThrow(/schema version 3, this node needs 5 \(and upgrades 4 in place\)/);
    try { openNameDb(path, rules); } catch (e) { expect((e as VirtualchainError).code).toBe('E_VC_SCHEMA_MISMATCH'); }
    expect(layout.SCHEMA_VERSION).toBe(5);
    const newer = new Database(path);
    newer.prepare("UPDATE meta SET value = '6' WHERE key = 'schema_version'").run();
    newer.close();
    expect(() => openNameDb(path, rules)).toThrow(/schema version 6, this node needs 5/);
  });

  it('refuses tables without a schema version (a foreign layout)', () => {
    const path = join(dir, 'foreign.sqlite');
    const raw = new Database(path);
    raw.exec("CREATE TABLE blocks (height INTEGER PRIMARY KEY, consensus_hash TEXT); INSERT INTO blocks VALUES (100, 'x')");
    raw.close();
    expect(() => openNameDb(path, rules)).toThrow(/no schema version/);
  });

  it('refuses another rule set and another network', () => {
    const path = join(dir, 'rules.sqlite');
    const db = openNameDb(path, rules);
    applyBlock(db, 100, [], { hash: hashOf(100), network: 'regtest' });
    closeNameDb(db);
    expect(() => openNameDb(path, devnetRules(200))).toThrow(/built with rules/);
    const again = openNameDb(path, rules);
    expect(() => checkNetwork(again, 'main')).toThrow(/indexed from network "regtest"/);
    checkNetwork(again, 'regtest');
    closeNameDb(again);
  });
});

describe('row encodings', () => {
  it('a name record is stored as its fields in the one key order and decodes to the same record', () => {
    const r = {
      name: 'a.test', namespaceId: 'test', valueHash: 'vh', sender: 'sd', address: 'ad', senderPubkey: 'pk', blockNumber: 1,
      preorderBlockNumber: 2, preorderHash: 'ph', firstRegistered: 3, lastRenewed: 4, revoked: true, op: '>>', txid: 'tx', vtxindex: 5,
      opFee: 6.5, importer: 'im', importerAddress: 'ia', consensusHash: 'ch', lastCreationOp: ';' as const,
    };
    const enc = encodeNameRecord(r);
    expect(JSON.parse(enc)).toEqual(Object.values(r));
    expect(decodeNameRecord(enc)).toEqual(r);
    expect(Object.keys(decodeNameRecord(enc))).toEqual(Object.keys(r));
  });
});
