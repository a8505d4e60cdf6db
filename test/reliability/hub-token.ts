/** A hub auth token made the way the storage client makes it (connectToGaiaHub's v1 token). */
import { makeAuthToken } from '../../bindings/storage/client/hub-connection.ts';
import { addressFromPrivateKey } from '../../bindings/storage/crypto/keys.ts';

export const TEST_KEY = '5d0c3f1a8c9b2e7d6f4a1b3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b3c4d5e6f';

export function makeHubToken(hubUrl: string, challenge: string, key = TEST_KEY): { token: string; address: string } {
  return { token: makeAuthToken(challenge, hubUrl, key), address: addressFromPrivateKey(key) };
}
