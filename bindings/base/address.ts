/**
 * @module base/address — addresses of keys and hashes: Bitcoin P2PKH / P2SH (base58check), segwit (bech32),
 * Stacks c32, and whether a name's owner designates a given public key.
 */
import { hash160 } from '../core/hash.ts';
import { toHex, equalBytes } from './bytes.ts';
import { base58checkEncode, decodeHashAddress } from './base58.ts';
import { c32address, STACKS_P2PKH, STACKS_TESTNET_P2PKH } from './c32.ts';
import { segwitAddress } from './bech32.ts';
import { compressedPublicKey } from './keys.ts';

export const BTC_P2PKH = 0x00;
export const BTC_P2SH = 0x05;
export const BTC_TESTNET_P2PKH = 0x6f;
export const BTC_TESTNET_P2SH = 0xc4;
export const P2PKH_VERSIONS: ReadonlySet<number> = new Set([BTC_P2PKH, BTC_TESTNET_P2PKH]);
export const P2SH_VERSIONS: ReadonlySet<number> = new Set([BTC_P2SH, BTC_TESTNET_P2SH]);

/** base58check P2PKH/P2SH address of a 20-byte hash (version 0x00 mainnet P2PKH by default). */
export const hashAddress = (hash: Uint8Array, version = BTC_P2PKH): string => base58checkEncode(version, hash);

/** P2PKH address of a public key hex (either form): hash160 of the COMPRESSED key, as Gaia and auth do. */
export function p2pkhAddress(publicKeyHex: string, version = BTC_P2PKH): string {
  return base58checkEncode(version, hash160(compressedPublicKey(publicKeyHex)));
}

/** P2SH address of a redeem script. */
export const p2shAddress = (redeemScript: Uint8Array, version = BTC_P2SH): string => base58checkEncode(version, hash160(redeemScript));

/** P2WPKH segwit address of a public key hex (compressed). */
export const p2wpkhAddress = (publicKeyHex: string, hrp = 'bc'): string => segwitAddress(hrp, 0, hash160(compressedPublicKey(publicKeyHex)));

/** Stacks c32 address of a public key hex (compressed; 22 = SP mainnet, 26 = ST testnet). */
export const stacksAddress = (publicKeyHex: string, version = STACKS_P2PKH): string => c32address(version, hash160(compressedPublicKey(publicKeyHex)));

/** True when `addr` is a base58check P2PKH or P2SH address (mainnet or testnet versions). */
export function isHashAddress(addr: unknown): boolean {
  const d = decodeHashAddress(addr);
  return !!d && (P2PKH_VERSIONS.has(d.version) || P2SH_VERSIONS.has(d.version));
}

/**
 * Does `owner` (a name's owner address, or a public key) designate the public key `publicKeyHex`?
 * mode 'stacks' is exactly @stacks/profile 7.x: the key itself or its Stacks mainnet (SP) address.
 * mode 'blockstack' (default) also takes the key's compressed hex, the Bitcoin P2PKH address (mainnet or
 * testnet version) and the testnet ST address: Blockstack names are owned by BTC addresses, as
 * blockstack.js ≤ 21 verified them.
 */
export function ownerMatchesKey(owner: string, publicKeyHex: string, mode: 'blockstack' | 'stacks' = 'blockstack'): boolean {
  let compressed: Uint8Array;
  try {
    compressed = compressedPublicKey(publicKeyHex);
  } catch {
    return false;
  }
  if (owner === publicKeyHex) return true;
  const h = hash160(compressed);
  if (owner === c32address(STACKS_P2PKH, h)) return true;
  if (mode === 'stacks') return false;
  if (owner.toLowerCase() === toHex(compressed) || owner === c32address(STACKS_TESTNET_P2PKH, h)) return true;
  const dec = decodeHashAddress(owner);
  return !!dec && P2PKH_VERSIONS.has(dec.version) && equalBytes(dec.hash, h);
}

/**
 * Does the public key `pk` (bytes exactly as published, hex `pkHex`) own `address`? The resolver's rule for
 * profile tokens: the key itself, or the P2PKH address of hash160 of the key AS GIVEN (an uncompressed key
 * has its own address) in base58 (0x00 / 0x6f, v1 API) or c32 (SP / ST, Stacks API). Unlike
 * `ownerMatchesKey`, the key is not compressed first: a profile signed with an uncompressed key must match the
 * address of that key, as blockstack.js verified it.
 */
export function keyOwnsAddress(pk: Uint8Array, pkHex: string, address: string): boolean {
  if (pkHex === address) return true;
  const h = hash160(pk);
  if (address.startsWith('S')) return [STACKS_P2PKH, STACKS_TESTNET_P2PKH].some((v) => c32address(v, h) === address);
  const addr = decodeHashAddress(address);
  return !!addr && P2PKH_VERSIONS.has(addr.version) && equalBytes(addr.hash, h);
}
