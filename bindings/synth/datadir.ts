/**
 * @module synth/datadir — writes a synthetic Bitcoin Core data directory (`<dir>/blocks/blk*.dat`,
 * `rev*.dat` + `xor.dat`) with mainnet-shaped blocks: ~2,000 mixed transactions a block (P2PKH, P2SH multisig, P2WPKH,
 * P2WSH, P2TR, multi-input, non-Blockstack OP_RETURNs), Blockstack name operations at a configurable density
 * (a namespace with a burst of NAME_IMPORTs, then preorders/registers/updates/transfers/renewals/revokes from
 * `DevChain`, senders funded from earlier outputs, some with extra far-back inputs), stale sibling blocks
 * (one carrying a valid-looking preorder that must NOT be indexed) and out-of-order storage (a child written
 * before its parent, as headers-first download does) and Core's undo files: `rev<N>.dat` beside each
 * `blk<N>.dat`, one record per block in CONNECTION order (a held-back child after its parent), XORed with
 * the same key; half the stale blocks also get a record, as if Core connected them and then reorganised
 * them away (their record sits before the best block's, same parent hash). `rev: false` writes none
 * (a pruned-like datadir). Chain: the regtest genesis, magic and difficulty, so
 * the devnet's JSON-RPC server can serve the very same chain (`DevnetChain` over `<dir>/blocks`).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { blkName, xorInPlace } from '../chain/blkfiles-write.ts';
import { fromHex, hashToHex, toHex } from '../chain/bytes.ts';
import { DEVNET } from '../chain/devnet/params.ts';
import type { PrevOut } from '../chain/source.ts';
import { merkleRoot, scanBlock } from '../core/index.ts';
import { candidateFrom } from '../node/scan.ts';
import { applyBlock, createNameDb, closeNameDb, devnetRules, DevChain, type TxInput } from '../virtualchain/index.ts';
import { pushCoin, pushCompact, undoChecksum, type UndoCoin } from '../chain/undo.ts';
import { revName } from '../chain/revfiles.ts';
import { ByteSink, pushData, Rng, scripts, shape, writeTx, type InputSpec, type Kind, type OutPoint, type Output } from './txs.ts';

export interface SynthOptions {
  /** Data directory; blocks go to `<dir>/blocks`. */
  dir: string;
  /** Blocks after the genesis. */
  blocks: number;
  /** Transactions per block (mainnet ~2,000 in ~1 MB). */
  txsPerBlock?: number;
  /**
   * Gap between name-operation blocks: up to 2N blocks (mean ~N) when nothing is pending. Unless `quiet`, every
   * op block preorders new names, so the next (their registers) follows within 20 blocks and the chain never
   * goes quiet: ~1 op block in 10 (dense, as the tests and earlier benches used).
   */
  opEvery?: number;
  /**
   * Op blocks in pairs: one that preorders (with other ops), one within 20 blocks that registers them (and
   * preorders nothing), then ~opEvery quiet blocks — with opEvery 300, a few op blocks per thousand, the
   * density the indexer issue takes for mainnet. Default false (dense).
   */
  quiet?: boolean;
  /** Name ops per op block in the steady state. */
  opsPerOpBlock?: number;
  /** NAME_IMPORTs in the namespace's import block (the burst). */
  imports?: number;
  /** A stale sibling block every ~N blocks (0 = none). */
  staleEvery?: number;
  /** A child stored before its parent every ~N blocks (0 = never). */
  outOfOrderEvery?: number;
  /** Write a random `xor.dat` key (Core ≥ 28) — default true; false writes no xor.dat at all. */
  xor?: boolean;
  /** Write Core's undo files `rev*.dat` (default true); false = a datadir without them (pruned-like). */
  rev?: boolean;
  maxFileSize?: number;
  seed?: number;
  onBlock?: (height: number, bytes: number) => void;
}

