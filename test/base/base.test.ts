/**
 * bindings/base against fixtures (test/fixtures/base: valid cases made by independent libraries, invalid
 * cases naming the BaseError code) and against the peers it replaced (bitcoinjs-lib, jsontokens).
 */
import { describe, it, expect } from 'vitest';
import * as bjs from 'bitcoinjs-lib';
import { TokenSigner, TokenVerifier } from 'jsontokens';
import { base58 as scureBase58 } from '@scure/base';
import { b58check, base58Encode } from '../../bindings/base/base58.ts';
import {
  BaseError, fromHex, toHex, toHexReversed, base58checkEncode, base58checkDecode, decodeHashAddress, segwitAddress,
  decodeSegwitAddress, decodePrivateKey, decodePublicKey, publicKeyFromPrivate, p2pkhAddress, p2wpkhAddress, stacksAddress,
  ownerMatchesKey, keyOwnsAddress, compressedPublicKey, signJwt, verifyJwt, decodeJwt, hash160, c32address, zoneFileHash, hash160Hex,
} from '../../bindings/base/index.ts';
import { fixtures } from '../helpers/shared.ts';

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(BaseError); return (e as BaseError).code; }
  return 'no error';
}

describe('base/bytes', () => {
  const f = fixtures<{ hex: string; bytes: number[] }, { hex: string }>('base', 'hex');
  it.each(f.valid)('fromHex($hex)', ({ hex, bytes }) => {
    expect([...fromHex(hex)]).toEqual(bytes);
    expect(toHex(fromHex(hex))).toBe(hex.toLowerCase());
  });
  it.each(f.invalid)('fromHex: $description → $code', ({ hex, code: c }) => expect(code(() => fromHex(hex))).toBe(c));
  it('toHex / toHexReversed agree with Buffer on random bytes', () => {
    for (let n = 0; n < 200; n += 7) {
      const b = new Uint8Array(n).map((_, i) => (i * 97 + n) & 255);
      expect(toHex(b)).toBe(Buffer.from(b).toString('hex'));
      expect(toHexReversed(b)).toBe(Buffer.from(b).reverse().toString('hex'));
    }
  });
});

describe('base/base58 and addresses', () => {
  const f = fixtures<{ version: number; hash: string; address: string }, { address: string }>('base', 'base58check');
  it.each(f.valid)('$address', ({ version, hash, address }) => {
    expect(base58checkEncode(version, fromHex(hash))).toBe(address);
    const d = base58checkDecode(address);
    expect([d.version, toHex(d.hash)]).toEqual([version, hash]);
  });
  it.each(f.invalid)('$description → $code', ({ address, code: c }) => {
    expect(code(() => base58checkDecode(address))).toBe(c);
    expect(decodeHashAddress(address)).toBeUndefined();
  });
  it('the Core-algorithm encoder equals @scure/base on 2,000 random payloads (leading zeros, 0-64 bytes)', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
    for (let i = 0; i < 2000; i++) {
      const len = rnd() % 65;
      const b = Uint8Array.from({ length: len }, (_, k) => (k < rnd() % 4 ? 0 : rnd() & 255));
      expect(base58Encode(b)).toBe(scureBase58.encode(b));
      if (len) expect(base58checkEncode(b[0], b.subarray(1))).toBe(b58check.encode(b));
    }
  });
});

describe('base/bech32', () => {
  const f = fixtures<{ hrp: string; version: number; program: string; address: string }, { address: string }>('base', 'segwit');
  it.each(f.valid)('$address', ({ hrp, version, program, address }) => {
    expect(segwitAddress(hrp, version, fromHex(program))).toBe(address);
    const d = decodeSegwitAddress(address.toUpperCase());
    expect([d.hrp, d.version, toHex(d.program)]).toEqual([hrp, version, program]);
  });
  it.each(f.invalid)('$description → $code', ({ address, code: c }) => expect(code(() => decodeSegwitAddress(address))).toBe(c));
  it('refuses programs no version allows', () => {
    expect(code(() => segwitAddress('bc', 0, new Uint8Array(21)))).toBe('E_BAD_ADDRESS');
    expect(code(() => segwitAddress('bc', 17, new Uint8Array(32)))).toBe('E_BAD_ADDRESS');
  });
});

