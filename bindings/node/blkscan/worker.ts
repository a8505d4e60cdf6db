/**
 * @module node/blkscan/worker — one worker thread of the bulk scanner, with its own WASM core instance.
 * Blocks are read straight into the core's input arena (no second copy into core memory). `undo` and `scan`
 * (trusted) first sieve each block (core/sieve.ts: one byte-wise pass over the bytes as stored, `xor.dat`
 * folded in, that proves most blocks hold no `id` output, so they are never walked nor de-obfuscated); a
 * block that may hold one is de-obfuscated in place by the sieve and scanned (only `id` matches hashed).
 * `undo`: the senders of its candidates from the block's undo record
 * (checksum checked; records of blocks without candidates are not read). `scan`: the candidates' spent
 * outpoints. `resolve`: scanBlock each block (every txid), keep the outputs of the wanted transactions (a
 * 32-bit prefix set first, then the full id) and, for blocks that had candidates, the candidates themselves.
 * With `verify` every mode reads and hashes every transaction and requires the merkle root to match the header.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBlock, scanBlock, sieveArena, type ScanResult as CoreScan } from '../../core/index.ts';
import { inputBytes, inputView, useModule } from '../../core/wasm.ts';
import { xorInputArena } from '../../core/xor.ts';
import { BlkReader } from '../../chain/blkfiles.ts';
import { hashToHex, fromHex, toHex } from '../../chain/bytes.ts';
import { ChainError } from '../../chain/errors.ts';
import { decodeTx } from '../../chain/tx.ts';
import { parseBlockUndo, undoChecksum, undoTxCount } from '../../chain/undo.ts';
import { candidateFrom, spendsScript } from '../scan.ts';
import { MAINNET_VERSIONS, type AddressVersions } from '../../chain/script.ts';
import { join } from 'node:path';
import { blkName } from '../../chain/blkfiles-write.ts';
import { revName } from '../../chain/revfiles.ts';
import { HopReader } from '../../chain/hop-reader.ts';
import type { BlockJobs, FromWorker, JobBlocks, ResolveResult, ScanMode, ScanResult, ToWorker, UndoResult } from './protocol.ts';

/** One block of a job (protocol.ts sends columns; the per-block steps below take this). */
interface BlockJob { height: number; path: string; offset: number; len: number; scan?: boolean; rev?: { path: string; offset: number; size: number; extra: number } }
/** What a step found in one block: its hash and transaction count, and what the mode collects. */
interface One { hash: string; txCount: number; spends?: [string, number][]; found?: ResolveResult['found']; txs?: Omit<CoreScan['txs'][number], 'raw'>[] | null; undoBytes?: number; candidates?: UndoResult['candidates'][number][1]; stop?: string }

if (workerData?.core instanceof WebAssembly.Module) useModule(workerData.core); // compiled once by the pool's thread
let reader = new BlkReader(new Uint8Array(8));
let blocksDir = '';
let verify = false;
let versions: AddressVersions = MAINNET_VERSIONS;
let ubuf = new Uint8Array(1 << 20);
let want = new Set<string>();
let prefixes = new Set<number>();

/**
 * Reads a block straight into the core's input arena (no copy into core memory afterwards). The view is
 * valid until the next core call; after one, `inputBytes(len)` gives the block again (calls leave the arena).
 */
function read(path: string, offset: number, len: number): Uint8Array {
  const raw = reader.readObfuscated(path, offset, len, inputView(len));
  if (reader.obfuscated) xorInputArena(len, reader.key, offset + 8);
  return raw;
}

/**
 * The trusted modes' first look at a block: read into the arena and sieved (core/sieve.ts: hash, tx count,
 * whether any output can match; header plain, the rest de-obfuscated only for a block with a place); only a
 * block with a place is scanned (`r`), the others are not walked at all. With `verify`, every block is read
 * and fully scanned (merkle root checked).
 */
