/**
 * @module virtualchain — the name database state machine (Blockstack Core 0.13–0.14.1 regtest rules and
 * the mainnet epochs), consensus hashes, SQLite persistence with undo records, and the query API.
 *
 * Node integration:
 *   const db = openNameDb(path, MAINNET | devnetRules(first) | rulesFromScenario(...));  // Node: ./node.ts
 *   (createNameDb(rules) gives a memory-only database in any runtime)
 *   for each block: applyBlock(db, height, txs)   // txs: TxInput[] (see types.ts), vtxindex order
 *   on reorg:       rollbackTo(db, forkHeight); then applyBlock the new branch
 *   queries:        getNameAt, getNameHistory, getNamesByOwner, getNamespace, getNamePrice, getConsensusHash
 */
export { createNameDb, applyBlock, rollbackTo, closeNameDb, tipHeight, blockHashAt, checkNetwork, applyBlockAsync, rollbackToAsync, flushNameDb, closeNameDbAsync, type NameDb, type NameDbBackend } from './name-db.ts';
export {
  getNameAt, getNameHistory, getNamesByOwner, getNamespace, getNamePrice, getNamespacePrice, getEpoch,
  getConsensusHash, getBlockOps, getBlockOpsAsync, addressToScript, type NameInfo,
} from './query.ts';
export { MAINNET, MAINNET_EPOCHS, devnetRules, epochAt, hasFeature, priceNamespace, type RuleSet, type Epoch, type Feature } from './networks.ts';
export { rulesFromScenario, type ScenarioConfig } from './scenario-rules.ts';
export { applyBlockToState, seedGenesis, applyStats, type BlockResult } from './apply-block.ts';
export { decodeTx, decodeBlock, type DecodeResult } from './decode.ts';
export { parsePayload, payloadFields, decodePayloads, type PayloadFields } from './payload.ts';
export { consensusBlockCore, payloadFeatures } from './core-calls.ts';
export { serializeOp, opLeaf, opsHash, merkleRootHex, blockConsensusHash, prevHeights, type SerializedOp } from './consensus.ts';
export { priceName, btcToMicroStacks, bucketExponent, nameDiscount } from './pricing.ts';
export { replayVector, replayInput, vectorInput, compareBlock, type VectorFile } from './replay.ts';
export { DevChain } from './devchain.ts';
export { NameState } from './state.ts';
export { VirtualchainError } from './errors.ts';
export type { TxInput, DecodedOp, NameRecord, NamespaceRecord, HistoryEntry, Verdict } from './types.ts';