describe('base/keys and owner checks', () => {
  const f = fixtures<{ privateKey: string; publicKey: string; address: string }, { privateKey?: string; publicKey?: string }>('base', 'keys');
  it.each(f.valid)('$privateKey', ({ privateKey, publicKey, address }) => {
    expect(publicKeyFromPrivate(privateKey)).toBe(publicKey);
    expect(p2pkhAddress(publicKey)).toBe(address);
    const pub = Buffer.from(publicKey, 'hex');
    expect(p2pkhAddress(publicKey)).toBe(bjs.payments.p2pkh({ pubkey: pub }).address);
    expect(p2wpkhAddress(publicKey)).toBe(bjs.payments.p2wpkh({ pubkey: pub }).address);
  });
  it.each(f.invalid)('$description → $code', (c) => {
    expect(code(() => (c.privateKey !== undefined ? decodePrivateKey(c.privateKey) : decodePublicKey(c.publicKey!)))).toBe(c.code);
  });
  it('ownerMatchesKey hashes the compressed key; keyOwnsAddress the key as published', () => {
    const priv = '0000000000000000000000000000000000000000000000000000000000000001';
    const pc = publicKeyFromPrivate(priv);
    const pu = toHex(decodePublicKey(pc).length === 33 ? (bjs.payments.p2pkh({ pubkey: Buffer.from(pc, 'hex') }), Buffer.from(
      '0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8', 'hex')) : new Uint8Array());
    expect(toHex(compressedPublicKey(pu))).toBe(pc);
    const addrC = p2pkhAddress(pc), addrU = base58checkEncode(0, hash160(fromHex(pu)));
    expect(ownerMatchesKey(addrC, pu)).toBe(true);
    expect(ownerMatchesKey(addrU, pu)).toBe(false);
    expect(keyOwnsAddress(fromHex(pu), pu, addrU)).toBe(true);
    expect(keyOwnsAddress(fromHex(pu), pu, addrC)).toBe(false);
    expect(ownerMatchesKey(stacksAddress(pc), pc, 'stacks')).toBe(true);
    expect(ownerMatchesKey(addrC, pc, 'stacks')).toBe(false);
    expect(keyOwnsAddress(fromHex(pc), pc, c32address(26, hash160(fromHex(pc))))).toBe(true);
  });
  it('zoneFileHash is hex hash160 of the UTF-8 bytes', () => {
    expect(zoneFileHash('abc')).toBe(hash160Hex(new TextEncoder().encode('abc')));
    expect(zoneFileHash('abc')).toBe('bb1be98c142444d7a56aa3981c3942a978e4dc33');
  });
});

describe('base/jwt', () => {
  const priv = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';
  const pub = publicKeyFromPrivate(priv);
  it('signs byte for byte as jsontokens and each verifies the other', () => {
    const payload = { iss: 'x', n: 1, nested: { a: [1, 2] } };
    const ours = signJwt(payload, priv);
    expect(ours).toBe(new TokenSigner('ES256K', priv).sign(payload));
    expect(new TokenVerifier('ES256K', pub).verify(ours)).toBe(true);
    expect(verifyJwt(ours, pub)).toBe(true);
    expect(verifyJwt(ours.slice(0, -2) + (ours.endsWith('AA') ? 'AB' : 'AA'), pub)).toBe(false);
  });
  const f = fixtures<never, { token: string }>('base', 'jwt');
  it.each(f.invalid)('$description → $code', ({ token, code: c }) => {
    expect(code(() => decodeJwt(token))).toBe(c);
    expect(verifyJwt(token, pub)).toBe(false);
  });
});

describe('base/b40', () => {
  it('encodes names once for chain and virtualchain; a character outside the alphabet is E_BAD_NAME', async () => {
    const { b40Bytes, b40FromBytes, isB40 } = await import('../../bindings/base/index.ts');
    const { b40Bytes: chainB40 } = await import('../../bindings/chain/nameops.ts');
    const { b40Bytes: vcB40 } = await import('../../bindings/virtualchain/codec.ts');
    expect(toHex(b40Bytes('muneeb.id'))).toBe('87b0059d8e5d');
    expect(b40FromBytes(b40Bytes('muneeb.id'))).toBe('muneeb.id');
    expect(vcB40).toBe(b40Bytes);
    expect(toHex(chainB40('muneeb.id'))).toBe('87b0059d8e5d');
    expect(code(() => b40Bytes('Alice.id'))).toBe('E_BAD_NAME');
    expect(isB40('Alice.id')).toBe(false);
    expect(() => chainB40('Alice.id')).toThrow(/outside/);
    try { chainB40('Alice.id'); } catch (e) { expect((e as { code: string }).code).toBe('E_BAD_NAME'); }
  });
});
