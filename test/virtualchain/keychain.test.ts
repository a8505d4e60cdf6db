/** The import keychain (variable-time CKDpub) equals @scure/bip32's derivation with a zero chain code. */
import { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { describe, expect, it } from 'vitest';
import { buildImportKeychain, pubkeyAddress } from '../../bindings/virtualchain/rules/keychain.ts';
import { base58checkEncode, hash160, toHex } from '../../bindings/virtualchain/codec.ts';

describe('import keychain', () => {
  it('300 children (mainnet size) match @scure/bip32, plus the importer address', () => {
    const pub = toHex(secp256k1.getPublicKey(new Uint8Array(32).fill(7), false)); // uncompressed, as scriptSigs may carry
    const mine = buildImportKeychain(pub, 300, 0x00);
    const root = new HDKey({ publicKey: secp256k1.Point.fromHex(pub).toBytes(true), chainCode: new Uint8Array(32), depth: 0, index: 0, parentFingerprint: 0 });
    const ref = Array.from({ length: 300 }, (_, i) => base58checkEncode(0, hash160(root.deriveChild(i).publicKey!)));
    expect(mine.slice(0, 300)).toEqual(ref);
    expect(mine[300]).toBe(pubkeyAddress(pub, 0));
  });
});
