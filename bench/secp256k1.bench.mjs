// secp256k1 ECDSA verification: verifications/s on the 3,957 real signatures of block 413,567 (DER, Bitcoin
// low-S policy), this core (single calls and one batch call per block) vs tiny-secp256k1 (WASM),
// @noble/curves, node:crypto (OpenSSL: crypto.verify('sha256', sha256-once preimage hash, KeyObject)),
// elliptic and the native libsecp256k1 addon (npm `secp256k1`). Every peer parses the key and the
// signature on each call, as a verifier of fresh data must. Targets (issue 4): >= tiny-secp256k1 and
// >= 5x @noble/curves; the native addon is the ceiling (aim: half of it).
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { secp256k1 as noble } from '@noble/curves/secp256k1.js';
import { Benchmark, tiny, elliptic, nativeSecp256k1 } from './peers/index.mjs';
import { verify, verifyBatch } from '../dist/node.js';

const native = nativeSecp256k1; // null when the addon did not build: row skipped

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const data = JSON.parse(readFileSync(new URL('../../shared/data/block413567_p2pkh_sigs.json', import.meta.url), 'utf8')).vectors;
const SPKI_C = hex('3036301006072a8648ce3d020106052b8104000a032200');
const SPKI_U = hex('3056301006072a8648ce3d020106052b8104000a034200');
const sigs = data.map((v) => {
  const digest = hex(v.sighash_hex), der = hex(v.sig_der_hex), key = hex(v.pubkey_hex);
  return {
    digest, der, key, once: hex(v.sighash_sha256_once_hex),
    compact: noble.Signature.fromBytes(der, 'der').toBytes('compact'),
    spki: Buffer.concat([key.length === 33 ? SPKI_C : SPKI_U, key]),
  };
});
const batch = sigs.map((s) => ({ digest: s.digest, signature: s.der, publicKey: s.key }));

const peers = {
  'blockstack-wasm verify()': (s) => verify(s.digest, s.der, s.key, { format: 'der', lowS: true }),
  'tiny-secp256k1 verify()': (s) => tiny.verify(s.digest, s.key, s.compact, true),
  '@noble/curves verify()': (s) => noble.verify(s.der, s.digest, s.key, { prehash: false, format: 'der' }),
  'node:crypto verify()': (s) => cryptoVerify('sha256', s.once, createPublicKey({ key: s.spki, format: 'der', type: 'spki' }), s.der),
  'elliptic verify()': (s) => elliptic.verify(s.digest, s.der, elliptic.keyFromPublic(s.key)),
};
if (native) peers['native libsecp256k1 addon'] = (s) => native.ecdsaVerify(native.signatureImport(s.der), s.digest, s.key);

// every peer must accept every signature before its speed means anything
for (const [name, f] of Object.entries(peers)) {
  const ok = sigs.filter((s) => f(s)).length;
  if (ok !== sigs.length) throw new Error(`${name}: ${ok}/${sigs.length} verified`);
}
if (!verifyBatch(batch).every(Boolean)) throw new Error('verifyBatch rejected a block signature');

const rates = {};
const suite = new Benchmark.Suite();
for (const [name, f] of Object.entries(peers)) {
  let i = 0;
  suite.add(name, () => { f(sigs[i]); i = i + 1 === sigs.length ? 0 : i + 1; }, { maxTime: 4 });
}
suite.add('blockstack-wasm verifyBatch() (whole block)', () => { verifyBatch(batch); }, { maxTime: 6, minSamples: 3 });
suite.on('cycle', (e) => {
  const b = e.target;
  rates[b.name] = b.name.includes('verifyBatch') ? b.hz * sigs.length : b.hz;
});
suite.run();

const ours = rates['blockstack-wasm verify()'];
console.log(`ECDSA verify, ${sigs.length} signatures of block 413567 (node ${process.version})`);
for (const [name, hz] of Object.entries(rates)) {
  console.log(`${name.padEnd(44)} ${Math.round(hz).toString().padStart(7)} verifications/s   ours/this ${(ours / hz).toFixed(2)}x`);
}
const t = rates['tiny-secp256k1 verify()'], n = rates['@noble/curves verify()'], nat = rates['native libsecp256k1 addon'];
console.log(`target >= tiny-secp256k1: ${ours >= t ? 'MET' : 'NOT MET'} (${(ours / t).toFixed(2)}x)`);
console.log(`target >= 5x @noble/curves: ${ours >= 5 * n ? 'MET' : 'NOT MET'} (${(ours / n).toFixed(2)}x)`);
if (nat) console.log(`native ceiling: ours = ${(ours / nat).toFixed(2)} of libsecp256k1 (aim 0.5)`);
