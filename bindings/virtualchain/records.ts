/**
 * @module virtualchain/records — the consensus serialization of committed records (consensus.md §2.3),
 * with the 0.13 field names where that release differs.
 */
import { pyFloatStr } from './codec.ts';
import type { Field, SerializedOp } from './consensus.ts';
import type { FieldNames } from './networks.ts';
import type { NameRecord, NamespaceRecord, PreorderRecord } from './types.ts';

const s = (v: string | null | undefined): string => v ?? '';
const b = (v: boolean): string => (v ? 'True' : 'False');
const n = (v: number): string => String(v);

/** op_fee of a name record: a float for imported names (consensus.md §2.4 import quirk). */
export function nameOpFee(rec: NameRecord): string {
  return rec.lastCreationOp === ';' ? pyFloatStr(rec.opFee) : Number.isInteger(rec.opFee) ? n(rec.opFee) : pyFloatStr(rec.opFee);
}

export function nameRecFields(r: NameRecord): Field[] {
  return [
    ['name', r.name], ['value_hash', s(r.valueHash)], ['sender', r.sender], ['sender_pubkey', s(r.senderPubkey)],
    ['address', r.address], ['block_number', n(r.blockNumber)], ['preorder_block_number', n(r.preorderBlockNumber)],
    ['first_registered', n(r.firstRegistered)], ['last_renewed', n(r.lastRenewed)], ['revoked', b(r.revoked)],
    ['op', r.op], ['txid', r.txid], ['vtxindex', n(r.vtxindex)], ['op_fee', nameOpFee(r)],
    ['importer', s(r.importer)], ['importer_address', s(r.importerAddress)],
  ];
}

export function serializeRegistration(r: NameRecord, fn: FieldNames, opcode: ':' | ';'): SerializedOp {
  const tail: Field[] = fn === '0.13'
    ? [['recipient', r.sender], ['recipient_address', r.address]]
    : [['sender', r.sender], ['address', r.address]];
  return { opcode, fields: [...nameRecFields(r), ...tail] };
}

export function serializeUpdate(r: NameRecord, fn: FieldNames, nameConsensusHash: string, ch: string): SerializedOp {
  return { opcode: '+', fields: [...nameRecFields(r), [fn === '0.13' ? 'name_hash' : 'name_consensus_hash', nameConsensusHash], ['consensus_hash', ch]] };
}

export function serializeTransfer(r: NameRecord, fn: FieldNames, nameHash128: string, ch: string, keep: boolean): SerializedOp {
  return { opcode: '>', fields: [...nameRecFields(r), [fn === '0.13' ? 'name_hash' : 'name_hash128', nameHash128], ['consensus_hash', ch], ['keep_data', b(keep)]] };
}

export const serializeRevoke = (r: NameRecord): SerializedOp => ({ opcode: '~', fields: nameRecFields(r) });

export function serializePreorder(p: PreorderRecord, fn: FieldNames): SerializedOp {
  return { opcode: '?', fields: [
    [fn === '0.13' ? 'preorder_name_hash' : 'preorder_hash', p.preorderHash], ['consensus_hash', p.consensusHash],
    ['sender', p.sender], ['sender_pubkey', s(p.senderPubkey)], ['address', p.address], ['block_number', n(p.blockNumber)],
    ['op', '?'], ['txid', p.txid], ['vtxindex', n(p.vtxindex)], ['op_fee', n(p.opFee)],
  ] };
}

export function serializeNamespacePreorder(p: PreorderRecord, fn: FieldNames): SerializedOp {
  return { opcode: '*', fields: [
    [fn === '0.13' ? 'namespace_id_hash' : 'preorder_hash', p.preorderHash], ['consensus_hash', p.consensusHash],
    ['op', '*'], ['op_fee', n(p.opFee)], ['txid', p.txid], ['vtxindex', n(p.vtxindex)], ['block_number', n(p.blockNumber)],
    ['sender', p.sender], ['sender_pubkey', s(p.senderPubkey)], ['address', p.address],
  ] };
}

export function serializeNamespace(ns: NamespaceRecord, fn: FieldNames): SerializedOp {
  const f: Field[] = [
    ['namespace_id', ns.namespaceId], [fn === '0.13' ? 'namespace_id_hash' : 'preorder_hash', ns.preorderHash],
    ['version', n(ns.version)], ['sender', ns.sender], ['sender_pubkey', s(ns.senderPubkey)], ['address', ns.address],
    ['recipient', ns.recipient], ['recipient_address', ns.recipientAddress], ['block_number', n(ns.blockNumber)],
    ['reveal_block', n(ns.revealBlock)], ['op', ns.op], ['txid', ns.txid], ['vtxindex', n(ns.vtxindex)],
    ['lifetime', n(ns.lifetime)], ['coeff', n(ns.coeff)], ['base', n(ns.base)], ['buckets', `[${ns.buckets.join(', ')}]`],
    ['nonalpha_discount', n(ns.nonalphaDiscount)], ['no_vowel_discount', n(ns.noVowelDiscount)],
  ];
  if (ns.op === '!') f.push(['ready_block', n(ns.readyBlock)]);
  return { opcode: ns.op, fields: f };
}
