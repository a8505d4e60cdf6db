/** keys.json, jwt_es256k.json and ecies.json against our crypto (byte-identical output where deterministic). */
import { describe, expect, it } from 'vitest';
import { addressFromPublicKey, addressFromPublicKeyAsIs, publicKeyFromPrivate, compressPublicKey, bytesToHex, hash160, hexToBytes } from '../../bindings/storage/crypto/keys.ts';
import { signJwt, verifyJwt, decodeJwt } from '../../bindings/storage/crypto/jwt.ts';
import { decryptECIES, eciesGetJsonStringLength, encryptECIES } from '../../bindings/storage/crypto/ecies.ts';
import { signECDSA, verifyECDSA } from '../../bindings/storage/crypto/ecies.ts';
import { encryptContent, decryptContent } from '../../bindings/storage/client/envelope.ts';
import { vectors } from './helpers.ts';

describe('keys.json', () => {
  const v = vectors('keys.json');
  for (const c of v.cases) {
    it(c.name, () => {
      expect(publicKeyFromPrivate(c.privateKey)).toBe(c.publicKeyCompressed);
      expect(publicKeyFromPrivate(c.privateKeyCompressedForm)).toBe(c.publicKeyFromCompressedFormPrivateKey);
      expect(bytesToHex(hash160(hexToBytes(c.publicKeyCompressed)))).toBe(c.hash160Compressed);
      expect(addressFromPublicKey(c.publicKeyCompressed)).toBe(c.btcAddressMainnet);
      expect(addressFromPublicKey(c.publicKeyUncompressed)).toBe(c.btcAddressMainnet);
      expect(addressFromPublicKeyAsIs(c.publicKeyUncompressed)).toBe(c.btcAddressMainnetFromUncompressed);
      expect(addressFromPublicKeyAsIs(c.publicKeyCompressed, 0x6f)).toBe(c.btcAddressTestnet);
      expect(compressPublicKey(c.publicKeyUncompressed)).toBe(c.publicKeyCompressed);
    });
  }
});

describe('jwt_es256k.json', () => {
  const v = vectors('jwt_es256k.json');
  for (const c of v.signCases) {
    it(`sign: ${c.label}`, () => {
      const token = signJwt(c.payload, c.privateKey);
      expect(token).toBe(c.token);
      expect(verifyJwt(token, c.publicKey)).toBe(c.verifies);
      expect(decodeJwt(token).payload).toEqual(c.payload);
    });
  }
  for (const c of v.verifyCases) {
    it(`verify: ${c.label}`, () => {
      expect(verifyJwt(c.token, c.publicKey)).toBe(c.expected);
    });
  }
});

describe('ecies.json', () => {
  const v = vectors('ecies.json');
  for (const c of v.encryptCases) {
    it(`encrypt: ${c.label}`, () => {
      const content = c.wasString ? c.plaintextUtf8 : hexToBytes(c.plaintextHex);
      const obj = encryptECIES(c.recipientPublicKey, content, {
        wasString: c.wasString, cipherTextEncoding: c.cipherTextEncodingArg ?? undefined,
        ephemeralPrivateKey: c.ephemeralPrivateKey, iv: c.iv,
      });
      expect(JSON.stringify(obj)).toBe(c.cipherObjectJson);
      const back = decryptECIES(c.recipientPrivateKey, obj);
      if (c.decryptsTo.type === 'string') expect(back).toBe(c.decryptsTo.value);
      else expect(bytesToHex(back as Uint8Array)).toBe(c.decryptsTo.hex);
      expect(eciesGetJsonStringLength({ contentLength: hexToBytes(c.plaintextHex).length, wasString: c.wasString, sign: false, cipherTextEncoding: c.cipherTextEncodingArg ?? undefined })).toBe(c.eciesGetJsonStringLength);
    });
  }
  for (const c of v.decryptCases) {
    it(`decrypt: ${c.label}`, () => {
      if (c.ok) {
        const out = decryptECIES(c.privateKey, c.cipherObject);
        expect(typeof out === 'string' ? out : bytesToHex(out)).toBe(c.result);
      } else {
        expect(() => decryptECIES(c.privateKey, c.cipherObject)).toThrow(/Decryption failed/);
      }
    });
  }
  for (const c of v.encryptContentCases) {
    it(`encryptContent: ${c.label}`, () => {
      const out = encryptContent(c.content, { ...c.options, ephemeralPrivateKey: c.ephemeralPrivateKey, iv: c.iv });
      expect(out).toBe(c.output);
      expect(decryptContent(out, { privateKey: c.decryptionPrivateKey })).toBe(c.decrypted);
      if (c.eciesGetJsonStringLength) expect(c.actualLength).toBeLessThanOrEqual(c.eciesGetJsonStringLength);
    });
  }
  for (const c of v.signEcdsaCases) {
    it(`signECDSA: ${c.label}`, () => {
      const sig = signECDSA(c.privateKey, hexToBytes(c.contentHex));
      expect(sig).toEqual(c.signatureObject);
      expect(JSON.stringify(sig)).toBe(c.sigFileJson);
      expect(verifyECDSA(hexToBytes(c.contentHex), sig.publicKey, sig.signature)).toBe(c.verify);
    });
  }
});
