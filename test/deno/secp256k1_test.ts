// secp256k1 verification under Deno: the same core as Node, on the real block-413567 signatures and Wycheproof.
import { strictEqual as assertEquals, deepStrictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { verify, verifyBatch, compressPublicKey, decompressPublicKey } from '../../bindings/runtime/deno.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));
const json = (name: string) => JSON.parse(readFileSync(new URL(`../../../shared/data/${name}`, import.meta.url), 'utf8'));

Deno.test('secp256k1: all 3,957 block-413567 signatures verify (single and batch); a flipped digest bit fails', () => {
  const items = json('block413567_p2pkh_sigs.json').vectors.map((v: any) => ({
    digest: hex(v.sighash_hex), signature: hex(v.sig_der_hex), publicKey: hex(v.pubkey_hex),
  }));
  assertEquals(items.length, 3957);
  assertEquals(verifyBatch(items).filter(Boolean).length, 3957);
  let ok = 0;
  for (const it of items.slice(0, 300)) if (verify(it.digest, it.signature, it.publicKey)) ok++;
  assertEquals(ok, 300);
  const bad = items.slice(0, 300).map((it: any) => { const d = it.digest.slice(); d[7] ^= 4; return { ...it, digest: d }; });
  assertEquals(verifyBatch(bad).filter(Boolean).length, 0);
  const k = items[0].publicKey;
  deepStrictEqual(compressPublicKey(decompressPublicKey(k)), k);
});

Deno.test('secp256k1: Wycheproof plain (high-S accepted) and Bitcoin (low-S) files pass exactly', () => {
  for (const [file, lowS] of [['wycheproof_ecdsa_secp256k1_sha256_test.json', false], ['wycheproof_ecdsa_secp256k1_sha256_bitcoin_test.json', true]] as const) {
    let bad = 0, n = 0;
    for (const g of json(file).testGroups) {
      const key = hex(g.publicKey.uncompressed);
      for (const t of g.tests) {
        n++;
        const d = new Uint8Array(createHash('sha256').update(hex(t.msg)).digest());
        if (verify(d, hex(t.sig), key, { format: 'der', lowS }) !== (t.result === 'valid')) bad++;
      }
    }
    assertEquals(bad, 0, file);
    assertEquals(n > 400, true);
  }
});
