/**
 * @module chain/undo — Bitcoin Core's block undo data (`blocks/rev?????.dat`), written when Core connects a
 * block: the coin every non-coinbase input spent. Record on disk: network magic (4) · size (4, LE) ·
 * CBlockUndo (size bytes) · checksum (32) = SHA256d(hash of the block's PREVIOUS block ‖ CBlockUndo).
 * CBlockUndo = CompactSize count of CTxUndo (one per non-coinbase tx, in block order); CTxUndo = CompactSize
 * count of coins (one per input, in input order); coin = VARINT(height·2 + coinbase) · [VARINT(0), only when
 * height > 0: the old format's tx version] · VARINT(compressed amount) · compressed script. VARINT is Core's
 * MSB base-128 with the "+1 per continuation" rule (serialize.h), not CompactSize. Compressed scripts
 * (compressor.cpp): nSize 0 = P2PKH (20-byte hash) · 1 = P2SH (20) · 2/3 = P2PK compressed key (32-byte x,
 * prefix = nSize) · 4/5 = P2PK uncompressed key stored as x (prefix 2 + (nSize & 1)) · else nSize - 6 raw
 * script bytes. Written from the format's description; no Core code copied.
 */
import { decompressPublicKey } from '../core/secp256k1.ts';
import { sha256d } from '../core/hash.ts';
import { ChainError } from './errors.ts';
import type { PrevOut } from './source.ts';

export interface UndoCoin extends PrevOut { height: number; coinbase: boolean }

const MAX_MONEY = 21_000_000n * 100_000_000n;
const MAX_SCRIPT_SIZE = 10_000;

/** Cursor over one CBlockUndo; every read is bounds-checked and throws E_BAD_UNDO with the offset. */
class Cursor {
  p = 0;
  constructor(readonly b: Uint8Array, readonly where: string, readonly base: number) {}
  fail(what: string): never { throw new ChainError('E_BAD_UNDO', `${this.where}@${this.base + this.p}: ${what}`); }
  byte(): number { if (this.p >= this.b.length) this.fail('undo record ends early'); return this.b[this.p++]; }
  take(n: number): Uint8Array { if (this.p + n > this.b.length) this.fail(`undo record ends inside a ${n}-byte field`); return this.b.subarray(this.p, (this.p += n)); }
  skip(n: number): void { if (this.p + n > this.b.length) this.fail(`undo record ends inside a ${n}-byte field`); this.p += n; }
  compact(): number {
    const x = this.byte();
    if (x < 0xfd) return x;
    const n = x === 0xfd ? 2 : x === 0xfe ? 4 : 8;
    const v = this.take(n);
    let r = 0;
    for (let i = n - 1; i >= 0; i--) r = r * 256 + v[i];
    if (r > 0x02000000 || r < (n === 2 ? 0xfd : n === 4 ? 0x10000 : 0x100000000)) this.fail(`bad CompactSize ${r}`);
    return r;
  }
  /** Steps over a Core VARINT of at most 10 bytes (a uint64). */
  skipVarint(): void {
    for (let k = 0; k < 10; k++) if ((this.byte() & 0x80) === 0) return;
    this.fail('VARINT too large');
  }
  /** Core's VARINT as a bigint (amounts: up to 2^64, as Core's uint64 reader). */
  varintBig(): bigint {
    let n = 0n;
    for (;;) {
      const ch = this.byte();
      if (n > 0xffffffffffffffffn >> 7n) this.fail('VARINT too large');
      n = (n << 7n) | BigInt(ch & 0x7f);
      if (ch & 0x80) n++; else return n;
    }
  }
  /** Core's VARINT (MSB base-128, each continuation adds one), up to 2^53. */
  varint(): number {
    let n = 0;
    for (;;) {
      const ch = this.byte();
      if (n > 2 ** 45) this.fail('VARINT too large');
      n = n * 128 + (ch & 0x7f);
      if (ch & 0x80) n++; else return n;
    }
  }
}

export function decompressAmount(x: bigint): bigint {
  if (x === 0n) return 0n;
  let v = x - 1n;
  let e = Number(v % 10n);
  v /= 10n;
  let n: bigint;
  if (e < 9) { const d = (v % 9n) + 1n; v /= 9n; n = v * 10n + d; } else n = v + 1n;
  for (; e > 0; e--) n *= 10n;
  return n;
}

export function compressAmount(value: bigint): bigint {
  if (value === 0n) return 0n;
  let n = value;
  let e = 0n;
  while (n % 10n === 0n && e < 9n) { n /= 10n; e++; }
  if (e < 9n) { const d = n % 10n; n /= 10n; return 1n + (n * 9n + d - 1n) * 10n + e; }
  return 1n + (n - 1n) * 10n + 9n;
}

/** Walks over one coin without decoding it (the txs a caller does not want): no BigInt, no script copy. */
function skipCoin(c: Cursor): void {
  if (c.varint() >= 2) c.varint(); // height > 0: the dummy version
  c.skipVarint(); // compressed amount (up to 64 bits: walked, not decoded)
  const kind = c.varint();
  const n = kind < 2 ? 20 : kind < 6 ? 32 : kind - 6;
  if (kind >= 6 && n > MAX_SCRIPT_SIZE) c.fail(`script of ${n} bytes above MAX_SCRIPT_SIZE`);
  c.skip(n);
}

