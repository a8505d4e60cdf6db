// One-message hash functions of the peers measured against the core: node:crypto (one-shot crypto.hash
// where available), hash-wasm (reused instances: its fastest synchronous form) and @noble/hashes.
import crypto from 'node:crypto';
import { createSHA256, createRIPEMD160 } from 'hash-wasm';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';

const hw256 = await createSHA256();
const hw160 = await createRIPEMD160();

export const nodeSha256 = crypto.hash
  ? (b) => crypto.hash('sha256', b, 'buffer')
  : (b) => crypto.createHash('sha256').update(b).digest();
export const nodeHash160 = (b) => crypto.createHash('ripemd160').update(nodeSha256(b)).digest();

export const hashWasmSha256 = (b) => { hw256.init(); hw256.update(b); return hw256.digest('binary'); };
export const hashWasmHash160 = (b) => { hw160.init(); hw160.update(hashWasmSha256(b)); return hw160.digest('binary'); };

export { nobleSha256 };
export const nobleHash160 = (b) => nobleRipemd160(nobleSha256(b));
