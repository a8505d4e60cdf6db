// Core benchmarks (issue 3): block parsing, batched short-message hashing, hash160, 1 MiB SHA-256.
// Peers run in the same process and the same run; the table prints ops/s and our speed-up over each.
import { readFileSync } from 'node:fs';
import { Benchmark } from './peers/index.mjs';
import * as bitcoin from 'bitcoinjs-lib';
import { parseBlock, hashBatch, sha256, sha256Route, core } from '../dist/node.js';
import { makeParser } from './peers/js-block-parser.mjs';
import {
  nodeSha256, nodeHash160, hashWasmSha256, hashWasmHash160, nobleSha256, nobleHash160,
} from './peers/hash-peers.mjs';

const data = (name) => new Uint8Array(readFileSync(new URL(`../../shared/data/${name}`, import.meta.url)));
const hexRev = (b) => Buffer.from(b).reverse().toString('hex');
let sink = 0;

function run(title, ours, peers) {
  return new Promise((resolve) => {
    const suite = new Benchmark.Suite(title);
    suite.add(ours[0], ours[1], { maxTime: 2.5 });
    for (const [name, fn] of peers) suite.add(name, fn, { maxTime: 2.5 });
    suite.on('complete', function () {
      const rows = this.map((b) => ({ name: b.name, hz: b.hz, rme: b.stats.rme }));
      const me = rows[0].hz;
      console.log(`\n### ${title}`);
      console.log('| implementation | ops/s | ± | ours is ×faster |');
      console.log('|---|---:|---:|---:|');
      for (const r of rows) {
        console.log(`| ${r.name} | ${r.hz.toFixed(r.hz < 100 ? 1 : 0)} | ${r.rme.toFixed(1)}% | ${r === rows[0] ? '—' : (me / r.hz).toFixed(2)} |`);
      }
      resolve(rows);
    });
    suite.run();
  });
}

// 1. block 413567: full parse + every txid (display hex) + merkle root
const block = data('block413567.raw');
const blockBuf = Buffer.from(block);
const parseNode = makeParser(nodeSha256);
const parseHashWasm = makeParser(hashWasmSha256);
await run('block 413567: parse + 1557 txids (hex) + merkle root', ['blockstack-wasm parseBlock', () => {
  const b = parseBlock(block);
  for (const t of b.txs) sink += t.txid.length;
  sink += b.merkleRoot.length;
}], [
  ['bitcoinjs-lib Block.fromBuffer + getId + calculateMerkleRoot', () => {
    const b = bitcoin.Block.fromBuffer(blockBuf);
    for (const t of b.transactions) sink += t.getId().length;
    sink += bitcoin.Block.calculateMerkleRoot(b.transactions).length;
  }],
  ['plain JS parser + node:crypto crypto.hash', () => {
    const r = parseNode(block);
    for (const t of r.txids) sink += hexRev(t).length;
    sink += hexRev(r.merkleRoot).length;
  }],
  ['plain JS parser + hash-wasm', () => {
    const r = parseHashWasm(block);
    for (const t of r.txids) sink += hexRev(t).length;
    sink += hexRev(r.merkleRoot).length;
  }],
]);

// 2. SHA-256 of 1024 × 64-byte messages
const N = 1024;
const msgs64 = new Uint8Array(64 * N).map((_, i) => (i * 131) & 0xff);
const each = (fn, buf, len) => () => { for (let i = 0; i < N; i++) sink += fn(buf.subarray(i * len, i * len + len))[0]; };
await run(`SHA-256 of ${N} × 64-byte messages (one batch)`, ['blockstack-wasm hashBatch', () => { sink += hashBatch(msgs64, 'sha256', 64)[0]; }], [
  ['node:crypto (one-shot per message)', each(nodeSha256, msgs64, 64)],
  ['hash-wasm (per message)', each(hashWasmSha256, msgs64, 64)],
  ['@noble/hashes (per message)', each(nobleSha256, msgs64, 64)],
]);

// 3. hash160 of 1024 × 33-byte compressed keys
const keys = new Uint8Array(33 * N).map((_, i) => (i * 71 + 2) & 0xff);
await run(`hash160 of ${N} × 33-byte keys (one batch)`, ['blockstack-wasm hashBatch hash160', () => { sink += hashBatch(keys, 'hash160', 33)[0]; }], [
  ['node:crypto (per key)', each(nodeHash160, keys, 33)],
  ['hash-wasm (per key)', each(hashWasmHash160, keys, 33)],
  ['@noble/hashes (per key)', each(nobleHash160, keys, 33)],
]);

// 4. SHA-256 of one 1 MiB message
const big = new Uint8Array(1 << 20).map((_, i) => i & 0xff);
const ex = core();
const wasmOnly = () => {
  const p = ex.inputReserve(big.length);
  new Uint8Array(ex.memory.buffer).set(big, p);
  sink += ex.hashOne(0, big.length);
};
console.log(`\nsha256() of 1 MiB routes to: ${sha256Route(big.length)}`);
await run('SHA-256 of one 1 MiB message', ['blockstack-wasm sha256 (routed)', () => { sink += sha256(big)[0]; }], [
  ['blockstack-wasm core only (WASM)', wasmOnly],
  ['node:crypto', () => { sink += nodeSha256(big)[0]; }],
  ['hash-wasm', () => { sink += hashWasmSha256(big)[0]; }],
  ['@noble/hashes', () => { sink += nobleSha256(big)[0]; }],
]);
if (sink === 42) console.log('');