function look(b: BlockJob): { hash: string; prevHash: Uint8Array; txCount: number; r: CoreScan | null } {
  if (verify) {
    const raw = read(b.path, b.offset, b.len);
    const prevHash = raw.slice(4, 36); // raw is core memory: the scan may detach it
    const r = scan(b, raw, true);
    return { hash: r.hash, prevHash, txCount: r.txCount, r };
  }
  reader.readObfuscated(b.path, b.offset, b.len, inputView(b.len));
  const s = sieveArena(b.len, { key: reader.obfuscated ? reader.key : undefined, fileOffset: b.offset + 8 });
  const raw = inputBytes(b.len);
  const prevHash = raw.slice(4, 36);
  return { hash: s.hash, prevHash, txCount: s.txCount, r: s.places > 0 ? scan(b, raw, true) : null };
}

function scan(b: BlockJob, raw: Uint8Array, trusted: boolean): CoreScan {
  const r = scanBlock(raw, 'id', { trusted: trusted && !verify });
  if (verify && !r.merkleOk) throw new ChainError('E_BAD_MERKLE_ROOT', `${b.path}@${b.offset}: block ${b.height} (${r.hash}): merkle root does not match its transactions`);
  return r;
}

function scanOne(b: BlockJob): One {
  const s = look(b), r = s.r;
  const spends: [string, number][] = [];
  if (r) for (const tx of r.txs) if (tx.vtxindex !== 0) for (const i of tx.inputs) spends.push([i.prevTxid, i.prevVout]);
  return { hash: s.hash, txCount: s.txCount, spends };
}

/**
 * Undo path, per block: the sieve first; only a block that can hold a candidate is scanned and has its undo
 * record read (checksum checked: it ties the record to the block). The records of the other blocks are never
 * read — they could change nothing — so this pass reads the blk files and a few rev records, no more.
 */
function undoOne(b: BlockJob): One {
  const s = look(b), len = b.len, prevHash = s.prevHash, r = s.r;
  const cands = r ? r.txs.filter((t) => t.vtxindex !== 0) : [];
  if (!r || !cands.length) return { hash: s.hash, txCount: s.txCount };
  const path = b.rev!.path;
  let rev: { offset: number; size: number } = b.rev!;
  let u: Uint8Array;
  if (b.rev!.extra > 0) {
    const p = pickRecord(b, r.hash, prevHash, r.txCount, len, cands);
    if (typeof p === 'string') return { hash: r.hash, txCount: r.txCount, stop: p };
    ({ rev, u } = p);
  } else {
    u = readUndo(path, rev.offset, rev.size);
    if (!undoChecksum(prevHash, u.subarray(0, rev.size)).equals(u.subarray(rev.size))) {
      throw new ChainError('E_BAD_UNDO', `${path}@${rev.offset}: undo record checksum does not match block ${b.height} (${r.hash}): damaged, or not this block's record`);
    }
  }
  const coins = parseBlockUndo(u.subarray(0, rev.size), r.txCount, path, rev.offset + 8, new Set(cands.map((t) => t.vtxindex)));
  const candidates: NonNullable<One['candidates']> = [];
  for (const t of cands) {
    const c = coins[t.vtxindex];
    if (c.length !== t.inputs.length) throw new ChainError('E_BAD_UNDO', `${path}@${rev.offset}: undo record of block ${b.height} has ${c.length} coins for tx ${t.txid}, which has ${t.inputs.length} inputs`);
    candidates.push(candidateFrom(t, c.map((x) => ({ value: x.value, script: x.script })), versions)!);
  }
  return { hash: r.hash, txCount: r.txCount, undoBytes: rev.size, candidates };
}

/** One undo record (CBlockUndo ‖ checksum) into the worker's reusable buffer, or a new one (`own`). */
function readUndo(path: string, offset: number, size: number, own = false): Uint8Array {
  const n = size + 32;
  if (own) return reader.read(path, offset, n);
  if (ubuf.length < n) ubuf = new Uint8Array(n);
  return reader.read(path, offset, n, ubuf);
}

/** A hop reader per rev file (the walk below reads headers a short hop apart: chain/hop-reader.ts). */
const hops = new Map<string, HopReader>();
const head = new Uint8Array(8), first = new Uint8Array(5);

