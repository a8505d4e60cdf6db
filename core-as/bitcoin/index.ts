/** @module bitcoin — Bitcoin block/transaction parsing for other core-as areas and the ABI entry points. */
export { parseBlock, SUMMARY_SIZE, TX_RECORD_SIZE } from './block';
export { scanBlock, scanBlockTrusted, SCAN_HEADER_SIZE, SCAN_INPUT_SIZE, SCAN_OUTPUT_SIZE } from './scan';
export { merkleRoot } from './merkle-entry';
export { parseTx } from './tx-entry';
export { xorInput } from './xor-entry';
export { sieveBlock } from './sieve';
export { merkleReduce } from './merkle';
export { walkTx, txidOfWalked } from './tx';
export { readVarint } from './reader';
