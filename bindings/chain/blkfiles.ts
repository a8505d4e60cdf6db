/**
 * @module chain/blkfiles — reads Bitcoin Core block files for a fast sync without RPC (the best-chain index:
 * chain/blk-index.ts). Each
 * `blocks/blkNNNNN.dat` is a run of records (4-byte network magic, 4-byte LE length, raw block) in
 * ARRIVAL order; the chain is rebuilt by linking each block to its previous-block hash from the genesis,
 * choosing the longest branch (ties: first seen, as Core). Since Core 28 files are XOR-obfuscated with
 * the 8-byte key in `blocks/xor.dat` (byte i of a file XOR key[i mod 8]); no xor.dat = no obfuscation.
 * Zero padding Core leaves at the end of preallocated files is skipped.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rawBlockHash } from './block.ts';
import { parseBlock } from '../core/index.ts';
import { ChainError } from './errors.ts';
import { xorInPlace } from './blkfiles-write.ts';
import type { ChainSource, PrevOut, SourceBlock } from './source.ts';
import { MAINNET_VERSIONS, type AddressVersions } from './script.ts';
import { decodeTx } from './tx.ts';
import { hashToHex, toHex } from './bytes.ts';
import { BlkChainIndex, blkFiles, readXorKey } from './blk-index.ts';

export { BlkChainIndex, blkFiles, linkChain, readBlkHeaders, readXorKey, type BlkLoc } from './blk-index.ts';

export const NETWORK_MAGIC: Record<string, string> = { main: 'f9beb4d9', test: '0b110907', testnet4: '1c163f28', signet: '0a03cf40', regtest: 'fabfb5da', devnet: 'fabfb5da' };

export interface BlkRecord { hash: string; prevHash: string; raw: Uint8Array; file: number; offset: number }

/** Every block record of every blk*.dat file, in file order then arrival order. */
export function* readBlkRecords(blocksDir: string, magicHex: string): Generator<BlkRecord> {
  if (!existsSync(blocksDir)) throw new ChainError('E_NO_BLOCKS_DIR', `no block directory at ${blocksDir}`);
  const key = readXorKey(blocksDir);
  const magic = Buffer.from(magicHex, 'hex');
  for (const f of blkFiles(blocksDir)) {
    const buf = new Uint8Array(readFileSync(join(blocksDir, f)));
    xorInPlace(buf, key, 0);
    const fileNo = Number(f.slice(3, 8));
    let pos = 0;
    while (pos + 8 <= buf.length) {
      if (buf[pos] === 0 && buf[pos + 1] === 0 && buf[pos + 2] === 0 && buf[pos + 3] === 0) break; // preallocated tail
      if (!magic.equals(buf.subarray(pos, pos + 4))) throw new ChainError('E_BAD_MAGIC', `${f}@${pos}: network magic ${toHex(buf.subarray(pos, pos + 4))} is not ${magicHex}`);
      const len = new DataView(buf.buffer, buf.byteOffset + pos + 4, 4).getUint32(0, true);
      if (pos + 8 + len > buf.length) break; // partially written last record
      const raw = buf.subarray(pos + 8, pos + 8 + len);
      yield { hash: rawBlockHash(raw), prevHash: hashToHex(raw.subarray(4, 36)), raw, file: fileNo, offset: pos };
      pos += 8 + len;
    }
  }
}

/** Positioned reads of whole block records, one open descriptor per file (closed by `close()`). */
export class BlkReader {
  private fds = new Map<string, number>();
  constructor(readonly key: Uint8Array) {}
  read(path: string, recordOffset: number, len: number, into?: Uint8Array): Uint8Array {
    const raw = this.readObfuscated(path, recordOffset, len, into);
    xorInPlace(raw, this.key, recordOffset + 8);
    return raw;
  }
  /** As `read`, without undoing the `xor.dat` obfuscation (the caller does, e.g. in core memory). */
  readObfuscated(path: string, recordOffset: number, len: number, into?: Uint8Array): Uint8Array {
    const fd = this.fd(path);
    const raw = into && into.length >= len ? into.subarray(0, len) : new Uint8Array(len);
    let got = 0;
    while (got < len) {
      const k = readSync(fd, raw, got, len - got, recordOffset + 8 + got);
      if (k === 0) throw new ChainError('E_TRUNCATED_BLOCK', `${path}@${recordOffset}: file ends inside a ${len}-byte block`);
      got += k;
    }
    return raw;
  }
  /** The open descriptor of `path` (opened at the first use; closed by `close()`). */
  fd(path: string): number {
    let fd = this.fds.get(path);
    if (fd === undefined) { fd = openSync(path, 'r'); this.fds.set(path, fd); }
    return fd;
  }
  /** Whether the files are obfuscated (a non-zero `xor.dat` key). */
  get obfuscated(): boolean { return this.key.some((b) => b !== 0); }
  close(): void { for (const fd of this.fds.values()) closeSync(fd); this.fds.clear(); }
}

