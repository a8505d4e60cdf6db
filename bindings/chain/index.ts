/** @module chain — chain sources (devnet, bitcoind RPC, Core block files), tx building and the devnet. */
export { ChainError } from './errors.ts';
export type { ChainSource, SourceBlock, PrevOut } from './source.ts';
export { FIRST_BLOCK } from './source.ts';
export { RpcSource } from './rpc.ts';
export { RpcClient } from './rpc-client.ts';
export { BlkFileSource, readBlkRecords, linkChain, NETWORK_MAGIC } from './blkfiles.ts';
export { BlkFileWriter } from './blkfiles-write.ts';
export { Devnet } from './devnet/devnet.ts';
export { DevnetChain } from './devnet/chain.ts';
export { DevnetSource } from './devnet/source.ts';
export { DEVNET } from './devnet/params.ts';
export { Keyring, buildTx, p2pkhAccount, multisigAccount, type Account, type Utxo } from './wallet.ts';
export { decodeTx, encodeTx, txid, type Tx, type TxOut } from './tx.ts';
export { decodeBlock, encodeBlock, rawBlockHash } from './block.ts';
export { addressToScript, scriptToAddress, decodeAddress } from './script.ts';
export * from './nameops.ts';
