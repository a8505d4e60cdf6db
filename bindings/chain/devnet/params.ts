/**
 * @module chain/devnet/params — every devnet parameter in one place: chain (regtest-style: magic,
 * genesis, difficulty, subsidy, coinbase maturity) and naming (mainnet epoch-3 rules from the first
 * block; the demo namespace's lifetime and price curve; fees and dust the devnet wallet uses).
 */
export const DEVNET = {
  network: 'devnet',
  /** Network magic of blk*.dat records and P2P messages: regtest's `fabfb5da`. */
  magic: Uint8Array.of(0xfa, 0xbf, 0xb5, 0xda),
  /** Regtest genesis block (chainparams.cpp CRegTestParams), hash 0f9188f1…2206. */
  genesisHex:
    '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4adae5494dffff7f20020000000101000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000',
  genesisHash: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
  /** Regtest base58 versions (m…/n… P2PKH, 2… P2SH), as virtualchain's devnetRules expects. */
  versions: { p2pkh: 0x6f, p2sh: 0xc4 },
  bits: 0x207fffff,
  subsidy: 50_0000_0000n,
  halvingInterval: 150,
  coinbaseMaturity: 100,
  /** Core's -blocksxor default since v28: a random key in blocks/xor.dat. */
  maxBlockFileSize: 128 * 1024 * 1024,
  /** Naming: first block the indexer reads, and the mainnet epoch whose rules apply from it. */
  firstBlock: 1,
  epoch: 3,
  /** Confirmations the node waits for on the devnet (1 = every mined block is final enough). */
  confirmations: 1,
  /** Wallet: flat fee per transaction, and the value of recipient / data-carrier outputs. */
  fee: 10_000n,
  dust: 5_500n,
  rpcPort: 18443,
  /** Demo namespace `id`: mainnet `id`'s price curve; a 1-year lifetime (52595 blocks). */
  demoNamespace: { id: 'id', lifetime: 52595, coeff: 250, base: 4, buckets: [6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nonalphaDiscount: 10, noVowelDiscount: 10, version: 1 },
} as const;

export function blockSubsidy(height: number): bigint {
  const halvings = Math.floor(height / DEVNET.halvingInterval);
  return halvings >= 64 ? 0n : DEVNET.subsidy >> BigInt(halvings);
}
