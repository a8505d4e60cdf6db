/**
 * @module chain/nameops — builds the outputs of Blockstack name operations (protocol.md §4-5, the
 * Core 21.x layout, epoch-3 payload forms): the OP_RETURN payload `id` + opcode + fields, and the
 * fixed output positions the extractor reads (recipient at out[1], burn at out[2] / out[3], the
 * value-hash carrier of NAME_IMPORT at out[2]). `'change'` marks where the wallet puts the change.
 */
import { ascii, concat, fromHex, hash160, toHex, Writer } from './bytes.ts';
import { ChainError } from './errors.ts';
import { b40Bytes as baseB40Bytes, mapBaseError } from '../base/index.ts';
import { nulldataScript, p2pkhScript } from './script.ts';
import type { OutputSpec } from './wallet.ts';

export const BURN_SCRIPT = fromHex('76a914000000000000000000000000000000000000000088ac');

/** b40bytes(s) (base/b40.ts), reporting a bad character as ChainError E_BAD_NAME. */
export const b40Bytes = (s: string): Uint8Array => mapBaseError(() => baseB40Bytes(s), (e) => new ChainError('E_BAD_NAME', e.message));

import { hash128 } from '../base/hash.ts';
export { hash128 };

export function checkName(fqn: string): void {
  if (!/^[a-z0-9\-_]+\.[a-z0-9\-_]{1,19}$/.test(fqn) || fqn.length > 37) throw new ChainError('E_BAD_NAME', `invalid name ${JSON.stringify(fqn)} (label.namespace, [a-z0-9-_], at most 37 characters)`);
}
export function checkNamespaceId(ns: string): void {
  if (!/^[a-z0-9\-_]{1,19}$/.test(ns)) throw new ChainError('E_BAD_NAMESPACE', `invalid namespace id ${JSON.stringify(ns)} (1-19 of [a-z0-9-_])`);
}
function checkHash(h: string, bytes: number, what: string): Uint8Array {
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(h)) throw new ChainError('E_BAD_HASH', `${what} must be ${bytes * 2} lowercase hex characters`);
  return fromHex(h);
}

function opReturn(opcode: string, payload: Uint8Array): OutputSpec {
  const data = concat(ascii('id' + opcode), payload);
  if (data.length > 80) throw new ChainError('E_PAYLOAD_TOO_LONG', `OP_RETURN payload is ${data.length} bytes (max 80)`);
  return { value: 0n, script: nulldataScript(data) };
}

export function namePreorder(fqn: string, senderScript: Uint8Array, registerAddress: string, consensusHash: string, burn: bigint): OutputSpec[] {
  checkName(fqn);
  const h = hash160(concat(b40Bytes(fqn), senderScript, ascii(registerAddress)));
  return [opReturn('?', concat(h, checkHash(consensusHash, 16, 'consensus hash'))), 'change', { value: burn, script: BURN_SCRIPT }];
}

function nameAndValue(fqn: string, valueHash?: string | null): Uint8Array {
  if (!valueHash) return ascii(fqn);
  const padded = new Uint8Array(37);
  padded.set(ascii(fqn));
  return concat(padded, checkHash(valueHash, 20, 'value hash'));
}

export function nameRegister(fqn: string, recipientScript: Uint8Array, dust: bigint, valueHash?: string | null): OutputSpec[] {
  checkName(fqn);
  return [opReturn(':', nameAndValue(fqn, valueHash)), { value: dust, script: recipientScript }, 'change'];
}

/** Renewal = registration with a 4th output paying the burn (the name-only payload: keeps the zone-file hash). */
export function nameRenew(fqn: string, recipientScript: Uint8Array, dust: bigint, burn: bigint): OutputSpec[] {
  checkName(fqn);
  return [opReturn(':', ascii(fqn)), { value: dust, script: recipientScript }, 'change', { value: burn, script: BURN_SCRIPT }];
}

