/**
 * Sender resolution from Core's undo files (blocks/rev?????.dat): the format (VARINT, amount and script
 * compression, checksum), the one-pass undo path against the two-pass path and the generator's own replay,
 * record matching when stale blocks' records sit in the rev files, the fallback when rev data is missing, a
 * clear error naming the file and offset when a record is damaged, and a seeded fuzz of the parser.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlkFileSource, readXorKey } from '../../bindings/chain/blkfiles.ts';
import { xorInPlace } from '../../bindings/chain/blkfiles-write.ts';
import { DEVNET } from '../../bindings/chain/devnet/params.ts';
import { ChainError } from '../../bindings/chain/errors.ts';
import { MAX_WINDOW, readRevHeaders, UndoIndex } from '../../bindings/chain/revfiles.ts';
import { compressAmount, decompressAmount, parseBlockUndo, pushCoin, pushCompact, pushVarint, undoChecksum, type UndoCoin } from '../../bindings/chain/undo.ts';
import { fromHex } from '../../bindings/chain/bytes.ts';
import { decompressPublicKey } from '../../bindings/core/secp256k1.ts';
import { parseBlock, scanBlock } from '../../bindings/core/index.ts';
import { Indexer, type BlockEvent } from '../../bindings/node/indexer.ts';
import type { BulkPath } from '../../bindings/node/blkscan/bulk.ts';
import { writeSynthDatadir, type SynthResult } from '../../bindings/synth/datadir.ts';
import { createNameDb, devnetRules, getConsensusHash } from '../../bindings/virtualchain/index.ts';
import { Rng } from '../../bindings/synth/txs.ts';

const dirs: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'undo-')); dirs.push(d); return d; };
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function index(blocksDir: string, o: { workers?: number; undo?: boolean; verifyBlocks?: boolean; batchBlocks?: number } = {}) {
  const db = createNameDb(devnetRules(1));
  const src = new BlkFileSource(blocksDir, 'regtest', { addressVersions: DEVNET.versions });
  const paths: [BulkPath, string | undefined][] = [];
  const passes: string[] = [];
  const ix = new Indexer(src, db, { workers: o.workers ?? 1, bulkOptions: { undo: o.undo, verifyBlocks: o.verifyBlocks, batchBlocks: o.batchBlocks, onPath: (p, why) => paths.push([p, why]), onPass: (n, i) => passes.push(`${i.path} ${n}: ${i.blocks}`) } });
  const blocks: BlockEvent[] = [];
  ix.on('block', (e: BlockEvent) => blocks.push(e));
  await ix.syncOnce();
  await src.close();
  return { db, paths, passes, verdicts: blocks.map((b) => `${b.height}:${b.candidates}:${b.accepted}`).join(' ') };
}

describe('undo record format', () => {
  it('amount compression round-trips (Core\'s CompressAmount examples included)', () => {
    for (const [v, c] of [[0n, 0n], [1n, 1n], [100_000_000n, 9n], [5_000_000_000n, 50n], [2_100_000_000_000_000n, 21_000_000n], [123_456_789n, 1_111_111_101n]] as const) {
      expect(compressAmount(v)).toBe(c);
      expect(decompressAmount(compressAmount(v))).toBe(v);
    }
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) { const v = BigInt(rng.int(1 << 30)) * BigInt(1 + rng.int(2_000_000)); expect(decompressAmount(compressAmount(v))).toBe(v); }
  });

  it('Core VARINT: 0 → 00, 127 → 7f, 128 → 80 00, 255 → 80 7f, 16383 → fe 7f, 16512 → 80 80 00', () => {
    const enc = (n: number) => { const o: number[] = []; pushVarint(o, n); return Buffer.from(o).toString('hex'); };
    expect([0, 127, 128, 255, 16383, 16512].map(enc)).toEqual(['00', '7f', '8000', '807f', 'fe7f', '808000']);
  });

  it('scripts: P2PKH, P2SH, P2PK (compressed and uncompressed), raw — written compressed and read back', () => {
    const g = Buffer.from('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', 'hex');
    const g65 = decompressPublicKey(g);
    const h20 = Buffer.alloc(20, 7);
    const coins: UndoCoin[] = [
      { height: 5, coinbase: false, value: 12_345n, script: Buffer.concat([Buffer.from('76a914', 'hex'), h20, Buffer.from('88ac', 'hex')]) },
      { height: 0, coinbase: true, value: 50_0000_0000n, script: Buffer.concat([Buffer.from('a914', 'hex'), h20, Buffer.from('87', 'hex')]) },
      { height: 700_000, coinbase: true, value: 1n, script: Buffer.concat([Buffer.from([33]), g, Buffer.from([0xac])]) },
      { height: 9, coinbase: false, value: 99n, script: Buffer.concat([Buffer.from([65]), g65, Buffer.from([0xac])]) },
      { height: 10, coinbase: false, value: 0n, script: Buffer.from('0014' + '11'.repeat(20), 'hex') },
      { height: 11, coinbase: false, value: 3n, script: new Uint8Array(0) },
    ];
    const out: number[] = [];
    pushCompact(out, 2); pushCompact(out, 4); coins.slice(0, 4).forEach((c) => pushCoin(out, c)); pushCompact(out, 2); coins.slice(4).forEach((c) => pushCoin(out, c));
    const b = Uint8Array.from(out);
    expect(b[2 + 1 + 1 + 3]).toBe(0); // counts (2), first coin: code 10 (1 byte), dummy 0 (1), amount (3 bytes), then nSize 0 = P2PKH
    const back = parseBlockUndo(b, 3);
    expect(back.slice(1).flat().map((c) => [c.height, c.coinbase, c.value, Buffer.from(c.script).toString('hex')])).toEqual(coins.map((c) => [c.height, c.coinbase, c.value, Buffer.from(c.script).toString('hex')]));
    expect(() => parseBlockUndo(b, 4)).toThrow(/2 transactions, the block has 3/);
    expect(() => parseBlockUndo(b.subarray(0, b.length - 1), 3, 'rev00007.dat', 1000)).toThrow(/rev00007\.dat@1\d{3}: undo record ends/);
  });

  it('fuzz: seeded mutations of real undo records never throw anything but E_BAD_UNDO', () => {
    const d = tmp();
    writeSynthDatadir({ dir: d, blocks: 6, txsPerBlock: 40, opEvery: 2, imports: 3, seed: 5 });
    const blocks = join(d, 'blocks');
    const key = readXorKey(blocks);
    const file = readFileSync(join(blocks, 'rev00000.dat'));
    xorInPlace(file, key, 0);
    const recs = readRevHeaders(join(blocks, 'rev00000.dat'), 'fabfb5da', key);
    const bodies = recs.map((r) => file.subarray(r.offset + 8, r.offset + 8 + r.size));
    // decoding only some txs (the others walked over) gives the same coins for those txs
    for (const body of bodies) {
      const n = body[0] < 0xfd ? body[0] : 0;
      const full = parseBlockUndo(body, n + 1);
      const want = new Set([1, Math.max(1, n >> 1), n].filter((x) => x >= 1));
      const some = parseBlockUndo(body, n + 1, 'rev00000.dat', 0, want);
      for (let i = 1; i <= n; i++) expect(some[i]).toEqual(want.has(i) ? full[i] : []);
    }
    const rng = new Rng(99);
    let ok = 0, bad = 0;
    for (let i = 0; i < 3000; i++) {
      const src = bodies[rng.int(bodies.length)];
      const m = Uint8Array.from(src);
      const edits = 1 + rng.int(4);
      for (let k = 0; k < edits; k++) {
        const at = rng.int(m.length);
        const op = rng.int(3);
        if (op === 0) m[at] ^= 1 << rng.int(8); else if (op === 1) m[at] = rng.int(256); else m[at] = [0, 0x7f, 0x80, 0xff, 0xfd, 4, 5, 6][rng.int(8)];
      }
      const cut = rng.chance(0.2) ? m.subarray(0, rng.int(m.length)) : m;
      try { parseBlockUndo(cut, cut.length ? (cut[0] < 0xfd ? cut[0] + 1 : 1) : 1, 'rev00000.dat', 0, i % 2 ? new Set([1 + rng.int(3)]) : undefined); ok++; } catch (e) {
        expect(e).toBeInstanceOf(ChainError);
        expect((e as ChainError).code).toBe('E_BAD_UNDO');
        bad++;
      }
    }
    expect(ok).toBeGreaterThan(100);
    expect(bad).toBeGreaterThan(100);
  }, 60_000);
});

describe('undo path on a synthetic Core datadir', () => {
  let d: string;
  let r: SynthResult;
  beforeAll(() => {
    d = tmp();
    r = writeSynthDatadir({ dir: d, blocks: 60, txsPerBlock: 300, opEvery: 4, imports: 20, staleEvery: 6, outOfOrderEvery: 7, maxFileSize: 4 << 20, seed: 11 });
  }, 120_000);

  it('writes rev files beside the blk files, stale blocks\' records among them; such files give their blocks a window of records, not read until needed', () => {
    const blocks = join(d, 'blocks');
    expect(readdirSync(blocks).filter((f) => f.startsWith('rev')).length).toBe(readdirSync(blocks).filter((f) => f.startsWith('blk')).length);
    expect(r.revBytes).toBeGreaterThan(r.bytes / 20);
    expect(r.staleWithUndo).toBeGreaterThan(0);
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    const u = UndoIndex.build(src.index, src.magic, src.key, 1, src.index.height);
    expect(u).toBeInstanceOf(UndoIndex);
    const x = u as UndoIndex;
    // files with stale blocks' records are not matched when loaded (every record hashed on the scan's thread):
    // their blocks get a window of records (`extra`) the worker walks only for a block it needs the record of
    expect(x.windowed).toBeGreaterThan(0);
    expect(x.matchedByChecksum).toBe(0);
    const perFile = new Map<number, number>();
    for (let h = 1; h < src.index.hashes.length; h++) perFile.set(src.index.file[h], (perFile.get(src.index.file[h]) ?? 0) + 1);
    let windows = 0;
    for (let h = 1; h < src.index.hashes.length; h++) {
      const f = src.index.file[h], recs = readRevHeaders(join(blocks, `rev0000${f}.dat`), 'fabfb5da', src.key);
      expect(x.extra[h]).toBe(recs.length - perFile.get(f)!); // e: the file's records beyond its blocks
      expect(recs.some((rc) => rc.offset === x.offset[h] && rc.size === x.size[h])).toBe(true);
      if (x.extra[h] > 0) windows++;
    }
    expect(windows).toBeGreaterThan(0);
    // the stale records in all: no more than the generator wrote
    expect([...perFile].reduce((s, [f, n]) => s + readRevHeaders(join(blocks, `rev0000${f}.dat`), 'fabfb5da', src.key).length - n, 0)).toBeLessThanOrEqual(r.staleWithUndo);
  });

  it(`more than ${MAX_WINDOW} stale blocks' records in one file: matched record by record when loaded; where a stale sibling's record cannot be told from the block's, the undo path stops there and two passes give the same verdicts`, async () => {
    const c = tmp();
    const r4 = writeSynthDatadir({ dir: c, blocks: 240, txsPerBlock: 6, opEvery: 3, imports: 10, staleEvery: 1, seed: 21 });
    const blocks = join(c, 'blocks');
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    const recs = readRevHeaders(join(blocks, 'rev00000.dat'), 'fabfb5da', src.key);
    expect(readdirSync(blocks).filter((f) => f.startsWith('rev'))).toEqual(['rev00000.dat']);
    expect(recs.length - src.index.height).toBeGreaterThan(MAX_WINDOW);
    const u = UndoIndex.build(src.index, src.magic, src.key, 1, src.index.height) as UndoIndex;
    await src.close();
    expect(u.matchedByChecksum).toBe(1);
    expect(u.windowed).toBe(0);
    const walked = [...u.extra].filter((e) => e > 0).length;
    expect(walked).toBeGreaterThan(0); // blocks a stale sibling's record also fits (same parent)
    expect(walked).toBeLessThanOrEqual(r4.staleWithUndo);
    const one = await index(blocks, { workers: 2 });
    const two = await index(blocks, { workers: 2, undo: false });
    // the generator's stale siblings have the blocks' shape, and its spends are not real (DevChain's owners are
    // hashes without keys): the sibling's record cannot be told from the block's; the undo path stops at the
    // first such block whose candidates' coins differ between them, and two passes index the rest
    expect(one.paths[0]).toEqual(['undo', undefined]);
    expect(one.paths[1]?.[1]).toMatch(/^blocks (\d+)–240: .*rev00000\.dat: 2 undo records \(@\d+, @\d+\) fit block \1 .*cannot tell which is its$/);
    expect(one.verdicts).toBe(two.verdicts);
    expect(getConsensusHash(one.db, r4.hashes.length - 1)).toBe(r4.consensusHash);
  }, 120_000);

  it('one pass from the undo files = two-pass path = the generator\'s replay (1 and 2 workers)', async () => {
    const blocks = join(d, 'blocks');
    const u1 = await index(blocks, { workers: 1 });
    const u2 = await index(blocks, { workers: 2 });
    const tp = await index(blocks, { workers: 2, undo: false });
    // jobs of at most 3 blocks (the default caps them at 1,024: the early chain's tiny blocks), both paths
    const small = await index(blocks, { workers: 2, batchBlocks: 3 });
    const smallTp = await index(blocks, { workers: 2, undo: false, batchBlocks: 3 });
    expect(small.verdicts).toBe(tp.verdicts);
    expect(smallTp.verdicts).toBe(tp.verdicts);
    expect(u1.paths).toEqual([['undo', undefined]]);
    expect(tp.paths[0][0]).toBe('two-pass');
    const tip = r.hashes.length - 1;
    for (const x of [u1, u2, tp]) expect(getConsensusHash(x.db, tip)).toBe(r.consensusHash);
    expect(u1.verdicts).toBe(tp.verdicts);
    expect(u2.verdicts).toBe(tp.verdicts);
    expect(u1.verdicts.split(' ').reduce((s, v) => s + Number(v.split(':')[2]), 0)).toBe(r.accepted);
  }, 120_000);

  it('no rev files: two passes; a missing rev file, blocks without a record: the undo path up to the block before, two passes after, saying why', async () => {
    const noRev = tmp();
    const r2 = writeSynthDatadir({ dir: noRev, blocks: 12, txsPerBlock: 60, opEvery: 3, imports: 5, rev: false, seed: 3 });
    const a = await index(join(noRev, 'blocks'));
    expect(a.paths).toEqual([['two-pass', expect.stringMatching(/no rev\?\?\?\?\?\.dat files/)]]);
    expect(getConsensusHash(a.db, r2.hashes.length - 1)).toBe(r2.consensusHash);

    const c = tmp();
    cpSync(join(d, 'blocks'), join(c, 'blocks'), { recursive: true });
    unlinkSync(join(c, 'blocks', 'rev00001.dat'));
    const b = await index(join(c, 'blocks'));
    const tip = r.hashes.length - 1;
    const src = new BlkFileSource(join(c, 'blocks'), 'regtest', { addressVersions: DEVNET.versions });
    const first1 = src.index.file.indexOf(1); // the lowest best-chain height stored in blk00001.dat
    await src.close();
    expect(b.paths).toEqual([['undo', undefined], ['two-pass', expect.stringMatching(new RegExp(`^blocks ${first1}–${tip}: .*rev00001\\.dat is missing`))]]);
    expect(b.passes[0]).toBe(`undo 1: ${first1 - 1}`);
    expect(getConsensusHash(b.db, tip)).toBe(r.consensusHash);

    // the last blocks not connected yet: their records are absent (cut the last rev file after its first record)
    const e = tmp();
    cpSync(join(d, 'blocks'), join(e, 'blocks'), { recursive: true });
    const last = readdirSync(join(e, 'blocks')).filter((f) => f.startsWith('rev')).sort().at(-1)!;
    const p = join(e, 'blocks', last);
    const recs = readRevHeaders(p, 'fabfb5da', readXorKey(join(e, 'blocks')));
    writeFileSync(p, readFileSync(p).subarray(0, recs[1].offset));
    const f = await index(join(e, 'blocks'));
    expect(f.paths[0]).toEqual(['undo', undefined]);
    expect(f.paths[1][0]).toBe('two-pass');
    const m = f.paths[1][1]!.match(new RegExp(`^blocks (\\d+)–${tip}: .*${last.replace('.', '\\.')} has no undo record for block (\\d+)`));
    expect(m).not.toBeNull();
    const stop = Number(m![1]);
    expect(Number(m![2])).toBe(stop);
    expect(stop).toBeGreaterThan(tip / 2); // most of the chain took the undo path: only the unconnected tail two passes
    expect(f.passes[0]).toBe(`undo 1: ${stop - 1}`);
    expect(f.passes[1]).toBe(`two-pass 1: ${tip - stop + 1}`);
    expect(getConsensusHash(f.db, tip)).toBe(r.consensusHash);
    expect(f.verdicts).toBe((await index(join(e, 'blocks'), { undo: false })).verdicts);
  }, 120_000);

  it('a damaged record is an E_BAD_UNDO error naming the rev file and the record offset (records matched in order)', async () => {
    const c = tmp();
    writeSynthDatadir({ dir: c, blocks: 12, txsPerBlock: 60, opEvery: 3, imports: 5, seed: 4 });
    const blocks = join(c, 'blocks');
    const key = readXorKey(blocks);
    const p = join(blocks, 'rev00000.dat');
    const recs = readRevHeaders(p, 'fabfb5da', key);
    const victim = recs[5];
    const buf = readFileSync(p);
    buf[victim.offset + 8 + Math.floor(victim.size / 2)] ^= 0x40;
    writeFileSync(p, buf);
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    const u = UndoIndex.build(src.index, src.magic, src.key, 1, src.index.height) as UndoIndex;
    expect(u.matchedByChecksum).toBe(0); // no stale records: assigned in order, checked by the worker
    await src.close();
    await expect(index(blocks)).rejects.toThrow(new RegExp(`rev00000\\.dat@${victim.offset}: undo record checksum does not match block 6 `));
  }, 120_000);

  it('as many records as blocks, but one is a stale block\'s and the file\'s last block has none: not assigned in order — the undo path stops before that block', async () => {
    const c = tmp();
    cpSync(join(d, 'blocks'), join(c, 'blocks'), { recursive: true });
    const blocks = join(c, 'blocks');
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    const key = readXorKey(blocks);
    // a rev file with one record more than its blk file's best-chain blocks (a stale block's): drop its last record
    let f = -1, recs: ReturnType<typeof readRevHeaders> = [];
    for (let n = 0; f < 0; n++) {
      const hs = [...src.index.file].filter((x, h) => h > 0 && x === n).length;
      recs = readRevHeaders(join(blocks, `rev0000${n}.dat`), 'fabfb5da', key);
      if (recs.length === hs + 1) f = n;
    }
    const lastOfFile = [...src.index.file].lastIndexOf(f);
    await src.close();
    const p = join(blocks, `rev0000${f}.dat`);
    writeFileSync(p, readFileSync(p).subarray(0, recs.at(-1)!.offset));
    const x = await index(blocks);
    const tip = r.hashes.length - 1;
    expect(x.paths).toEqual([['undo', undefined], ['two-pass', expect.stringMatching(new RegExp(`^blocks ${lastOfFile}–${tip}: .*rev0000${f}\\.dat has no undo record for block ${lastOfFile} `))]]);
    expect(x.passes[0]).toBe(`undo 1: ${lastOfFile - 1}`);
    expect(getConsensusHash(x.db, tip)).toBe(r.consensusHash);
  }, 120_000);

  it('a damaged record in a file with stale blocks\' records (a window of records, walked by the worker): the undo path stops before its block, saying so, and two passes index the rest', async () => {
    const c = tmp();
    cpSync(join(d, 'blocks'), join(c, 'blocks'), { recursive: true });
    const blocks = join(c, 'blocks');
    const p = join(blocks, 'rev00000.dat');
    const key = readXorKey(blocks);
    const recs = readRevHeaders(p, 'fabfb5da', key);
    const buf = readFileSync(p);
    // the record of a block with candidates (the others are never read: the sieve skips their blocks), from
    // the middle of the file on, that only one record fits (checksum over its parent's hash)
    const bodies = recs.map((rc) => { const b = Buffer.from(buf.subarray(rc.offset + 8, rc.offset + 8 + rc.size + 32)); xorInPlace(b, key, rc.offset + 8); return b; });
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    let victim: (typeof recs)[number] | undefined, victimHeight = -1;
    for (let h = Math.floor(recs.length / 2); !victim && h < src.index.hashes.length && src.index.file[h] === 0; h++) {
      if (!scanBlock(src.readRaw(h), 'id', { trusted: true }).txs.some((t) => t.vtxindex > 0)) continue;
      const prev = fromHex(r.hashes[h - 1]).reverse();
      const fit = recs.filter((rc, i) => undoChecksum(prev, bodies[i].subarray(0, rc.size)).equals(bodies[i].subarray(rc.size)));
      if (fit.length === 1) { victim = fit[0]; victimHeight = h; }
    }
    const u = UndoIndex.build(src.index, src.magic, src.key, 1, src.index.height) as UndoIndex;
    expect(u.extra[victimHeight]).toBeGreaterThan(0); // the file was not matched when loaded
    await src.close();
    expect(victim).toBeDefined();
    buf[victim!.offset + 8 + Math.floor(victim!.size / 2)] ^= 0x40;
    writeFileSync(p, buf);
    const x = await index(blocks);
    const tip = r.hashes.length - 1;
    expect(x.paths[0]).toEqual(['undo', undefined]);
    const m = x.paths[1]?.[1]?.match(new RegExp(`^blocks (\\d+)–${tip}: .*rev00000\\.dat has no undo record for block (\\d+) .*or the record is damaged`));
    expect(m).toBeTruthy();
    expect(Number(m![1])).toBe(victimHeight);
    expect(getConsensusHash(x.db, tip)).toBe(r.consensusHash);
    expect(x.verdicts).toBe((await index(blocks, { undo: false })).verdicts);
  }, 120_000);

  it('trusted walk by default; verifyBlocks hashes every tx and stops at a block whose merkle root does not match', async () => {
    const c = tmp();
    const r3 = writeSynthDatadir({ dir: c, blocks: 10, txsPerBlock: 60, opEvery: 3, imports: 5, seed: 6 });
    const blocks = join(c, 'blocks');
    const src = new BlkFileSource(blocks, 'regtest', { addressVersions: DEVNET.versions });
    const h = 7;
    const raw = src.readRaw(h);
    const tx = parseBlock(raw).txs.find((t, i) => i > 0 && !t.segwit)!;
    const at = src.index.offset[h] + 8 + tx.offset + 4 + 1 + 36 + 1 + 10; // inside the first scriptSig
    const p = src.index.path(h);
    await src.close();
    const buf = readFileSync(p);
    buf[at] ^= 0x01;
    writeFileSync(p, buf);
    for (const undo of [true, false]) {
      const ok = await index(blocks, { undo }); // Core validated these files: nothing hashes that tx
      expect(getConsensusHash(ok.db, r3.hashes.length - 1)).toBe(r3.consensusHash);
      await expect(index(blocks, { undo, verifyBlocks: true })).rejects.toThrow(new RegExp(`block ${h} \\(${r3.hashes[h]}\\): merkle root does not match`));
    }
  }, 120_000);
});
