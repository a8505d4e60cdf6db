/**
 * @module chain/blkfiles — reads Bitcoin Core block files for a fast sync without RPC. Each
 * `blocks/blkNNNNN.dat` is a run of records (4-byte network magic, 4-byte LE length, raw block) in
 * ARRIVAL order; the chain is rebuilt by linking each block to its previous-block hash from the genesis,
 * choosing the longest branch (ties: first seen, as Core). Since Core 28 files are XOR-obfuscated with
 * the 8-byte key in `blocks/xor.dat` (byte i of a file XOR key[i mod 8]); no xor.dat = no obfuscation.
 * Zero padding Core leaves at the end of preallocated files is skipped.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBlock, rawBlockHash } from './block.ts';
import { ChainError } from './errors.ts';
import { xorInPlace } from './blkfiles-write.ts';
import type { ChainSource, PrevOut, SourceBlock } from './source.ts';
import { MAINNET_VERSIONS, type AddressVersions } from './script.ts';
import { txid as txidOf } from './tx.ts';
import { hashToHex, toHex } from './bytes.ts';

export const NETWORK_MAGIC: Record<string, string> = { main: 'f9beb4d9', test: '0b110907', testnet4: '1c163f28', signet: '0a03cf40', regtest: 'fabfb5da', devnet: 'fabfb5da' };

export interface BlkRecord { hash: string; prevHash: string; raw: Uint8Array; file: number; offset: number }

export function readXorKey(blocksDir: string): Uint8Array {
  const p = join(blocksDir, 'xor.dat');
  if (!existsSync(p)) return new Uint8Array(8);
  const k = new Uint8Array(readFileSync(p));
  if (k.length !== 8) throw new ChainError('BAD_XOR_KEY', `${p} must hold 8 bytes, has ${k.length}`);
  return k;
}

/** Every block record of every blk*.dat file, in file order then arrival order. */
export function* readBlkRecords(blocksDir: string, magicHex: string): Generator<BlkRecord> {
  if (!existsSync(blocksDir)) throw new ChainError('NO_BLOCKS_DIR', `no block directory at ${blocksDir}`);
  const key = readXorKey(blocksDir);
  const magic = Buffer.from(magicHex, 'hex');
  const files = readdirSync(blocksDir).filter((f) => /^blk\d{5}\.dat$/.test(f)).sort();
  for (const f of files) {
    const buf = new Uint8Array(readFileSync(join(blocksDir, f)));
    xorInPlace(buf, key, 0);
    const fileNo = Number(f.slice(3, 8));
    let pos = 0;
    while (pos + 8 <= buf.length) {
      if (buf[pos] === 0 && buf[pos + 1] === 0 && buf[pos + 2] === 0 && buf[pos + 3] === 0) break; // preallocated tail
      if (!magic.equals(buf.subarray(pos, pos + 4))) throw new ChainError('BAD_MAGIC', `${f}@${pos}: network magic ${toHex(buf.subarray(pos, pos + 4))} is not ${magicHex}`);
      const len = new DataView(buf.buffer, buf.byteOffset + pos + 4, 4).getUint32(0, true);
      if (pos + 8 + len > buf.length) break; // partially written last record
      const raw = buf.subarray(pos + 8, pos + 8 + len);
      yield { hash: rawBlockHash(raw), prevHash: hashToHex(raw.subarray(4, 36)), raw, file: fileNo, offset: pos };
      pos += 8 + len;
    }
  }
}

/** Links records by previous hash into the best chain (by height; ties: first seen). */
export function linkChain<T extends { hash: string; prevHash: string }>(records: Iterable<T>, genesisHash?: string): T[] {
  const byHash = new Map<string, T>();
  const children = new Map<string, string[]>();
  let first: T | null = null;
  for (const r of records) {
    if (byHash.has(r.hash)) continue;
    byHash.set(r.hash, r);
    first ??= r;
    const c = children.get(r.prevHash);
    if (c) c.push(r.hash); else children.set(r.prevHash, [r.hash]);
  }
  const root = genesisHash ? byHash.get(genesisHash) : first;
  if (!root) return [];
  // iterative DFS for the deepest descendant; first-seen child wins ties
  const depth = new Map<string, number>([[root.hash, 0]]);
  const parent = new Map<string, string>();
  let best = root.hash;
  const stack = [root.hash];
  while (stack.length) {
    const h = stack.pop()!;
    const d = depth.get(h)!;
    if (d > depth.get(best)!) best = h;
    for (const c of (children.get(h) ?? []).slice().reverse()) { depth.set(c, d + 1); parent.set(c, h); stack.push(c); }
  }
  // earliest-arrival tie break: among deepest tips pick the first seen
  const maxD = depth.get(best)!;
  for (const [h, d] of depth) if (d === maxD) { best = h; break; }
  const chain: T[] = [];
  for (let h: string | undefined = best; h; h = parent.get(h)) chain.push(byHash.get(h)!);
  return chain.reverse();
}