export function nameUpdate(fqn: string, consensusHash: string, valueHash: string): OutputSpec[] {
  checkName(fqn);
  checkHash(consensusHash, 16, 'consensus hash');
  return [opReturn('+', concat(hash128(ascii(fqn + consensusHash)), checkHash(valueHash, 20, 'value hash'))), 'change'];
}

export function nameTransfer(fqn: string, recipientScript: Uint8Array, dust: bigint, keepData: boolean, consensusHash: string): OutputSpec[] {
  checkName(fqn);
  const payload = concat(ascii(keepData ? '>' : '~'), hash128(ascii(fqn)), checkHash(consensusHash, 16, 'consensus hash'));
  return [opReturn('>', payload), { value: dust, script: recipientScript }, 'change'];
}

export function nameRevoke(fqn: string): OutputSpec[] {
  checkName(fqn);
  return [opReturn('~', ascii(fqn)), 'change'];
}

export function nameImport(fqn: string, recipientScript: Uint8Array, dust: bigint, valueHash: string): OutputSpec[] {
  checkName(fqn);
  return [opReturn(';', ascii(fqn)), { value: dust, script: recipientScript }, { value: dust, script: p2pkhScript(checkHash(valueHash, 20, 'value hash')) }, 'change'];
}

export function namespacePreorder(nsid: string, senderScript: Uint8Array, revealAddress: string, consensusHash: string, burn: bigint): OutputSpec[] {
  checkNamespaceId(nsid);
  const h = hash160(concat(b40Bytes(nsid), senderScript, ascii(revealAddress)));
  return [opReturn('*', concat(h, checkHash(consensusHash, 16, 'consensus hash'))), 'change', { value: burn, script: BURN_SCRIPT }];
}

export interface NamespaceParams { lifetime: number; coeff: number; base: number; buckets: readonly number[]; nonalphaDiscount: number; noVowelDiscount: number; version: number }

export function encodeRevealPayload(nsid: string, p: NamespaceParams): Uint8Array {
  checkNamespaceId(nsid);
  const nib = (v: number, what: string): number => { if (!Number.isInteger(v) || v < 0 || v > 15) throw new ChainError('E_BAD_NAMESPACE_PARAMS', `${what} must be 0..15`); return v; };
  if (p.buckets.length !== 16) throw new ChainError('E_BAD_NAMESPACE_PARAMS', 'buckets must have 16 entries');
  if (p.coeff < 0 || p.coeff > 255 || p.base < 0 || p.base > 255) throw new ChainError('E_BAD_NAMESPACE_PARAMS', 'coeff and base must be 0..255');
  if (!nib(p.nonalphaDiscount, 'nonalpha discount') || !nib(p.noVowelDiscount, 'no-vowel discount')) throw new ChainError('E_BAD_NAMESPACE_PARAMS', 'discounts must be 1..15');
  if (![1, 2, 3].includes(p.version)) throw new ChainError('E_BAD_NAMESPACE_PARAMS', 'version must be 1, 2 or 3');
  const w = new Writer();
  const be32 = new Uint8Array(4);
  new DataView(be32.buffer).setUint32(0, p.lifetime >>> 0, false);
  w.bytes(be32).u8(p.coeff).u8(p.base);
  for (let i = 0; i < 16; i += 2) w.u8((nib(p.buckets[i], 'bucket') << 4) | nib(p.buckets[i + 1], 'bucket'));
  w.u8((p.nonalphaDiscount << 4) | p.noVowelDiscount).u8(p.version >> 8).u8(p.version & 0xff).bytes(ascii(nsid));
  return w.finish();
}

export function namespaceReveal(nsid: string, p: NamespaceParams, revealerScript: Uint8Array, dust: bigint): OutputSpec[] {
  return [opReturn('&', encodeRevealPayload(nsid, p)), { value: dust, script: revealerScript }, 'change'];
}

export function namespaceReady(nsid: string): OutputSpec[] {
  checkNamespaceId(nsid);
  return [opReturn('!', ascii('.' + nsid)), 'change'];
}