export interface SynthResult {
  /** Best-chain block hashes by height (0 = genesis). */
  hashes: string[];
  staleHashes: string[];
  /** Heights whose block was stored after its child. */
  outOfOrder: number[];
  /** Bytes of the blk files (records included). */
  bytes: number;
  /** Bytes of the rev files (0 without them). */
  revBytes: number;
  /** Stale blocks that also got an undo record (connected, then reorganised away). */
  staleWithUndo: number;
  txs: number;
  /** Candidate transactions on the best chain and how many the state machine accepted. */
  candidates: number;
  /** Best-chain blocks holding at least one candidate. */
  opBlocks: number;
  accepted: number;
  /** Consensus hash at the tip, from the generator's own replay (the scan path over a known prevout map). */
  consensusHash: string;
  firstBlock: number;
}

// mainnet-like mix (~500 bytes a tx on average, ~1 MB blocks at 2,000 txs)
const FILLER: [Kind, number][] = [['p2pkh', 24], ['p2wpkh', 22], ['p2sh', 10], ['p2wsh', 8], ['p2tr', 10], ['multi', 19], ['batch', 4], ['opret', 3]];
const pickKind = (rng: Rng): Kind => { let r = rng.int(100); for (const [k, p] of FILLER) { if (r < p) return k; r -= p; } return 'p2pkh'; };
const sha256d = (b: Uint8Array): Buffer => createHash('sha256').update(createHash('sha256').update(b).digest()).digest();
const key = (txid: Uint8Array | string, vout: number): string => `${typeof txid === 'string' ? txid : hashToHex(txid)}:${vout}`;

/** Appends records (magic, length, block) to blk files, XORed with the key, rolling over like Core. */
class RecordWriter {
  private fd = -1;
  private fileNo = -1;
  private size = 0;
  bytes = 0;
  constructor(readonly blocksDir: string, readonly key: Uint8Array, readonly maxFileSize: number) {}
  /** Appends the record; returns the number of the blk file it went to. */
  append(raw: Uint8Array): number {
    if (this.fd < 0 || this.size + raw.length + 8 > this.maxFileSize) {
      if (this.fd >= 0) closeSync(this.fd);
      this.fileNo++;
      this.fd = openSync(join(this.blocksDir, blkName(this.fileNo)), 'w');
      this.size = 0;
    }
    const rec = Buffer.allocUnsafe(raw.length + 8);
    rec.set(DEVNET.magic, 0);
    rec.writeUInt32LE(raw.length, 4);
    rec.set(raw, 8);
    xorInPlace(rec, this.key, this.size);
    writeSync(this.fd, rec);
    this.size += rec.length;
    this.bytes += rec.length;
    return this.fileNo;
  }
  close(): void { if (this.fd >= 0) closeSync(this.fd); this.fd = -1; }
}

/**
 * Undo records (magic, size, CBlockUndo, checksum) appended to rev<N>.dat when a block is "connected", N being
 * the blk file that holds the block; XORed with the same key at their file offsets, as Core does.
 */
class RevWriter {
  private files = new Map<number, { fd: number; size: number }>();
  bytes = 0;
  constructor(readonly blocksDir: string, readonly key: Uint8Array) {}
  append(fileNo: number, prevHashInternal: Uint8Array, undo: Uint8Array): void {
    let f = this.files.get(fileNo);
    if (!f) { f = { fd: openSync(join(this.blocksDir, revName(fileNo)), 'w'), size: 0 }; this.files.set(fileNo, f); }
    const rec = Buffer.allocUnsafe(undo.length + 40);
    rec.set(DEVNET.magic, 0);
    rec.writeUInt32LE(undo.length, 4);
    rec.set(undo, 8);
    rec.set(undoChecksum(prevHashInternal, undo), 8 + undo.length);
    xorInPlace(rec, this.key, f.size);
    writeSync(f.fd, rec);
    f.size += rec.length;
    this.bytes += rec.length;
  }
  close(): void { for (const f of this.files.values()) closeSync(f.fd); this.files.clear(); }
}