/**
 * ChainSource over a Core `blocks/` directory (`confirmedHeight()` extends the index when the files grew). Only
 * the best chain's block locations are kept (`BlkChainIndex`); blocks are read back on demand. There is
 * no UTXO set: `prevOuts` looks for the funding transactions walking back from the tip (name operations
 * spend recent outputs; the bulk path in `node/blkscan/bulk.ts` resolves whole ranges in two streaming passes).
 */
export class BlkFileSource implements ChainSource {
  readonly kind = 'blkfiles' as const;
  readonly addressVersions: AddressVersions;
  index!: BlkChainIndex;
  key: Uint8Array = new Uint8Array(8);
  private reader = new BlkReader(this.key);
  /** Outputs found by earlier look-ups or handed over by the bulk path (`remember`), bounded. */
  private cache = new Map<string, PrevOut[]>();

  constructor(readonly blocksDir: string, readonly network = 'main', opts: { genesisHash?: string; addressVersions?: AddressVersions } = {}) {
    this.addressVersions = opts.addressVersions ?? MAINNET_VERSIONS;
    this.genesisHash = opts.genesisHash;
    this.reload();
  }
  private readonly genesisHash?: string;

  get magic(): string {
    const m = NETWORK_MAGIC[this.network];
    if (!m) throw new ChainError('E_BAD_NETWORK', `unknown network ${this.network}`);
    return m;
  }

  /** Brings the index up to date: only the appended records when they extend the tip, else every file again. */
  reload(): void {
    this.stamp = this.filesStamp();
    if (this.index?.extend()) return;
    const magic = this.magic;
    this.key = readXorKey(this.blocksDir);
    this.reader.close();
    this.reader = new BlkReader(this.key);
    this.index = new BlkChainIndex(this.blocksDir, magic, this.genesisHash);
  }

  /** Names and sizes of the blk files: when they change (Core appended a block), the index is rebuilt. */
  private filesStamp(): string { return blkFiles(this.blocksDir).map((f) => `${f}:${statSync(join(this.blocksDir, f)).size}`).join(','); }
  private stamp = '';

  /** Picks up blocks Core appended since the last look (a following node polls this). */
  async confirmedHeight(): Promise<number> {
    if (this.filesStamp() !== this.stamp) this.reload();
    return this.index.height;
  }
  async tipHeight(): Promise<number> { return this.index.height; }
  async blockHash(h: number): Promise<string | null> { return this.index.hashes[h] ?? null; }
  async block(h: number): Promise<SourceBlock> {
    const hash = this.index.hashes[h];
    if (hash === undefined) throw new ChainError('E_NO_SUCH_BLOCK', `no block at height ${h} in ${this.blocksDir}`);
    const raw = this.readRaw(h);
    return { height: h, hash, prevHash: hashToHex(raw.subarray(4, 36)), time: new DataView(raw.buffer, raw.byteOffset + 68, 4).getUint32(0, true), raw };
  }

  readRaw(h: number): Uint8Array { return this.reader.read(this.index.path(h), this.index.offset[h], this.index.len[h]); }

  /** Keeps outputs the bulk path found, so that a later `prevOuts` needs no search. */
  remember(txid: string, outs: PrevOut[]): void {
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(txid, outs);
  }

  /**
   * Outputs spent by the given outpoints: from the cache, else by walking back from the tip over the
   * blocks' txids until every funding transaction is found (or the genesis is reached: null).
   */
  async prevOuts(ops: { txid: string; vout: number }[]): Promise<(PrevOut | null)[]> {
    const missing = new Set(ops.map((o) => o.txid).filter((t) => !this.cache.has(t)));
    for (let h = this.index.height; h >= 0 && missing.size > 0; h--) {
      const raw = this.readRaw(h);
      const p = parseBlock(raw); // every txid in one core call
      for (let i = 0; i < p.txCount && missing.size > 0; i++) {
        const id = p.txidHex(i);
        if (!missing.delete(id)) continue;
        const t = p.txs[i];
        this.remember(id, decodeTx(raw.subarray(t.offset, t.offset + t.size)).outs.map((o) => ({ value: o.value, script: o.script })));
      }
    }
    return ops.map((o) => this.cache.get(o.txid)?.[o.vout] ?? null);
  }
  async close(): Promise<void> { this.cache.clear(); this.reader.close(); }
}