function readCoin(c: Cursor): UndoCoin {
  const code = c.varint();
  const height = Math.floor(code / 2);
  if (height > 0) c.varint(); // dummy tx version (0 since Core 0.15)
  const value = decompressAmount(c.varintBig());
  if (value > MAX_MONEY) c.fail(`amount ${value} above MAX_MONEY`);
  const kind = c.varint();
  let script: Uint8Array;
  if (kind === 0) script = Uint8Array.of(0x76, 0xa9, 20, ...c.take(20), 0x88, 0xac);
  else if (kind === 1) script = Uint8Array.of(0xa9, 20, ...c.take(20), 0x87);
  else if (kind === 2 || kind === 3) script = Uint8Array.of(33, kind, ...c.take(32), 0xac);
  else if (kind === 4 || kind === 5) {
    const x = c.take(32);
    let full: Uint8Array;
    try { full = decompressPublicKey(Uint8Array.of(kind - 2, ...x)); } catch { c.fail('P2PK key is not on the curve'); }
    script = Uint8Array.of(65, ...full, 0xac);
  } else {
    const n = kind - 6;
    if (n > MAX_SCRIPT_SIZE) c.fail(`script of ${n} bytes above MAX_SCRIPT_SIZE`);
    script = c.take(n).slice();
  }
  return { height, coinbase: (code & 1) === 1, value, script };
}

/**
 * Parses one CBlockUndo (the bytes between the size field and the checksum). `txCount` (the block's, with
 * the coinbase) is checked against the record; `want` limits the decoded coins to those txs (vtxindex ≥ 1;
 * the others are walked over). Returns coins by vtxindex (`[0]` empty). `where`/`base` name the file and
 * offset in errors.
 */
export function parseBlockUndo(b: Uint8Array, txCount: number, where = 'undo', base = 0, want?: Set<number>): UndoCoin[][] {
  const c = new Cursor(b, where, base);
  const n = c.compact();
  if (n !== txCount - 1) c.fail(`undo record has ${n} transactions, the block has ${txCount - 1} besides the coinbase`);
  const out: UndoCoin[][] = [[]];
  for (let i = 1; i <= n; i++) {
    const k = c.compact();
    if (k * 3 > b.length - c.p) c.fail(`${k} coins cannot fit`);
    const coins: UndoCoin[] = [];
    if (!want || want.has(i)) for (let j = 0; j < k; j++) coins.push(readCoin(c));
    else for (let j = 0; j < k; j++) skipCoin(c);
    out.push(coins);
  }
  if (c.p !== b.length) c.fail(`${b.length - c.p} bytes after the last coin`);
  return out;
}

/** The CTxUndo count at the start of a CBlockUndo (-1 if truncated): txCount - 1 for the right block. */
export function undoTxCount(b: Uint8Array): number {
  const x = b[0];
  if (b.length === 0) return -1;
  if (x < 0xfd) return x;
  if (x === 0xfd) return b.length < 3 ? -1 : b[1] | (b[2] << 8);
  if (x === 0xfe) return b.length < 5 ? -1 : (b[1] | (b[2] << 8) | (b[3] << 16)) + b[4] * 2 ** 24;
  return -1;
}

/** SHA256d(prevHash (internal order) ‖ undo) — Core's checksum after each record. */
export function undoChecksum(prevHashInternal: Uint8Array, undo: Uint8Array): Buffer {
  const n = 32 + undo.length;
  // the core's sha256d (native above its threshold) over prev ‖ undo: ~1 µs for the small records of quiet
  // blocks, where node:crypto's two hash objects cost ~5 µs; a scratch buffer up to 64 KiB, a copy above
  const buf = n <= CHECK_SCRATCH.length ? CHECK_SCRATCH.subarray(0, n) : new Uint8Array(n);
  buf.set(prevHashInternal, 0);
  buf.set(undo, 32);
  const d = sha256d(buf);
  return Buffer.from(d.buffer, d.byteOffset, d.length);
}
const CHECK_SCRATCH = new Uint8Array(64 << 10);

/** Core's VARINT, appended to `out` (writer side, for the synthetic datadir). */
export function pushVarint(out: number[], v: bigint | number): void {
  if (typeof v === 'number' && v <= 0x7f) { out.push(v); return; }
  let n = BigInt(v);
  const tmp: number[] = [];
  for (let first = true; ; first = false) {
    tmp.push(Number(n & 0x7fn) | (first ? 0 : 0x80));
    if (n <= 0x7fn) break;
    n = (n >> 7n) - 1n;
  }
  for (let i = tmp.length - 1; i >= 0; i--) out.push(tmp[i]);
}

/** One coin in the undo format (scripts compressed as Core does; P2PK keys must be valid points). */
export function pushCoin(out: number[], coin: UndoCoin): void {
  pushVarint(out, coin.height * 2 + (coin.coinbase ? 1 : 0));
  if (coin.height > 0) out.push(0);
  pushVarint(out, compressAmount(coin.value));
  const s = coin.script;
  const copy = (from: number, to: number): void => { for (let i = from; i < to; i++) out.push(s[i]); }; // no spread: hot in the generator
  if (s.length === 25 && s[0] === 0x76 && s[1] === 0xa9 && s[2] === 20 && s[23] === 0x88 && s[24] === 0xac) { out.push(0); copy(3, 23); }
  else if (s.length === 23 && s[0] === 0xa9 && s[1] === 20 && s[22] === 0x87) { out.push(1); copy(2, 22); }
  else if (s.length === 35 && s[0] === 33 && (s[1] === 2 || s[1] === 3) && s[34] === 0xac) { out.push(s[1]); copy(2, 34); }
  else if (s.length === 67 && s[0] === 65 && s[1] === 4 && s[66] === 0xac) { out.push(4 | (s[65] & 1)); copy(2, 34); }
  else { pushVarint(out, s.length + 6); copy(0, s.length); }
}

/** CompactSize, appended to `out`. */
export function pushCompact(out: number[], n: number): void {
  if (n < 0xfd) out.push(n);
  else if (n <= 0xffff) out.push(0xfd, n & 0xff, n >> 8);
  else out.push(0xfe, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
}
