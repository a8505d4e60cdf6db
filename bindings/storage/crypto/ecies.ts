/**
 * @module storage/crypto/ecies — ECIES of @stacks/encryption (spec §6) and signECDSA/verifyECDSA, as the
 * storage layer reports them: bindings/base with BaseError turned into StorageError ('E_FAILED_DECRYPTION', …).
 */
import * as base from '../../base/index.ts';
import { storageCall } from '../errors.ts';

export { eciesGetJsonStringLength, verifyECDSA, type CipherObject, type CipherTextEncoding, type EncryptOptions, type SignatureObject } from '../../base/index.ts';

export const encryptECIES = (publicKeyHex: string, content: Uint8Array | string, opts: base.EncryptOptions = {}): base.CipherObject =>
  storageCall(() => base.encryptECIES(publicKeyHex, content, opts));
/** A string when the object says wasString, else bytes. Failure → StorageError('E_FAILED_DECRYPTION'). */
export const decryptECIES = (privateKeyHex: string, obj: base.CipherObject): string | Uint8Array => storageCall(() => base.decryptECIES(privateKeyHex, obj));
export const signECDSA = (privateKeyHex: string, content: string | Uint8Array): base.SignatureObject => storageCall(() => base.signECDSA(privateKeyHex, content));
