/**
 * @module abi — the only file that exports from the core. Every export is documented in ABI.md.
 * Areas add `export { ... } from` lines here once their code compiles and passes.
 */

/** Bumped on any incompatible change of exports, layouts or codes; the host checks it at load. */
export function abiVersion(): i32 { return 1; }

export {
  inputReserve, inputPtr, inputCap, outputPtr, outputLen, errorOffset,
} from './mem';
export { hashOne, hashBatch } from './hash/entry';
export { parseBlock, scanBlock, scanBlockTrusted, sieveBlock, merkleRoot, parseTx, xorInput } from './bitcoin/index';
export { secpVerify, secpVerifyBatch, secpPubkeyConvert, secpPubkeyTweakAdd } from './secp256k1/entry';
export { decodePayloads, consensusBlock } from './virtualchain/entry';
