/**
 * @module hash — plain AssemblyScript hash functions for other core-as areas (pointer + length in, digest
 * written at a destination pointer; no allocation) and the ABI entry points.
 */
export {
  sha256Into, sha256dInto, sha256Of32, sha256Of64, sha256dOf64, hash128Into,
  sha256Init, sha256Update, sha256Final, sha256Compress, SHA256_CTX_SIZE,
} from './sha256';
export { ripemd160Into, ripemd160Of32, hash160Into } from './ripemd160';
export { sha256Multi, sha256dMulti, sha256Strided } from './sha256-multi';
export { hashOne, hashBatch, hashInto, digestSize } from './entry';
