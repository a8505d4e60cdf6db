/**
 * @module chain/devnet/chain — the embedded regtest-style chain: block tree, active chain, UTXO set,
 * mempool, mining (real proof of work at regtest difficulty), reorgs, and persistence in Core-format
 * block files (`<dir>/blocks/blk*.dat` + `xor.dat`). On open, the files are read back and linked by
 * previous hash, the longest branch wins, and the UTXO set is rebuilt by replay.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { blockMerkleRoot, decodeBlock, encodeBlock, headerHash, mineHeader, type Block } from '../block.ts';
import { BlkFileWriter } from '../blkfiles-write.ts';
import { linkChain, readBlkRecords, type BlkRecord } from '../blkfiles.ts';
import { concat, fromHex, toHex, Writer } from '../bytes.ts';
import { ChainError } from '../errors.ts';
import { pushData } from '../script.ts';
import { decodeTx, isCoinbase, txid as txidOf, NULL_TXID, type Tx, type TxOut } from '../tx.ts';
import { blockSubsidy, DEVNET } from './params.ts';

export interface Coin { value: bigint; script: Uint8Array; height: number; coinbase: boolean }
export interface StoredBlock { hash: string; height: number; raw: Uint8Array; block: Block; txids: string[] }

const key = (txid: string, vout: number): string => `${txid}:${vout}`;

export class DevnetChain extends EventEmitter {
  private known = new Map<string, StoredBlock>();
  private active: StoredBlock[] = [];
  readonly utxo = new Map<string, Coin>();
  private txIndex = new Map<string, { height: number; index: number }>();
  readonly mempool = new Map<string, Tx>();
  private writer: BlkFileWriter;
  private extraNonce = 0;

  constructor(readonly dir: string, opts: { obfuscate?: boolean } = {}) {
    super();
    const blocksDir = join(dir, 'blocks');
    this.writer = new BlkFileWriter(blocksDir, DEVNET.magic, { obfuscate: opts.obfuscate, maxFileSize: DEVNET.maxBlockFileSize });
    let recs: BlkRecord[] = [];
    try { recs = [...readBlkRecords(blocksDir, toHex(DEVNET.magic))].map((r) => ({ ...r, raw: r.raw.slice() })); } catch (e) { if ((e as ChainError).code !== 'E_NO_BLOCKS_DIR') throw e; }
    for (const r of recs) this.remember(r.raw);
    const records = linkChain(recs, DEVNET.genesisHash);
    if (records.length === 0) {
      const raw = fromHex(DEVNET.genesisHex);
      this.writer.append(raw);
      this.connect(this.remember(raw));
    } else for (const r of records) this.connect(this.known.get(r.hash)!);
  }

  private remember(raw: Uint8Array): StoredBlock {
    const block = decodeBlock(raw);
    const hash = headerHash(block.header);
    const prev = this.known.get(block.header.prevHash);
    const sb: StoredBlock = { hash, height: prev ? prev.height + 1 : 0, raw, block, txids: block.txs.map(txidOf) };
    this.known.set(hash, sb);
    return sb;
  }

  get height(): number { return this.active.length - 1; }
  get tip(): StoredBlock { return this.active[this.active.length - 1]; }
  blockAt(h: number): StoredBlock | undefined { return this.active[h]; }
  blockByHash(hash: string): StoredBlock | undefined { return this.known.get(hash); }
  isActive(hash: string): boolean { const b = this.known.get(hash); return !!b && this.active[b.height]?.hash === hash; }

  /** The transaction with this txid (active chain or mempool) and where it is. */
  getTx(txid: string): { tx: Tx; height: number | null; blockHash: string | null } | null {
    const at = this.txIndex.get(txid);
    if (at) { const b = this.active[at.height]; return { tx: b.block.txs[at.index], height: at.height, blockHash: b.hash }; }
    const m = this.mempool.get(txid);
    return m ? { tx: m, height: null, blockHash: null } : null;
  }

  private connect(sb: StoredBlock): void {
    sb.block.txs.forEach((tx, i) => {
      const id = sb.txids[i];
      if (!isCoinbase(tx)) for (const inp of tx.ins) this.utxo.delete(key(inp.prevTxid, inp.vout));
      tx.outs.forEach((o, v) => { if (o.script[0] !== 0x6a) this.utxo.set(key(id, v), { value: o.value, script: o.script, height: this.active.length, coinbase: i === 0 }); });
      this.txIndex.set(id, { height: this.active.length, index: i });
      this.mempool.delete(id);
    });
    this.active.push(sb);
  }

  /** Rebuilds active-chain indexes from genesis (devnet sizes make this cheap; used after reorgs). */
  private rebuild(chain: StoredBlock[]): void {
    this.active = [];
    this.utxo.clear();
    this.txIndex.clear();
    for (const b of chain) this.connect(b);
  }

  /** Checks a transaction against the UTXO set + mempool (inputs exist, unspent, mature, value). */
  checkTx(tx: Tx): void {
    if (tx.ins.length === 0 || tx.outs.length === 0) throw new ChainError('E_TX_INVALID', 'bad-txns-vin-empty or vout-empty');
    if (isCoinbase(tx)) throw new ChainError('E_TX_INVALID', 'coinbase');
    const spentInPool = new Set<string>();
    for (const t of this.mempool.values()) for (const i of t.ins) spentInPool.add(key(i.prevTxid, i.vout));
    let inSum = 0n;
    for (const i of tx.ins) {
      const k = key(i.prevTxid, i.vout);
      if (spentInPool.has(k)) throw new ChainError('E_TX_CONFLICT', `txn-mempool-conflict: ${k} already spent in mempool`);
      const c = this.utxo.get(k) ?? this.mempoolCoin(i.prevTxid, i.vout);
      if (!c) throw new ChainError('E_TX_MISSING_INPUTS', `bad-txns-inputs-missingorspent: ${k}`);
      if (c.coinbase && this.height + 1 - c.height < DEVNET.coinbaseMaturity) throw new ChainError('E_TX_PREMATURE_SPEND', `bad-txns-premature-spend-of-coinbase: ${k}`);
      inSum += c.value;
    }
    const outSum = tx.outs.reduce((s, o) => s + o.value, 0n);
    if (outSum > inSum) throw new ChainError('E_TX_INVALID', `bad-txns-in-belowout (${inSum} < ${outSum})`);
  }

  private mempoolCoin(txid: string, vout: number): Coin | null {
    const t = this.mempool.get(txid);
    const o = t?.outs[vout];
    return o ? { value: o.value, script: o.script, height: this.height + 1, coinbase: false } : null;
  }

  /** Output being spent by an outpoint: UTXO set, then any transaction known on the active chain or in the mempool. */
  prevOut(txid: string, vout: number): TxOut | null {
    const c = this.utxo.get(key(txid, vout));
    if (c) return { value: c.value, script: c.script };
    return this.getTx(txid)?.tx.outs[vout] ?? null;
  }

  sendRawTransaction(raw: Uint8Array): string {
    const tx = decodeTx(raw);
    const id = txidOf(tx);
    if (this.mempool.has(id) || this.txIndex.has(id)) throw new ChainError('E_TX_ALREADY_KNOWN', `txn-already-known: ${id}`);
    this.checkTx(tx);
    this.mempool.set(id, tx);
    this.emit('tx', id);
    return id;
  }

  private coinbase(height: number, script: Uint8Array, fees: bigint): Tx {
 const sig = concat(pushData(scriptNum(height)), pushData(new Writer().u32(this.extraNonce++).u32(Date.now() % 0xffffffff).finish()));
    return { version: 2, locktime: 0, ins: [{ prevTxid: NULL_TXID, vout: 0xffffffff, script: sig, sequence: 0xffffffff }], outs: [{ value: blockSubsidy(height) + fees, script }] };
  }

  /** Mines one block on top of `parent` with the given transactions (no validation of ordering here). */
  private mineOn(parent: StoredBlock, txs: Tx[], coinbaseScript: Uint8Array, fees: bigint): StoredBlock {
    const all = [this.coinbase(parent.height + 1, coinbaseScript, fees), ...txs];
    const time = Math.max(parent.block.header.time + 1, Math.floor(Date.now() / 1000));
    const header = mineHeader({ version: 0x20000000, prevHash: parent.hash, merkleRoot: blockMerkleRoot(all), time, bits: DEVNET.bits, nonce: 0 });
    const raw = encodeBlock({ header, txs: all });
    this.writer.append(raw);
    return this.remember(raw);
  }

  /** Mines `n` blocks paying `coinbaseScript`; mempool transactions go into the first one. */
  generate(n: number, coinbaseScript: Uint8Array): string[] {
    const hashes: string[] = [];
    for (let k = 0; k < n; k++) {
      const txs = [...this.mempool.values()];
      let fees = 0n;
      for (const t of txs) fees += t.ins.reduce((s, i) => s + (this.prevOut(i.prevTxid, i.vout)?.value ?? 0n), 0n) - t.outs.reduce((s, o) => s + o.value, 0n);
      const sb = this.mineOn(this.tip, txs, coinbaseScript, fees);
      this.connect(sb);
      hashes.push(sb.hash);
      this.emit('block', sb);
    }
    return hashes;
  }

  /**
   * Forks the tip: disconnects the last `n` blocks and mines n+1 replacement blocks on the fork point
   * (so the new branch is longer). Transactions of the dropped blocks go back to the mempool unless
   * `includeTxs` puts them into the first replacement block.
   */
  reorg(n: number, coinbaseScript: Uint8Array, opts: { includeTxs?: boolean } = {}): { forkHeight: number; dropped: string[]; added: string[] } {
    if (!Number.isInteger(n) || n < 1 || n > this.height) throw new ChainError('E_BAD_REORG', `reorg depth must be 1..${this.height}, got ${n}`);
    const forkHeight = this.height - n;
    const dropped = this.active.slice(forkHeight + 1);
    const orphanTxs = dropped.flatMap((b) => b.block.txs.slice(1));
    const pool = [...this.mempool.values()];
    this.rebuild(this.active.slice(0, forkHeight + 1));
    this.mempool.clear();
    const added: string[] = [];
    for (let k = 0; k <= n; k++) {
      const txs = k === 0 && opts.includeTxs ? orphanTxs : [];
      const sb = this.mineOn(this.tip, txs, coinbaseScript, 0n);
      this.connect(sb);
      added.push(sb.hash);
    }
    for (const t of opts.includeTxs ? pool : [...orphanTxs, ...pool]) {
      try { this.checkTx(t); this.mempool.set(txidOf(t), t); } catch { /* conflicts with the new branch: dropped */ }
    }
    this.emit('reorg', { forkHeight, dropped: dropped.map((b) => b.hash), added });
    return { forkHeight, dropped: dropped.map((b) => b.hash), added };
  }

  close(): void { this.writer.close(); }
  /** What was cut from a torn last block record when the chain was opened (null: nothing). */
  get repaired() { return this.writer.repaired; }
}

/** CScriptNum encoding of a non-negative integer (BIP34 coinbase height). */
function scriptNum(n: number): Uint8Array {
  const out: number[] = [];
  while (n > 0) { out.push(n & 0xff); n = Math.floor(n / 256); }
  if (out.length && out[out.length - 1] & 0x80) out.push(0);
  return Uint8Array.from(out);
}

