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

/**
 * A serialized record built from its field values in order (`values`: the text that is hashed); `fields`
 * pairs them with the field names only when asked (the indexer, the vector checks), so the per-op work of
 * the state machine is one array of strings. JSON and `serializeOp` see the same thing as a plain
 * `{ opcode, fields }`.
 */
export class RecordOp implements SerializedOp {
  private pairs: Field[] | undefined;
  constructor(readonly opcode: string, private readonly names: readonly string[], readonly values: string[]) {}
  get fields(): Field[] {
    return (this.pairs ??= this.names.map((k, i): Field => [k, this.values[i]]));
  }
  toJSON(): SerializedOp { return { opcode: this.opcode, fields: this.fields }; }
}

const NAME_REC = ['name', 'value_hash', 'sender', 'sender_pubkey', 'address', 'block_number', 'preorder_block_number',
  'first_registered', 'last_renewed', 'revoked', 'op', 'txid', 'vtxindex', 'op_fee', 'importer', 'importer_address'] as const;
/** Field names of each name-record serialization (the name record, then the op's own fields), per FieldNames. */
const names = (...tail: string[]): readonly string[] => [...NAME_REC, ...tail];
const REG = { '0.13': names('recipient', 'recipient_address'), '0.14': names('sender', 'address') };
const UPDATE = { '0.13': names('name_hash', 'consensus_hash'), '0.14': names('name_consensus_hash', 'consensus_hash') };
const TRANSFER = { '0.13': names('name_hash', 'consensus_hash', 'keep_data'), '0.14': names('name_hash128', 'consensus_hash', 'keep_data') };
const REVOKE = names();

/** The name record's field values in NAME_REC order. */
function nameRecValues(r: NameRecord): string[] {
  return [
    r.name, s(r.valueHash), r.sender, s(r.senderPubkey), r.address, n(r.blockNumber), n(r.preorderBlockNumber),
    n(r.firstRegistered), n(r.lastRenewed), b(r.revoked), r.op, r.txid, n(r.vtxindex), nameOpFee(r), s(r.importer), s(r.importerAddress),
  ];
}

export function nameRecFields(r: NameRecord): Field[] {
  return new RecordOp('', REVOKE, nameRecValues(r)).fields;
}

export function serializeRegistration(r: NameRecord, fn: FieldNames, opcode: ':' | ';'): SerializedOp {
  const v = nameRecValues(r);
  v.push(r.sender, r.address);
  return new RecordOp(opcode, REG[fn], v);
}

export function serializeUpdate(r: NameRecord, fn: FieldNames, nameConsensusHash: string, ch: string): SerializedOp {
  const v = nameRecValues(r);
  v.push(nameConsensusHash, ch);
  return new RecordOp('+', UPDATE[fn], v);
}

export function serializeTransfer(r: NameRecord, fn: FieldNames, nameHash128: string, ch: string, keep: boolean): SerializedOp {
  const v = nameRecValues(r);
  v.push(nameHash128, ch, b(keep));
  return new RecordOp('>', TRANSFER[fn], v);
}

export const serializeRevoke = (r: NameRecord): SerializedOp => new RecordOp('~', REVOKE, nameRecValues(r));

const PREORDER = {
  '0.13': ['preorder_name_hash', 'consensus_hash', 'sender', 'sender_pubkey', 'address', 'block_number', 'op', 'txid', 'vtxindex', 'op_fee'],
  '0.14': ['preorder_hash', 'consensus_hash', 'sender', 'sender_pubkey', 'address', 'block_number', 'op', 'txid', 'vtxindex', 'op_fee'],
};
const NS_PREORDER = {
  '0.13': ['namespace_id_hash', 'consensus_hash', 'op', 'op_fee', 'txid', 'vtxindex', 'block_number', 'sender', 'sender_pubkey', 'address'],
  '0.14': ['preorder_hash', 'consensus_hash', 'op', 'op_fee', 'txid', 'vtxindex', 'block_number', 'sender', 'sender_pubkey', 'address'],
};

export function serializePreorder(p: PreorderRecord, fn: FieldNames): SerializedOp {
  return new RecordOp('?', PREORDER[fn], [
    p.preorderHash, p.consensusHash, p.sender, s(p.senderPubkey), p.address, n(p.blockNumber), '?', p.txid, n(p.vtxindex), n(p.opFee),
  ]);
}

export function serializeNamespacePreorder(p: PreorderRecord, fn: FieldNames): SerializedOp {
  return new RecordOp('*', NS_PREORDER[fn], [
    p.preorderHash, p.consensusHash, '*', n(p.opFee), p.txid, n(p.vtxindex), n(p.blockNumber), p.sender, s(p.senderPubkey), p.address,
  ]);
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