/** The CBlockUndo of a block from the coins each non-coinbase tx spent, in order. */
function blockUndo(txs: UndoCoin[][]): Uint8Array {
  const out: number[] = [];
  pushCompact(out, txs.length);
  for (const coins of txs) { pushCompact(out, coins.length); for (const c of coins) pushCoin(out, c); }
  return Uint8Array.from(out);
}

/** An outpoint with the coin it holds (what the undo record of the spending block stores). */
type Coined = OutPoint & { coin: UndoCoin };

const merkle = (ids: Uint8Array[]): Uint8Array => merkleRoot(ids);

function assemble(prev: string, txBytes: Buffer, count: number, ids: Uint8Array[], time: number): Uint8Array {
  const w = new ByteSink(txBytes.length + 100);
  w.u32(0x20000000).bytes(fromHex(prev).reverse()).bytes(merkle(ids)).u32(time).u32(DEVNET.bits).u32(0);
  w.varint(count).bytes(txBytes);
  const raw = w.buf.subarray(0, w.pos);
  for (let nonce = 0; ; nonce++) { // regtest target: about one header in two qualifies
    raw.writeUInt32LE(nonce, 76);
    if (sha256d(raw.subarray(0, 80))[31] < 0x7f) return raw;
  }
}

export function writeSynthDatadir(o: SynthOptions): SynthResult {
  const rng = new Rng(o.seed ?? 7);
  const txsPerBlock = o.txsPerBlock ?? 2000;
  const opEvery = o.opEvery ?? 300;
  const blocksDir = join(o.dir, 'blocks');
  mkdirSync(blocksDir, { recursive: true });
  const xkey = o.xor === false ? new Uint8Array(8) : Uint8Array.from(rng.bytes(8));
  if (o.xor !== false) writeFileSync(join(blocksDir, 'xor.dat'), xkey);
  const out = new RecordWriter(blocksDir, xkey, o.maxFileSize ?? 128 * 1024 * 1024);
  const rev = o.rev === false ? null : new RevWriter(blocksDir, xkey);
  const genesis = fromHex(DEVNET.genesisHex);
  out.append(genesis);

  const rules = devnetRules(1);
  const gdb = createNameDb(rules);
  const gen = new DevChain(rules, o.seed ?? 7, o.opsPerOpBlock ?? 4, o.imports ?? 50);
  const res: SynthResult = { hashes: [DEVNET.genesisHash], staleHashes: [], outOfOrder: [], bytes: 0, revBytes: 0, staleWithUndo: 0, txs: 1, candidates: 0, opBlocks: 0, accepted: 0, consensusHash: '', firstBlock: rules.firstBlock };
  const ring: Coined[] = [];                      // recent spendable filler outputs
  const oldP2pkh: { op: Coined; out: Output }[] = []; // far-back P2PKH outputs for extra op inputs
  const owned = new Map<string, Coined[]>();      // script hex → outputs paying it (name owners' coins)
  const known = new Map<string, PrevOut>();       // outputs the generator's own replay needs
  let nextOp = 2;
  let held: { raw: Uint8Array; height: number; undo: Uint8Array } | null = null;

  const coin = (h: number, x: Output): UndoCoin => ({ height: h, coinbase: false, value: BigInt(x.value), script: x.script });
  const takePrev = (): Coined => {
    // before any filler output exists: a made-up pre-genesis coin (the undo record still needs one)
    if (ring.length === 0) return { txid: rng.bytes(32), vout: 0, coin: { height: 0, coinbase: true, value: 50_0000_0000n, script: scripts.p2pkh(rng.bytes(20)) } };
    const i = rng.int(ring.length);
    const p = ring[i];
    ring[i] = ring[ring.length - 1];
    ring.pop();
    return p;
  };
  const addRing = (txid: Uint8Array, outs: Output[], h: number): void => {
    outs.forEach((x, v) => { if (x.script[0] !== 0x6a) ring.push({ txid, vout: v, coin: coin(h, x) }); });
    if (ring.length > 40_000) ring.splice(0, 10_000);
  };

  function buildBlock(h: number, prev: string, ops: TxInput[], stale: boolean): { raw: Uint8Array; count: number; undo: Uint8Array } {
    const body = new ByteSink(2 << 20);
    const ids: Uint8Array[] = [];
    const spent: UndoCoin[][] = [];
    const tx = (ins: InputSpec[], outs: Output[]): Uint8Array => { spent.push(ins.map((i) => (i.prev as Coined).coin)); return writeTx(body, ins, outs); };
    // coinbase: BIP34 height push, one P2PKH reward output
    const cbIn: InputSpec = { prev: { txid: new Uint8Array(32), vout: 0xffffffff }, scriptSig: Buffer.concat([pushData(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff])), rng.bytes(stale ? 9 : 8)]), witness: [] };
    ids.push(writeTx(body, [cbIn], [{ value: 3_1250_0000, script: scripts.p2pkh(rng.bytes(20)) }]));
    const fillers = Math.max(0, txsPerBlock - 1 - ops.length * 2);
    let opI = 0;
    const emitOp = (op: TxInput): void => {
      const sender = op.senders[0].script_pubkey;
      const ins: InputSpec[] = [];
      let first = owned.get(sender)?.pop();
      if (!first) { // fund the sender in this block, earlier in the vtx order
        const fund: Output[] = [{ value: 20_000_000, script: fromHex(sender) }, { value: 1_000_000 + rng.int(9_000_000), script: scripts.p2pkh(rng.bytes(20)) }];
        const s = shape('p2pkh', rng, [takePrev()]);
        const id = tx(s.ins, fund);
        ids.push(id);
        known.set(key(id, 0), { value: 20_000_000n, script: fund[0].script });
        first = { txid: id, vout: 0, coin: coin(h, fund[0]) };
      }
      const pub = op.sender_pubkey ? fromHex(op.sender_pubkey) : Buffer.concat([Uint8Array.of(2), rng.bytes(32)]);
      ins.push({ prev: first, scriptSig: Buffer.concat([pushData(rng.bytes(72)), pushData(pub)]), witness: [] });
      if (oldP2pkh.length > 8 && rng.chance(0.25)) { // multi-input op: an extra far-back P2PKH coin
        const x = oldP2pkh.splice(rng.int(oldP2pkh.length), 1)[0];
        known.set(key(x.op.txid, x.op.vout), { value: BigInt(x.out.value), script: x.out.script });
        ins.push({ prev: x.op, scriptSig: Buffer.concat([pushData(rng.bytes(71)), pushData(Buffer.concat([Uint8Array.of(3), rng.bytes(32)]))]), witness: [] });
      }
      const outs: Output[] = op.outputs.map((x) => ({ value: x.value ?? 0, script: fromHex(x.script_pubkey) }));
      const id = tx(ins, outs);
      ids.push(id);
      outs.forEach((x, v) => {
        if (x.script[0] === 0x6a || v === 0) return;
        const hex = toHex(x.script);
        known.set(key(id, v), { value: BigInt(x.value), script: x.script });
        const c: Coined = { txid: id, vout: v, coin: coin(h, x) };
        const l = owned.get(hex); if (l) l.push(c); else owned.set(hex, [c]);
      });
    };
    for (let i = 0; i < fillers; i++) {
      while (opI < ops.length && rng.int(fillers - i + 1) <= ops.length - opI) emitOp(ops[opI++]);
      const kind = pickKind(rng);
      const s = shape(kind, rng, kind === 'multi' ? Array.from({ length: 3 + rng.int(9) }, takePrev) : [takePrev()]);
      const id = tx(s.ins, s.outs);
      ids.push(id);
      if (!stale) {
        addRing(id, s.outs, h);
        if (kind === 'p2pkh' && rng.chance(0.01)) oldP2pkh.push({ op: { txid: id, vout: 0, coin: coin(h, s.outs[0]) }, out: s.outs[0] });
      }
    }
    while (opI < ops.length) emitOp(ops[opI++]);
    return { raw: assemble(prev, body.buf.subarray(0, body.pos), ids.length, ids, 1_600_000_000 + h * 600 + (stale ? 1 : 0)), count: ids.length, undo: rev ? blockUndo(spent) : new Uint8Array(0) };
  }

  const write = (raw: Uint8Array): number => out.append(raw);
  // Core writes a block's undo record when it connects the block (parent first), into rev<N> of its blk<N>
  const connect = (file: number, raw: Uint8Array, undo: Uint8Array): void => { rev?.append(file, raw.subarray(4, 36), undo); };
  for (let h = 1; h <= o.blocks; h++) {
    const prev = res.hashes[h - 1];
    let ops: TxInput[] = [];
    if (h >= nextOp) {
      ops = gen.nextBlock(h, (x) => gdb.state.consensus.get(x)!, { preorders: !(o.quiet && gen.s.pending.length > 0) });
      const pending = gen.s.pending.length > 0 || gen.s.phase < 3;
      nextOp = h + 1 + rng.int(pending ? Math.min(20, opEvery) : 2 * opEvery);
    }
    const { raw, count, undo } = buildBlock(h, prev, ops, false);
    const hash = hashToHex(sha256d(raw.subarray(0, 80)));
    res.hashes.push(hash);
    res.txs += count;
    // the generator's replay: the same scan + candidate path the indexer runs, prevouts from `known`
    const scanned = scanBlock(raw, 'id').txs.filter((t) => t.vtxindex !== 0);
    const cands = scanned.map((t) => candidateFrom(t, t.inputs.map((i) => known.get(key(i.prevTxid, i.prevVout)) ?? null), DEVNET.versions)).filter((c): c is TxInput => c !== null);
    if (cands.length !== scanned.length) throw new Error(`synth: block ${h} has a candidate with an unknown prevout`);
    const r = applyBlock(gdb, h, cands);
    res.candidates += cands.length;
    if (cands.length) res.opBlocks++;
    res.accepted += r.verdicts.filter((v) => v.accepted).length;

    // storage order: stale siblings (never on the best chain) and children before parents
    if (o.staleEvery && h < o.blocks - 1 && rng.int(o.staleEvery) === 0) {
      const ch = gdb.state.consensus.get(h - 1)!;
      const fake: TxInput = { txid: '', vtxindex: 1, op_return_hex: '', senders: [{ script_pubkey: toHex(scripts.p2pkh(rng.bytes(20))), script_type: 'pubkeyhash', addresses: [], amount: null }], sender_pubkey: null,
        outputs: [{ script_pubkey: toHex(scripts.nulldata(Buffer.concat([Buffer.from('id?'), rng.bytes(20), fromHex(ch)]))), value: 0 }, { script_pubkey: toHex(scripts.p2pkh(rng.bytes(20))), value: 5000 }, { script_pubkey: '76a914' + '00'.repeat(20) + '88ac', value: 1_000_000 }] };
      const stale = buildBlock(h, prev, [fake], true);
      res.staleHashes.push(hashToHex(sha256d(stale.raw.subarray(0, 80))));
      const f = write(stale.raw);
      // half the stale blocks were connected (undo record written) and then reorganised away
      if (rev && rng.chance(0.5)) { connect(f, stale.raw, stale.undo); res.staleWithUndo++; }
    }
    if (held) { const f = write(raw); connect(write(held.raw), held.raw, held.undo); connect(f, raw, undo); held = null; }
    else if (o.outOfOrderEvery && h < o.blocks && rng.int(o.outOfOrderEvery) === 0) { held = { raw: Uint8Array.from(raw), height: h, undo }; res.outOfOrder.push(h); }
    else connect(write(raw), raw, undo);
    o.onBlock?.(h, raw.length);
  }
  if (held) connect(write(held.raw), held.raw, held.undo);
  out.close();
  rev?.close();
  res.bytes = out.bytes;
  res.revBytes = rev?.bytes ?? 0;
  res.consensusHash = gdb.state.consensus.get(o.blocks)!;
  closeNameDb(gdb);
  return res;
}
