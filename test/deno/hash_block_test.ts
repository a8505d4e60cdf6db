// The core's hashing and block API under Deno, on the same shared data as the vitest suites.
import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import {
  CoreError, hash160, hash128, hashBatch, merkleRoot, parseBlock, parseTx, ripemd160, scanBlock, sha256, sha256d, sha256Route,
} from '../../bindings/runtime/deno.ts';

const data = (name: string) => new URL(`../../../shared/data/${name}`, import.meta.url);
const json = (name: string) => JSON.parse(Deno.readTextFileSync(data(name)));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

Deno.test('SHA-256 NIST CAVP vectors', () => {
  const { vectors } = json('sha256_nist_cavp.json');
  strictEqual(vectors.length, 129);
  for (const v of vectors) strictEqual(hex(sha256(unhex(v.msg_hex))), v.md_hex);
});

Deno.test('RIPEMD-160 vectors (hex and repeat specs)', () => {
  const { vectors } = json('ripemd160_vectors.json');
  let n = 0;
  for (const v of vectors) {
    if (v.generator) continue;
    const m = v.input_repeat ? new TextEncoder().encode(String(v.input_repeat.repeat).repeat(v.input_repeat.count)) : unhex(v.msg_hex);
    strictEqual(hex(ripemd160(m)), v.md_hex);
    n++;
  }
  strictEqual(n, 13);
});

Deno.test('hash160, sha256d, hash128, batch, native routing', () => {
  strictEqual(hex(hash160(unhex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'))), '751e76e8199196d454941c45d1b3a323f1433bd6');
  strictEqual(hex(sha256d(new TextEncoder().encode('hello'))), '9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50');
  strictEqual(hex(hash128(new TextEncoder().encode('jude.id8d8762c37d82360b84cf4d87f32f7754'))), 'd1062edb9ec9c85ad1aca6d37f2f5793');
  const msgs = [new Uint8Array(0), new Uint8Array(64).fill(1), new Uint8Array(33).fill(2)];
  const all = hashBatch(msgs, 'hash160');
  msgs.forEach((m, i) => strictEqual(hex(all.subarray(20 * i, 20 * i + 20)), hex(hash160(m))));
  strictEqual(sha256Route(1 << 20), 'native');
  const big = new Uint8Array(1 << 20).map((_, i) => i);
  strictEqual(hex(sha256(big)), hex(hashBatch(big, 'sha256', big.length)));
});

Deno.test('block 413567: hash, merkle root, every txid', () => {
  const exp = json('block413567.expected.json');
  const b = parseBlock(Deno.readFileSync(data('block413567.raw')));
  strictEqual(b.hash, exp.hash);
  strictEqual(b.merkleRoot, exp.merkleRoot);
  strictEqual(b.merkleOk, true);
  deepStrictEqual(b.txs.map((t) => t.txid), exp.txids);
  const root = merkleRoot(b.txs.map((t) => t.txidBytes()));
  strictEqual(hex(root.reverse()), exp.merkleRoot);
});

Deno.test('block 702861: wtxids and witness commitment', () => {
  const exp = json('block702861.expected.json');
  const raw = Deno.readFileSync(data('block702861.raw'));
  const b = parseBlock(raw);
  strictEqual(b.hash, exp.hash);
  deepStrictEqual(b.txs.map((t) => t.txid), exp.txids);
  deepStrictEqual(b.txs.map((t) => t.wtxid), exp.wtxids);
  strictEqual(b.witnessRoot, exp.witnessRoot_internal_hex);
  strictEqual(b.witnessCommitment, 'valid');
  const t = b.txs[1];
  strictEqual(parseTx(raw.subarray(t.offset, t.offset + t.size)).wtxid, exp.wtxids[1]);
  const s = scanBlock(raw, '');
  strictEqual(s.hash, exp.hash);
  strictEqual(s.txs.every((x) => x.outputs[x.opReturnIndex].script[0] === 0x6a), true);
});

Deno.test('malformed input throws CoreError with code and offset', () => {
  const raw = Deno.readFileSync(data('block413567.raw'));
  throws(() => parseBlock(raw.subarray(0, 100_000)), (e: unknown) => e instanceof CoreError && e.code === 'E_TRUNCATED');
  const tail = new Uint8Array(raw.length + 1);
  tail.set(raw);
  throws(() => parseBlock(tail), (e: unknown) => e instanceof CoreError && e.code === 'E_TRAILING' && e.offset === raw.length);
});
