/**
 * The hashing layer alone (vectors/consensus): serialization, leaves, ops hashes and chained consensus
 * hashes of 87 scenarios, computed by the core (one call per block) and by the TS reference.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  blockConsensusHash, consensusBlockCore, merkleRootHex, opLeaf, opsHash, prevHeights, serializeOp,
} from '../../bindings/virtualchain/index.ts';
import { chainConsensusHash } from '../../bindings/virtualchain/consensus.ts';
import { serializeRegistration, serializeRevoke, serializeTransfer, serializeUpdate } from '../../bindings/virtualchain/records.ts';
import { CONSENSUS_DIR, listJson, readJson } from './helpers.ts';

const files = listJson(CONSENSUS_DIR).filter((f) => f !== 'worked-examples.json');

describe('consensus vectors', () => {
  it('has 87 scenario files', () => expect(files.length).toBe(87));
  for (const f of files) {
    it(f, () => {
      for (const sc of readJson(CONSENSUS_DIR + f).scenarios) {
        const mine = new Map<number, string>();
        for (const b of sc.blocks) {
          expect(prevHeights(b.height, sc.first_block)).toEqual(b.prev_heights);
          for (const op of b.ops) expect(opLeaf(op)).toBe(op.leaf);
          const core = blockConsensusHash(b.ops, b.height, sc.first_block, (h) => mine.get(h));
          expect(core.opsHash).toBe(b.ops_hash);
          expect(core.consensusHash).toBe(b.consensus_hash);
          expect(core.leaves).toEqual(b.ops.map((o: any) => o.leaf));
          // TS reference agrees with the core.
          const ref = chainConsensusHash(opsHash(b.ops.map(opLeaf)), b.prev_heights.map((h: number) => mine.get(h)!));
          expect(ref).toBe(b.consensus_hash);
          mine.set(b.height, core.consensusHash);
        }
      }
    });
  }

  it('worked examples: serialized bytes, sorted leaves, ops hash, consensus hash', () => {
    const w = readJson(CONSENSUS_DIR + 'worked-examples.json');
    expect(w.cases.length).toBe(5);
    for (const c of w.cases) {
      for (const op of c.ops) {
        expect(serializeOp(op)).toBe(op.serialized);
        expect(opLeaf(op)).toBe(op.leaf_dsha256);
      }
      if (c.ops_leaves_sorted) expect([...c.ops.map(opLeaf)].sort()).toEqual(c.ops.length ? c.ops_leaves_sorted : []);
      const prev = (c.prev_consensus_hashes ?? []).map((p: any) => p.consensus_hash);
      const r = consensusBlockCore(c.ops.map(serializeOp), prev);
      expect(r.opsHash).toBe(c.ops_hash);
      expect(r.consensusHash).toBe(c.consensus_hash);
    }
  });

  it('genesis: empty first block hashes to 2a9148d8…', () => {
    expect(consensusBlockCore([], []).consensusHash).toBe('2a9148d8b13939723d2aca16c75c6d68');
    expect(merkleRootHex(['5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456'])).toBe('5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456');
  });

  it('core and TS reference agree on random blocks (odd counts, many previous hashes)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 200; t++) {
      const ops = Array.from({ length: Math.floor(rnd() * 9) }, (_, i) => `?:1:${i},3:${Math.floor(rnd() * 1000)}`);
      const prev = Array.from({ length: Math.floor(rnd() * 14) }, () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join(''));
      const core = consensusBlockCore(ops, prev);
      const refLeaves = ops.map((s) => Buffer.from(sha256(sha256(Buffer.from(s)))).toString('hex'));
      expect(core.leaves).toEqual(refLeaves);
      expect(core.opsHash).toBe(opsHash(refLeaves));
      expect(core.consensusHash).toBe(chainConsensusHash(opsHash(refLeaves), prev));
    }
  });

  it('serializeOp: lengths are UTF-8 byte lengths; records built from values equal the same fields', () => {
    expect(serializeOp({ opcode: ':', fields: [['name', 'ab.test'], ['x', '']] })).toBe('::7:ab.test,0:');
    expect(serializeOp({ opcode: ':', fields: [['name', 'é.test'], ['x', 'ü'], ['y', 'a']] })).toBe('::7:é.test,2:ü,1:a');
    const rec = {
      name: 'é.test', namespaceId: 'test', valueHash: null, sender: '76a914' + '11'.repeat(20) + '88ac', address: 'mxx', senderPubkey: null,
      blockNumber: 5, preorderBlockNumber: 4, preorderHash: 'ab', firstRegistered: 6, lastRenewed: 7, revoked: false, op: ':', txid: 'cd',
      vtxindex: 2, opFee: 1.5, importer: null, importerAddress: null, consensusHash: null, lastCreationOp: ';' as const,
    };
    for (const fn of ['0.13', '0.14'] as const) {
      for (const op of [serializeRegistration(rec, fn, ':'), serializeUpdate(rec, fn, 'n', 'c'), serializeTransfer(rec, fn, 'h', 'c', true), serializeRevoke(rec)]) {
        const plain = { opcode: op.opcode, fields: op.fields.map(([k, v]) => [k, v] as [string, string]) };
        expect(serializeOp(op)).toBe(serializeOp(plain));
        expect(JSON.parse(JSON.stringify(op))).toEqual(plain);
        expect(serializeOp(op)).toContain(':7:é.test,');
        // the core hashes the UTF-8 bytes (a non-ASCII op does not fit the ASCII fast path)
        const text = serializeOp(op);
        expect(consensusBlockCore([text, 'ascii'], []).leaves[0]).toBe(Buffer.from(sha256(sha256(Buffer.from(text)))).toString('hex'));
      }
    }
    expect(serializeRegistration(rec, '0.13', ';').fields.slice(-2).map((f) => f[0])).toEqual(['recipient', 'recipient_address']);
    expect(serializeTransfer(rec, '0.14', 'h', 'c', false).fields.slice(-3)).toEqual([['name_hash128', 'h'], ['consensus_hash', 'c'], ['keep_data', 'False']]);
  });

  it('mainnet genesis constants (consensus-mainnet/known_hashes.json, high confidence)', () => {
    const k = readJson(CONSENSUS_DIR + '../consensus-mainnet/known_hashes.json');
    const first = k.cases.find((c: any) => c.height === 373601);
    expect(consensusBlockCore([], []).consensusHash).toBe(first.consensus_hash);
    for (const c of k.cases.filter((c: any) => c.kind === 'genesis-seed')) expect(c.consensus_hash).toBe('17ac43c1d8549c3181b200f1bf97eb7d');
  });
});
