/**
 * @module virtualchain/db/codec — compact row encodings: a name record as a JSON array in a fixed key
 * order (half the bytes of an object), verdicts as [vtxindex, op, reason] triples. Shared by every backend.
 */
import type { NameRecord, Verdict } from '../types.ts';

const NAME_KEYS: (keyof NameRecord)[] = [
  'name', 'namespaceId', 'valueHash', 'sender', 'address', 'senderPubkey', 'blockNumber', 'preorderBlockNumber',
  'preorderHash', 'firstRegistered', 'lastRenewed', 'revoked', 'op', 'txid', 'vtxindex', 'opFee', 'importer',
  'importerAddress', 'consensusHash', 'lastCreationOp',
];

/** The record's fields in NAME_KEYS order (listed: a keyed lookup per field is megamorphic). */
export const encodeNameRecord = (r: NameRecord): string => JSON.stringify([
  r.name, r.namespaceId, r.valueHash, r.sender, r.address, r.senderPubkey, r.blockNumber, r.preorderBlockNumber, r.preorderHash,
  r.firstRegistered, r.lastRenewed, r.revoked, r.op, r.txid, r.vtxindex, r.opFee, r.importer, r.importerAddress, r.consensusHash,
  r.lastCreationOp,
]);

export function decodeNameRecord(s: string): NameRecord {
  const a = JSON.parse(s) as unknown[];
  const r: Record<string, unknown> = {};
  NAME_KEYS.forEach((k, i) => (r[k] = a[i]));
  return r as unknown as NameRecord;
}

export const encodeVerdicts = (v: Verdict[]): string =>
  JSON.stringify(v.map((x) => [x.vtxindex, x.txid, x.opcode, x.accepted ? x.op : null, x.accepted ? null : x.reason ?? null]));

export function decodeVerdicts(s: string): Verdict[] {
  return (JSON.parse(s) as [number, string, string | null, string | null, string | null][]).map(([vtxindex, txid, opcode, op, reason]) => (
    { txid, vtxindex, opcode, accepted: op !== null, op, ...(reason !== null ? { reason } : {}) }));
}
