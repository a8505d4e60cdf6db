/**
 * Fuzz: 100,000+ mutated and truncated blocks and transactions built from real mainnet data. Every case
 * must either parse or fail with a CoreError carrying a known code; never a trap, never a hang. A second
 * pass fills the bytes after the input with different garbage and demands identical results: any read
 * past the end of the input would show up as a difference.
 */
import { describe, expect, it } from 'vitest';
import { parseBlock, parseTx, scanBlock, CoreError, core } from '../../bindings/index.ts';
import { CORE_CODES } from '../../bindings/core/errors.ts';
import { readData } from './fixtures.ts';

const KNOWN = new Set(Object.values(CORE_CODES));

// xorshift32: reproducible cases
let seed = 0x9e3779b9;
function rnd(n: number): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}

/** A small block: the real header, then txs [from, from+count) of a real block. */
function smallBlock(raw: Uint8Array, offsets: number[], from: number, count: number): Uint8Array {
  const start = offsets[from];
  const end = offsets[from + count];
  const out = new Uint8Array(80 + 1 + end - start);
  out.set(raw.subarray(0, 80));
  out[80] = count;
  out.set(raw.subarray(start, end), 81);
  return out;
}

function mutate(b: Uint8Array): Uint8Array {
  const kind = rnd(8);
  const c = b.slice();
  switch (kind) {
    case 0: return b.slice(0, rnd(b.length)); // truncate
    case 1: { for (let k = 1 + rnd(4); k > 0; k--) c[rnd(c.length)] ^= 1 << rnd(8); return c; }
    case 2: { c[rnd(c.length)] = [0x00, 0xff, 0xfd, 0xfe, 0x01, 0x4c][rnd(6)]; return c; }
    case 3: { // varint bomb at a random position
      const p = rnd(c.length - 9);
      c.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f].slice(0, 1 + rnd(9)), p);
      return c;
    }
    case 4: { const p = rnd(c.length); return Uint8Array.from([...c.subarray(0, p), rnd(256), ...c.subarray(p)]); }
    case 5: { const p = rnd(c.length); return Uint8Array.from([...c.subarray(0, p), ...c.subarray(p + 1 + rnd(8))]); }
    case 6: { const out = new Uint8Array(c.length + 1 + rnd(8)); out.set(c); return out; } // trailing bytes
    default: { const p = rnd(c.length - 3); c[p] = 0xfd; c[p + 1] = rnd(256); c[p + 2] = rnd(4); return c; }
  }
}

function expectClean(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!(e instanceof CoreError) || !KNOWN.has(e.code)) throw e;
    return e.code;
  }
}

/** Run the raw entry point twice with different bytes after the input; results must be identical. */
function runTwice(entry: 'parseBlock' | 'parseTx' | 'scanBlock', input: Uint8Array): void {
  const ex = core();
  const results: string[] = [];
  for (const fill of [0x00, 0xff]) {
    const p = ex.inputReserve(input.length + 64);
    const m = new Uint8Array(ex.memory.buffer);
    m.set(input, p);
    m.fill(fill, p + input.length, p + input.length + 64);
    const rc = entry === 'scanBlock' ? ex.scanBlock(input.length, 0x6469, 0) : ex[entry](input.length);
    const out = rc > 0 ? Buffer.from(new Uint8Array(ex.memory.buffer, ex.outputPtr(), rc)).toString('base64') : '';
    results.push(`${rc}:${ex.errorOffset()}:${out}`);
  }
  expect(results[0]).toBe(results[1]);
}

describe('fuzz', () => {
  const sources = ['block413567.raw', 'block702861.raw'].map((name) => {
    const raw = readData(name);
    const b = parseBlock(raw);
    const offsets = b.txs.map((t) => t.offset);
    offsets.push(raw.length);
    return { raw, offsets, n: b.txCount };
  });

  it('60,000 mutated small blocks (legacy and segwit txs) fail cleanly or parse', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const s = sources[i & 1];
      const count = 1 + rnd(4);
      const from = rnd(s.n - count);
      const m = mutate(smallBlock(s.raw, s.offsets, from, count));
      const r = expectClean(() => (i % 3 === 0 ? scanBlock(m, '') : i % 6 === 1 ? scanBlock(m, 'id', { trusted: true }) : parseBlock(m)));
      seen.set(r, (seen.get(r) ?? 0) + 1);
      if (i % 10 === 0) runTwice(i % 20 === 0 ? 'parseBlock' : 'scanBlock', m);
    }
    // the mutations reach the parser's error paths, not just one of them
    for (const code of ['ok', 'E_TRUNCATED', 'E_TRAILING', 'E_VARINT', 'E_COUNT', 'E_SEGWIT_FLAG']) {
      expect(seen.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('45,000 mutated single transactions fail cleanly or parse', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 45_000; i++) {
      const s = sources[i & 1];
      const k = rnd(s.n);
      const tx = s.raw.subarray(s.offsets[k], s.offsets[k + 1]);
      const m = mutate(tx);
      const r = expectClean(() => parseTx(m));
      seen.set(r, (seen.get(r) ?? 0) + 1);
      if (i % 10 === 0) runTwice('parseTx', m);
    }
    expect(seen.get('ok') ?? 0).toBeGreaterThan(0);
    expect(seen.get('E_TRUNCATED') ?? 0).toBeGreaterThan(0);
  });

  it('truncations of the full segwit block at 300 points', () => {
    const s = sources[1];
    for (let i = 0; i < 300; i++) {
      const cut = rnd(s.raw.length);
      expect(expectClean(() => parseBlock(s.raw.subarray(0, cut)))).not.toBe('ok');
    }
  });

  it('unmutated real transactions parse with the block\'s txids', () => {
    const s = sources[1];
    const b = parseBlock(s.raw);
    for (let k = 0; k < s.n; k += 50) {
      const t = parseTx(s.raw.subarray(s.offsets[k], s.offsets[k + 1]));
      expect(t.txid).toBe(b.txs[k].txid);
      expect(t.wtxid).toBe(k === 0 ? t.wtxid : b.txs[k].wtxid);
      expect(t.size).toBe(b.txs[k].size);
    }
  });
});
