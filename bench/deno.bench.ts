// The Deno benchmark suite (`npm run bench -- deno`, or `npx deno run --allow-read --allow-env --allow-sys
// bench/deno.bench.ts`). The same core as under Node, measured with a small harness (min time per case,
// ops/s), side by side with Deno's own node:crypto. Areas append sections at the end using `measure`.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashBatch, parseBlock, scanBlock, sha256, sha256Route, core } from '../bindings/runtime/deno.ts';

/** Run `fn` repeatedly for at least `ms` milliseconds (after a warm-up); returns ops/s. */
export function measure(fn: () => unknown, ms = 1500): number {
  const warm = performance.now() + 200;
  while (performance.now() < warm) fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) { fn(); n++; t = performance.now(); }
  return (n * 1000) / (t - t0);
}

/** Print a table; with `compare` the first row is ours and the last column is its speed-up over each row. */
export function table(title: string, rows: [string, number][], compare = true): void {
  console.log(`\n### ${title} (Deno ${(globalThis as any).Deno?.version?.deno})`);
  console.log(compare ? '| implementation | ops/s | ours is ×faster |' : '| case | ops/s | ms/op |');
  console.log('|---|---:|---:|');
  const me = rows[0][1];
  for (const [name, hz] of rows) {
    const last = compare ? (name === rows[0][0] ? '—' : (me / hz).toFixed(2)) : (1000 / hz).toFixed(2);
    console.log(`| ${name} | ${hz.toFixed(hz < 100 ? 1 : 0)} | ${last} |`);
  }
}

// ---- core (issue 3) ----
const data = (name: string) => new Uint8Array(readFileSync(new URL(`../../shared/data/${name}`, import.meta.url)));
let sink = 0;
const block = data('block413567.raw');
const segwit = data('block702861.raw');
const nodeSha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest();
table('blocks: parse + all txids (hex) + merkle root', [
  ['parseBlock 413567 (1557 txs)', measure(() => { const b = parseBlock(block); for (const t of b.txs) sink += t.txid.length; sink += b.merkleRoot.length; })],
  ['parseBlock 702861 (2500 txs, segwit, + wtxids)', measure(() => { const b = parseBlock(segwit); for (const t of b.txs) sink += t.wtxid.length; })],
  ['scanBlock 413567 magic "id"', measure(() => { sink += scanBlock(block, 'id').txs.length; })],
], false);
const N = 1024;
const msgs = new Uint8Array(64 * N).map((_, i) => (i * 131) & 0xff);
table(`SHA-256 of ${N} × 64-byte messages`, [
  ['hashBatch (one call)', measure(() => { sink += hashBatch(msgs, 'sha256', 64)[0]; })],
  ['node:crypto createHash per message', measure(() => { for (let i = 0; i < N; i++) sink += nodeSha(msgs.subarray(64 * i, 64 * i + 64))[0]; })],
]);
const keys = new Uint8Array(33 * N).map((_, i) => (i * 71 + 2) & 0xff);
table(`hash160 of ${N} × 33-byte keys`, [
  ['hashBatch hash160 (one call)', measure(() => { sink += hashBatch(keys, 'hash160', 33)[0]; })],
  ['node:crypto per key', measure(() => { for (let i = 0; i < N; i++) sink += crypto.createHash('ripemd160').update(nodeSha(keys.subarray(33 * i, 33 * i + 33))).digest()[0]; })],
]);
const big = new Uint8Array(1 << 20).map((_, i) => i & 0xff);
const ex = core();
console.log(`\nsha256() of 1 MiB routes to: ${sha256Route(big.length)}`);
table('SHA-256 of one 1 MiB message', [
  ['sha256 (routed)', measure(() => { sink += sha256(big)[0]; })],
  ['core only (WASM)', measure(() => { const p = ex.inputReserve(big.length); new Uint8Array(ex.memory.buffer).set(big, p); sink += ex.hashOne(0, big.length); })],
  ['node:crypto', measure(() => { sink += nodeSha(big)[0]; })],
]);
if (sink === 42) console.log('');

// ---- secp256k1 (issue 4): ECDSA verify on the 3,957 signatures of block 413567 ----
{
  const { verify, verifyBatch } = await import('../bindings/runtime/deno.ts');
  const { secp256k1: noble } = await import('@noble/curves/secp256k1.js');
  const hx = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
  const vs = JSON.parse(new TextDecoder().decode(data('block413567_p2pkh_sigs.json'))).vectors;
  const sigs = vs.map((v: any) => ({ digest: hx(v.sighash_hex), signature: hx(v.sig_der_hex), publicKey: hx(v.pubkey_hex) }));
  let i = 0, ok = 0;
  const next = () => { const s = sigs[i]; i = i + 1 === sigs.length ? 0 : i + 1; return s; };
  const rows: [string, number][] = [
    ['blockstack-wasm verify() (per signature)', measure(() => { const s = next(); if (verify(s.digest, s.signature, s.publicKey)) ok++; })],
    ['blockstack-wasm verifyBatch() (whole block, per signature)', measure(() => { ok += verifyBatch(sigs).length; }, 3000) * sigs.length],
    ['@noble/curves verify()', measure(() => { const s = next(); if (noble.verify(s.signature, s.digest, s.publicKey, { prehash: false, format: 'der' })) ok++; })],
  ];
  table('secp256k1 ECDSA verify, block 413567 signatures (verifications/s)', rows);
  if (ok === 42) console.log('');
}

// ---- routing (issue 7): zone-file parse vs npm zone-file, batched zone-file hash160 ----
{
  const { parseZoneFile, zoneFileHash } = await import('../bindings/runtime/deno.ts');
  const { hash160HexBatch: hash160Batch } = await import('../bindings/base/hash.ts');
  const ref = await import('zone-file');
  const zfs = JSON.parse(readFileSync(new URL('../../shared/vectors/zonefiles/zonefiles_sample.json', import.meta.url), 'utf8')).zonefiles;
  const texts: string[] = zfs.map((z: { text: string }) => z.text);
  const bytes = texts.map((t) => new TextEncoder().encode(t));
  let n = 0;
  table('parse 300 genesis zone files (batches/s)', [
    ['blockstack-wasm parseZoneFile', measure(() => { for (const t of texts) n += Object.keys(parseZoneFile(t)).length; })],
    ['npm zone-file parseZoneFile', measure(() => { for (const t of texts) n += Object.keys(ref.parseZoneFile(t)).length; })],
  ]);
  table('hash160 of 100 zone files (batches/s)', [
    ['hash160Batch (one core call)', measure(() => { n += hash160Batch(bytes.slice(0, 100)).length; })],
    ['zoneFileHash per file', measure(() => { for (let i = 0; i < 100; i++) n += zoneFileHash(bytes[i]).length; })],
    ['node:crypto per file', measure(() => { for (let i = 0; i < 100; i++) n += crypto.createHash('ripemd160').update(crypto.createHash('sha256').update(bytes[i]).digest()).digest().length; })],
  ]);
  if (n === 42) console.log('');
}
