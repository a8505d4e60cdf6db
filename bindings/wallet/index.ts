/** @module wallet — the local identity wallet (sealed BIP-39 phrase, identities, app grants) and devnet identities. */
export { Wallet, type WalletFile, type IdentityRecord, type AppGrant, type CreateWalletOptions } from './wallet.ts';
export { seal, open as openSealed, DEFAULT_SCRYPT_N, type SealedBox } from './keystore.ts';
export { defaultWalletPath, readWalletFile, writeWalletFile, walletFileExists } from './store.ts';
export { DEVNET_PASSWORD, DEVNET_MNEMONIC, DEVNET_NAMES, devnetWallet, devnetIdentities } from './devnet.ts';