interface BlockLoc { hash: string; prevHash: string; file: number; offset: number; len: number }

/**
 * ChainSource over a Core `blocks/` directory (a snapshot: call `reload()` to pick up new files). Only
 * block locations are kept; blocks are read back from their file on demand. The spent-output index
 * (txid → outputs) grows with every block read, which suits devnet / regtest / partial chains; a full
 * mainnet sync needs a prevout provider with an on-disk index (not part of this source).
 */
export class BlkFileSource implements ChainSource {
  readonly kind = 'blkfiles' as const;
  readonly addressVersions: AddressVersions;
  private chain: BlockLoc[] = [];
  private key: Uint8Array = new Uint8Array(8);
  private outputs = new Map<string, PrevOut[]>();
  private indexedTo = -1;

  constructor(readonly blocksDir: string, readonly network = 'main', opts: { genesisHash?: string; addressVersions?: AddressVersions } = {}) {
    this.addressVersions = opts.addressVersions ?? MAINNET_VERSIONS;
    this.genesisHash = opts.genesisHash;
    this.reload();
  }
  private readonly genesisHash?: string;

  reload(): void {
    const magic = NETWORK_MAGIC[this.network];
    if (!magic) throw new ChainError('BAD_NETWORK', `unknown network ${this.network}`);
    this.key = readXorKey(this.blocksDir);
    const locs = function* (it: Iterable<BlkRecord>): Generator<BlockLoc> { for (const r of it) yield { hash: r.hash, prevHash: r.prevHash, file: r.file, offset: r.offset, len: r.raw.length }; };
    this.chain = linkChain(locs(readBlkRecords(this.blocksDir, magic)), this.genesisHash);
    this.outputs.clear();
    this.indexedTo = -1;
  }

  async confirmedHeight(): Promise<number> { return this.chain.length - 1; }
  async tipHeight(): Promise<number> { return this.chain.length - 1; }
  async blockHash(h: number): Promise<string | null> { return this.chain[h]?.hash ?? null; }
  async block(h: number): Promise<SourceBlock> {
    const r = this.chain[h];
    if (!r) throw new ChainError('NO_SUCH_BLOCK', `no block at height ${h} in ${this.blocksDir}`);
    const raw = this.readRaw(r);
    return { height: h, hash: r.hash, prevHash: r.prevHash, time: new DataView(raw.buffer, raw.byteOffset + 68, 4).getUint32(0, true), raw };
  }

  private readRaw(r: BlockLoc): Uint8Array {
    const fd = openSync(join(this.blocksDir, `blk${String(r.file).padStart(5, '0')}.dat`), 'r');
    try {
      const raw = new Uint8Array(r.len);
      readSync(fd, raw, 0, r.len, r.offset + 8);
      xorInPlace(raw, this.key, r.offset + 8);
      return raw;
    } finally { closeSync(fd); }
  }

  /** Outputs of every transaction up to height h, kept in memory (the spent-output lookup senders need). */
  private indexTo(h: number): void {
    for (let k = this.indexedTo + 1; k <= h && k < this.chain.length; k++) {
      for (const tx of decodeBlock(this.readRaw(this.chain[k])).txs) this.outputs.set(txidOf(tx), tx.outs.map((o) => ({ value: o.value, script: o.script })));
      this.indexedTo = k;
    }
  }

  async prevOuts(ops: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]> {
    this.indexTo(this.chain.length - 1);
    return ops.map((o) => this.outputs.get(o.txid)?.[o.vout] ?? null);
  }
  async close(): Promise<void> { this.outputs.clear(); }
}
