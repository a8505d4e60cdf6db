import { describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import { parseBlock, merkleRoot, scanBlock, sha256d, CoreError, core } from '../../bindings/index.ts';
import { hex, readData, readJson, rev, unhex } from './fixtures.ts';

const raw413567 = readData('block413567.raw');
const exp413567 = readJson('block413567.expected.json');
const raw702861 = readData('block702861.raw');
const exp702861 = readJson('block702861.expected.json');

describe('block 413567 (pre-segwit)', () => {
  const b = parseBlock(raw413567);
  const js = bitcoin.Block.fromBuffer(Buffer.from(raw413567));
  it('header hash is the real block hash', () => {
    expect(b.hash).toBe(exp413567.hash);
    expect(b.hash).toBe(js.getId());
  });
  it('merkle root recomputed from all txids equals the header', () => {
    expect(b.merkleRoot).toBe(exp413567.merkleRoot);
    expect(b.headerMerkleRoot).toBe(exp413567.merkleRoot);
    expect(b.merkleOk).toBe(true);
    expect(b.mutated).toBe(false);
  });
  it('every txid equals the known answer and bitcoinjs-lib', () => {
    expect(b.txCount).toBe(1557);
    expect(b.txs.map((t) => t.txid)).toEqual(exp413567.txids);
    expect(b.txs.map((t) => t.txid)).toEqual(js.transactions!.map((t) => t.getId()));
  });
  it('wtxids equal txids (coinbase: zeros) and there is no witness commitment', () => {
    expect(b.txs[0].wtxid).toBe('0'.repeat(64));
    for (let i = 1; i < b.txCount; i++) expect(b.txs[i].wtxid).toBe(b.txs[i].txid);
    expect(b.witnessCommitment).toBe('none');
    expect(b.witnessRoot).toBe(null);
  });
  it('counts, sizes and header fields', () => {
    expect(b.inputCount).toBe(exp413567.inputs);
    expect(b.outputCount).toBe(exp413567.outputs);
    expect(b.strippedSize).toBe(raw413567.length);
    expect(b.weight).toBe(4 * raw413567.length);
    expect(b.version).toBe(js.version);
    expect(b.prevHash).toBe(rev(js.prevHash!));
    expect(b.time).toBe(js.timestamp);
    expect(b.bits.toString(16)).toBe(exp413567.nBits);
    expect(b.nonce).toBe(js.nonce);
    const t = b.txs[7];
    const jt = js.transactions![7];
    expect([t.inputCount, t.outputCount, t.size, t.lockTime, t.segwit]).toEqual([jt.ins.length, jt.outs.length, jt.byteLength(), jt.locktime, false]);
    expect(hex(raw413567.subarray(t.offset, t.offset + t.size))).toBe(jt.toHex());
  });
  it('merkleRoot(hashes) over the internal-order txids returns the internal-order root', () => {
    const ids = b.txs.map((t) => t.txidBytes());
    expect(rev(merkleRoot(ids))).toBe(exp413567.merkleRoot);
    expect(hex(merkleRoot(b.txidsBytes()))).toBe(hex(merkleRoot(ids)));
    expect(hex(merkleRoot(ids.slice(0, 1)))).toBe(hex(ids[0]));
    const two = new Uint8Array(64);
    two.set(ids[0]); two.set(ids[1], 32);
    expect(hex(merkleRoot(ids.slice(0, 2)))).toBe(hex(sha256d(two)));
    expect(() => merkleRoot([])).toThrow(CoreError);
    expect(() => merkleRoot([new Uint8Array(31)])).toThrow(RangeError);
  });
});

describe('block 702861 (segwit)', () => {
  const b = parseBlock(raw702861);
  const js = bitcoin.Block.fromBuffer(Buffer.from(raw702861));
  it('hash, merkle root, counts', () => {
    expect(b.hash).toBe(exp702861.hash);
    expect(b.merkleRoot).toBe(exp702861.merkleRoot);
    expect(b.merkleOk).toBe(true);
    expect(b.txCount).toBe(2500);
    expect(b.inputCount).toBe(exp702861.inputs);
    expect(b.outputCount).toBe(exp702861.outputs);
    expect(b.strippedSize).toBe(exp702861.strippedSize);
    expect(b.weight).toBe(exp702861.weight);
    expect(b.txs.filter((t) => t.segwit).length).toBe(exp702861.segwitTxs);
  });
  it('txids and wtxids equal the known answers and bitcoinjs-lib', () => {
    expect(b.txs.map((t) => t.txid)).toEqual(exp702861.txids);
    expect(b.txs.map((t) => t.wtxid)).toEqual(exp702861.wtxids);
    expect(b.txs.map((t) => t.txid)).toEqual(js.transactions!.map((t) => t.getId()));
    const jsW = js.transactions!.map((t, i) => (i === 0 ? '0'.repeat(64) : rev(t.getHash(true))));
    expect(b.txs.map((t) => t.wtxid)).toEqual(jsW);
  });
  it('witness root and commitment check', () => {
    expect(b.witnessRoot).toBe(exp702861.witnessRoot_internal_hex);
    expect(b.witnessCommitment).toBe('valid');
    expect(js.checkTxRoots()).toBe(true);
    expect(hex(js.getWitnessCommit()!)).toBe(exp702861.witnessCommitment_internal_hex);
  });
  it('a wrong witness reserved value makes the commitment invalid but the block still parses', () => {
    const copy = raw702861.slice();
    const cb = b.txs[0];
    // the coinbase's single witness item (32 bytes) sits just before its 4-byte locktime
    const item = cb.offset + cb.size - 4 - 32;
    expect(copy[item - 1]).toBe(32);
    copy[item] ^= 1;
    const m = parseBlock(copy);
    expect(m.witnessCommitment).toBe('invalid');
    expect(m.merkleOk).toBe(true);
  });
});

describe('scanBlock', () => {
  it('finds OP_RETURN outputs by magic with everything the virtualchain needs', () => {
    const js = bitcoin.Block.fromBuffer(Buffer.from(raw413567));
    const all = scanBlock(raw413567, new Uint8Array(0));
    const expected = js.transactions!
      .map((t, i) => ({ t, i, k: t.outs.findIndex((o) => o.script[0] === 0x6a && o.script.length >= 2 && o.script[1] >= 1 && o.script[1] <= 0x4d) }))
      .filter((x) => x.k >= 0);
    expect(all.txs.map((t) => t.vtxindex)).toEqual(expected.map((x) => x.i));
    expect(all.hash).toBe(exp413567.hash);
    expect(all.merkleOk).toBe(true);
    expect(all.txCount).toBe(1557);
    for (const [n, s] of all.txs.entries()) {
      const { t, k } = expected[n];
      expect(s.txid).toBe(t.getId());
      expect(s.opReturnIndex).toBe(k);
      expect(s.version).toBe(t.version);
      expect(s.lockTime).toBe(t.locktime);
      expect(hex(s.raw)).toBe(t.toHex());
      expect(s.inputs.map((i) => [i.prevTxid, i.prevVout, hex(i.scriptSig), i.sequence])).toEqual(
        t.ins.map((i) => [rev(i.hash), i.index, hex(i.script), i.sequence]));
      expect(s.outputs.map((o) => [o.value, hex(o.script)])).toEqual(t.outs.map((o) => [Number(o.value), hex(o.script)]));
    }
    const id = scanBlock(raw413567, 'id');
    expect(id.txs.every((t) => t.opReturnData[0] === 0x69 && t.opReturnData[1] === 0x64)).toBe(true);
    expect(scanBlock(raw413567, 'zz\u00ff').txs.length).toBe(0);
  });
  it('returns witnesses and the non-witness raw tx for segwit transactions', () => {
    const js = bitcoin.Block.fromBuffer(Buffer.from(raw702861));
    const all = scanBlock(raw702861, '');
    const seg = all.txs.filter((t) => t.segwit);
    expect(seg.length).toBeGreaterThan(0);
    for (const s of seg) {
      const t = js.transactions![s.vtxindex];
      expect(s.txid).toBe(t.getId());
      const stripped = t.clone();
      stripped.ins.forEach((i) => { i.witness = []; });
      expect(hex(s.raw)).toBe(stripped.toHex());
      expect(s.inputs.map((i) => i.witness.map(hex))).toEqual(t.ins.map((i) => i.witness.map((w) => hex(w))));
    }
  });
  it('trusted mode (scanBlockTrusted): the same records and txids, only the matches hashed — no txid array, no merkle check', () => {
    for (const raw of [raw413567, raw702861]) {
      for (const magic of ['', 'id']) {
        const full = scanBlock(raw, magic);
        const fast = scanBlock(raw, magic, { trusted: true });
        expect(fast.hash).toBe(full.hash);
        expect(fast.txCount).toBe(full.txCount);
        expect(fast.txids.length).toBe(0);
        expect(fast.merkleOk).toBe(false);
        expect(fast.merkleRoot).toBe('00'.repeat(32));
        expect(fast.txs.map((t) => ({ ...t, raw: hex(t.raw) }))).toEqual(full.txs.map((t) => ({ ...t, raw: hex(t.raw) })));
      }
    }
    expect(scanBlock(raw702861, '', { trusted: true }).txs.some((t) => t.segwit)).toBe(true);
    expect(() => scanBlock(raw413567.subarray(0, raw413567.length - 1), 'id', { trusted: true })).toThrow(CoreError);
  });
  it('matches PUSHDATA1 payloads and rejects a magic longer than 4 bytes', () => {
    expect(() => scanBlock(raw413567, 'abcde')).toThrow(RangeError);
  });
});

describe('malformed blocks give CoreError with code and offset', () => {
  const cases: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(0), 'E_TRUNCATED'],
    ['header only', raw413567.slice(0, 80), 'E_TRUNCATED'],
    ['truncated in a tx', raw413567.slice(0, 500_000), 'E_TRUNCATED'],
  ];
  for (const [name, bytes, code] of cases) {
    it(name, () => {
      try { parseBlock(bytes); expect.unreachable(); } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        expect((e as CoreError).code).toBe(code);
      }
    });
  }
  const withTail = new Uint8Array(raw413567.length + 1);
  withTail.set(raw413567);
  it('trailing bytes after the last transaction', () => {
    expect(() => parseBlock(withTail)).toThrow(expect.objectContaining({ code: 'E_TRAILING', offset: raw413567.length }));
  });
  it('zero transactions', () => {
    const z = raw413567.slice(0, 81);
    z[80] = 0;
    expect(() => parseBlock(z)).toThrow(expect.objectContaining({ code: 'E_NO_TXS', offset: 80 }));
  });
  it('non-canonical varint', () => {
    expect(Array.from(raw413567.subarray(80, 83))).toEqual([0xfd, 0x15, 0x06]); // 1557, canonical
    const nc = raw413567.slice(0, 90);
    nc[80] = 0xfd; nc[81] = 0x05; nc[82] = 0x00; // 5 must be one byte
    expect(() => parseBlock(nc)).toThrow(expect.objectContaining({ code: 'E_VARINT', offset: 80 }));
  });
  it('absurd counts', () => {
    const z = raw413567.slice(0, 200);
    z[80] = 0xfe; z[81] = 0xff; z[82] = 0xff; z[83] = 0xff; z[84] = 0x01;
    expect(() => parseBlock(z)).toThrow(expect.objectContaining({ code: 'E_COUNT' }));
  });
  it('segwit marker with a bad flag', () => {
    const b = parseBlock(raw702861);
    const t = b.txs.find((x) => x.segwit)!;
    const z = raw702861.slice();
    z[t.offset + 5] = 2;
    expect(() => parseBlock(z)).toThrow(expect.objectContaining({ code: 'E_SEGWIT_FLAG', offset: t.offset + 5 }));
  });
  it('blocks over 16 MiB are refused before any work', () => {
    const ex = core();
    ex.inputReserve((16 << 20) + 1);
    expect(ex.parseBlock((16 << 20) + 1)).toBe(-5);
    expect(ex.scanBlock((16 << 20) + 1, 0, 0)).toBe(-5);
    expect(ex.parseTx((16 << 20) + 1)).toBe(-5);
  });
  it('errors carry a readable message with the offset', () => {
    expect(() => parseBlock(withTail)).toThrow(/trailing bytes.*offset 999887/);
  });
});