/**
 * In a rev file holding stale blocks' records too (chain/revfiles.ts), the block's record is one of the
 * `extra` + 1 records from `rev.offset`: the one with the block's transaction count and its parent's
 * checksum (only records with the count are read and hashed). When several have both (a stale sibling's
 * record: same parent), those whose per-transaction input counts equal the block's and whose coins the
 * candidates' inputs can spend; if more than one is left they must agree on every coin a candidate spends.
 * (Neither the first nor the last fitting record is reliably the block's: Core writes a block's record at
 * its first connection only, before or after a sibling's.) None: why (the undo path ends before this block).
 */
function pickRecord(b: BlockJob, hash: string, prevHash: Uint8Array, txCount: number, len: number, cands: CoreScan['txs']): { rev: { offset: number; size: number }; u: Uint8Array } | string {
  const path = b.rev!.path;
  let hr = hops.get(path);
  if (!hr) hops.set(path, hr = new HopReader(reader.fd(path), reader.key));
  const fit: { rev: { offset: number; size: number }; u: Uint8Array }[] = [];
  let pos = b.rev!.offset;
  for (let k = 0; k <= b.rev!.extra; k++) {
    if (!hr.read(head, pos)) break;
    const size = head[4] | (head[5] << 8) | (head[6] << 16) | (head[7] * 2 ** 24);
    const n = Math.min(first.length, size);
    if (n > 0 && hr.read(first.subarray(0, n), pos + 8) && undoTxCount(first.subarray(0, n)) === txCount - 1) {
      const u = new Uint8Array(size + 32);
      if (hr.read(u, pos + 8) && undoChecksum(prevHash, u.subarray(0, size)).equals(u.subarray(size))) fit.push({ rev: { offset: pos, size }, u });
    }
    pos += 8 + size + 32;
  }
  if (fit.length === 1) return fit[0];
  const none = `${path} has no undo record for block ${b.height} (${hash}) among the ${b.rev!.extra + 1} from @${b.rev!.offset} that can be its: not connected by Core, or the record is damaged`;
  if (!fit.length) return none;
  // several: stale siblings' records (same parent). Keep those whose per-transaction input counts equal the
  // block's and, of them, those whose coins the candidates' inputs can spend (spendsScript: the hashes P2PKH,
  // P2SH, P2WPKH and P2WSH commit to; a block Core accepted always passes for its own record — if none passes,
  // the spends are not real ones, e.g. a synthetic chain's, and all of the shape stay); the rest must agree on
  // every coin a candidate spends, or no record is taken.
  const p = parseBlock(read(b.path, b.offset, len)); // again: the checksums (core sha256d) wrote over the arena
  const shaped: { f: (typeof fit)[number]; coins: ReturnType<typeof parseBlockUndo> }[] = [];
  for (const f of fit) {
    let coins: ReturnType<typeof parseBlockUndo>;
    try { coins = parseBlockUndo(f.u.subarray(0, f.rev.size), p.txCount, path, f.rev.offset + 8); } catch { continue; }
    if (coins.every((c, i) => i === 0 || c.length === p.txs[i].inputCount)) shaped.push({ f, coins });
  }
  const spendable = shaped.filter(({ coins }) => !cands.some((t) => t.inputs.some((x, k) => spendsScript(coins[t.vtxindex][k].script, x.scriptSig, x.witness) === false)));
  const ok = spendable.length ? spendable : shaped;
  if (!ok.length) return none;
  const spent = (c: ReturnType<typeof parseBlockUndo>): string => cands.map((t) => c[t.vtxindex].map((x) => `${x.value}:${toHex(x.script)}`).join(',')).join(';');
  if (ok.every((x) => spent(x.coins) === spent(ok[0].coins))) return ok[0].f;
  return `${path}: ${ok.length} undo records (@${ok.map((x) => x.f.rev.offset).join(', @')}) fit block ${b.height} (${hash}), a stale sibling's among them, and its candidates' inputs cannot tell which is its`;
}

