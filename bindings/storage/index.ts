/**
 * @module storage — runtime-neutral storage API (client + crypto). The hub (Node: disk/S3 drivers, HTTP
 * server) lives in `storage/hub/index.ts` so browser bundles never pull it in.
 */
export * from './client/index.ts';
export { StorageError } from './errors.ts';
export { encryptECIES, decryptECIES, eciesGetJsonStringLength, type CipherObject } from './crypto/ecies.ts';
export { signJwt, decodeJwt, verifyJwt } from './crypto/jwt.ts';
export { signECDSA, verifyECDSA } from './crypto/ecies.ts';
export { addressFromPublicKey, addressFromPrivateKey, publicKeyFromPrivate } from './crypto/keys.ts';
export { setEcdsaVerifier, ecdsaVerifierName, verifyWithNoble } from '../base/ecdsa.ts';
