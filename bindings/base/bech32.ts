/**
 * @module base/bech32 — segwit addresses (BIP173 bech32 for v0, BIP350 bech32m for v1+), over @scure/base.
 */
import { bech32, bech32m } from '@scure/base';
import { BaseError } from './errors.ts';

/** Segwit address of a witness program (`hrp` 'bc' mainnet, 'tb' testnet, 'bcrt' regtest). */
export function segwitAddress(hrp: string, version: number, program: Uint8Array): string {
  if (!Number.isInteger(version) || version < 0 || version > 16) throw new BaseError('E_BAD_ADDRESS', `witness version ${version} out of range`);
  if (program.length < 2 || program.length > 40 || (version === 0 && program.length !== 20 && program.length !== 32)) {
    throw new BaseError('E_BAD_ADDRESS', `witness program of ${program.length} bytes not allowed for version ${version}`);
  }
  const words = [version, ...bech32.toWords(program)];
  return (version === 0 ? bech32 : bech32m).encode(hrp, words, 90);
}

/** Decode a segwit address; throws BaseError E_BAD_ADDRESS (wrong checksum variant for the version included). */
export function decodeSegwitAddress(addr: string): { hrp: string; version: number; program: Uint8Array } {
  for (const codec of [bech32, bech32m]) {
    let dec: { prefix: string; words: number[] };
    try {
      dec = codec.decode(addr as `${string}1${string}`, 90);
    } catch {
      continue;
    }
    const version = dec.words[0];
    if (version === undefined || version > 16 || (version === 0) !== (codec === bech32)) continue;
    const program = codec.fromWords(dec.words.slice(1));
    if (program.length < 2 || program.length > 40 || (version === 0 && program.length !== 20 && program.length !== 32)) continue;
    return { hrp: dec.prefix, version, program };
  }
  throw new BaseError('E_BAD_ADDRESS', `not a segwit address: ${String(addr).slice(0, 90)}`);
}