function resolveOne(b: BlockJob): One {
  const raw = read(b.path, b.offset, b.len);
  const found: ResolveResult['found'] = [];
  // scanBlock hashes only txids (parseBlock also hashes wtxids and merkle roots): the cheap path for
  // every block; the few blocks that hold a wanted tx are parsed again for its offset.
  const len = raw.length;
  const r = scan(b, raw, false);
  if (prefixes.size > 0) {
    const ids = r.txids;
    const dv = new DataView(ids.buffer, ids.byteOffset, ids.byteLength);
    let parsed: ReturnType<typeof parseBlock> | null = null;
    for (let i = 0, n = r.txCount; i < n; i++) {
      if (!prefixes.has(dv.getUint32(32 * i, true))) continue;
      const id = hashToHex(ids.subarray(32 * i, 32 * i + 32));
      if (!want.has(id)) continue;
      parsed ??= parseBlock(inputBytes(len));
      const t = parsed.txs[i];
      found.push([id, decodeTx(inputBytes(len).subarray(t.offset, t.offset + t.size)).outs.map((o) => ({ value: o.value, script: o.script }))]);
    }
  }
  const txs = b.scan ? r.txs.map(({ raw: _r, ...rest }) => rest) : null;
  return { hash: r.hash, txCount: r.txCount, found, txs };
}

const paths = new Map<number, string>();
const pathOf = (f: number, rev: boolean): string => {
  const k = rev ? -1 - f : f;
  let p = paths.get(k);
  if (p === undefined) paths.set(k, p = join(blocksDir, rev ? revName(f) : blkName(f)));
  return p;
};

/** Runs `one` over every block of a job and packs what it found into the reply's columns. */
function runJob(mode: ScanMode, j: BlockJobs): ScanResult | ResolveResult | UndoResult {
  const one = mode === 'undo' ? undoOne : mode === 'scan' ? scanOne : resolveOne;
  const n = j.len.length;
  const hashes: string[] = new Array(n);
  const txCount = new Uint32Array(n);
  const scan = j.scan && new Set(j.scan);
  const spends: ScanResult['spends'] = [], found: ResolveResult['found'] = [], txs: ResolveResult['txs'] = [], candidates: UndoResult['candidates'] = [];
  let bytes = 0, undoBytes = 0, stop: UndoResult['stop'], i = 0;
  for (; i < n; i++) {
    const height = j.from + i;
    const rev = j.rev && { path: pathOf(j.file[i], true), offset: j.rev.offset[i], size: j.rev.size[i], extra: j.rev.extra?.[i] ?? 0 };
    const o = one({ height, path: pathOf(j.file[i], false), offset: j.offset[i], len: j.len[i], scan: scan ? scan.has(height) : false, rev });
    if (o.stop) { stop = { height, reason: o.stop }; break; } // the reply's columns end at the block before
    hashes[i] = o.hash;
    txCount[i] = o.txCount;
    bytes += j.len[i];
    undoBytes += o.undoBytes ?? 0;
    if (o.spends?.length) spends.push([height, o.spends]);
    if (o.found?.length) found.push(...o.found);
    if (o.txs) txs.push([height, o.txs]);
    if (o.candidates?.length) candidates.push([height, o.candidates]);
  }
  const base: JobBlocks = { from: j.from, hashes: hashes.join(''), txCount: i < n ? txCount.slice(0, i) : txCount, bytes };
  return mode === 'undo' ? { ...base, undoBytes, candidates, ...(stop && { stop }) } : mode === 'scan' ? { ...base, spends } : { ...base, found, txs };
}

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'init') { reader.close(); reader = new BlkReader(m.key); hops.clear(); verify = !!m.verify; versions = m.versions; blocksDir = m.blocksDir; paths.clear(); return; }
  if (m.type === 'want') {
    want = new Set(m.txids);
    prefixes = new Set(m.txids.map((t) => new DataView(fromHex(t).reverse().buffer).getUint32(0, true)));
    return;
  }
  try {
    parentPort!.postMessage({ type: 'done', id: m.id, result: runJob(m.mode, m.blocks) } satisfies FromWorker);
  } catch (e) {
    parentPort!.postMessage({ type: 'error', id: m.id, message: (e as Error).message, code: (e as ChainError).code } satisfies FromWorker);
  }
});
