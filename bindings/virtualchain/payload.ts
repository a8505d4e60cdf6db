/**
 * @module virtualchain/payload — typed view of the core's payload decoder (protocol.md §5): the fields
 * of one operation payload, named as in vectors/protocol/op_parsing.json.
 */
import { toHex } from './codec.ts';
import { decodeHexPayloadsCore, decodePayloadsCore, payloadFeatures, type RawPayload } from './core-calls.ts';
import type { RuleSet } from './networks.ts';

export const OPCODE_NAMES: Record<string, string> = {
  '?': 'NAME_PREORDER', ':': 'NAME_REGISTRATION', '+': 'NAME_UPDATE', '>': 'NAME_TRANSFER', '~': 'NAME_REVOKE',
  ';': 'NAME_IMPORT', '*': 'NAMESPACE_PREORDER', '&': 'NAMESPACE_REVEAL', '!': 'NAMESPACE_READY', '#': 'ANNOUNCE',
  '$': 'TOKEN_TRANSFER',
};

export type PayloadFields = Record<string, string | number | boolean | number[] | null> & { opcode: string };

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

const hex = (b: Uint8Array | null): string | null => (b ? toHex(b) : null);
const u64 = (b: Uint8Array | null): string | null => (b ? new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0).toString() : null);

/** Named fields of a decoded payload (null when the payload is not an operation). */
export function payloadFields(r: RawPayload): PayloadFields | null {
  if (r.status <= 0 || !r.opcode) return null;
  const f = r.fields;
  const opcode = OPCODE_NAMES[r.opcode];
  switch (r.opcode) {
    case '?': return { opcode, preorder_hash: hex(f[0]), consensus_hash: hex(f[1]), token_fee: u64(f[2]), token_units: f[3] ? latin1(f[3]) : null };
    case ':': return { opcode, name: latin1(f[0]!), value_hash: hex(f[1]), token_fee: u64(f[2]) };
    case '+': return { opcode, name_consensus_hash: hex(f[0]), value_hash: hex(f[1]) };
    case '>': return { opcode, keep_data: f[0]![0] === 0x3e, name_hash128: hex(f[1]), consensus_hash: hex(f[2]) };
    case '~': case ';': return { opcode, name: latin1(f[0]!) };
    case '*': return { opcode, preorder_hash: hex(f[0]), consensus_hash: hex(f[1]), token_fee: u64(f[2]) };
    case '&': {
      const b = f[3]!;
      const buckets: number[] = [];
      for (let i = 0; i < 8; i++) buckets.push(b[i] >> 4, b[i] & 15);
      return { opcode, lifetime: new DataView(f[0]!.buffer, f[0]!.byteOffset, 4).getUint32(0), coeff: f[1]![0], base: f[2]![0], buckets,
        nonalpha_discount: f[4]![0] >> 4, no_vowel_discount: f[4]![0] & 15, version: (f[5]![0] << 8) | f[5]![1], namespace_id: latin1(f[6]!) };
    }
    case '!': return { opcode, namespace_id: latin1(f[0]!) };
    case '#': return { opcode, message_hash: hex(f[0]) };
    case '$': return { opcode, consensus_hash: hex(f[0]), token_units: latin1(f[1]!), token_fee: u64(f[2]), scratch_area: hex(f[3]) };
    default: return null;
  }
}

/** Decodes the payloads of one block in one core call. */
export function decodePayloads(payloads: Uint8Array[], height: number, rules: RuleSet): RawPayload[] {
  return payloads.length ? decodePayloadsCore(payloads, payloadFeatures(rules, height)) : [];
}

/** decodePayloads of payloads as hex strings (even length, lowercase 0-9a-f: the caller checks). */
export function decodeHexPayloads(hexes: readonly string[], height: number, rules: RuleSet): RawPayload[] {
  return hexes.length ? decodeHexPayloadsCore(hexes, payloadFeatures(rules, height)) : [];
}

/** Decodes one OP_RETURN push ("id" + opcode + payload) at `height`; null when it is not an operation. */
export function parsePayload(nulldata: Uint8Array, height: number, rules: RuleSet): PayloadFields | null {
  return payloadFields(decodePayloads([nulldata], height, rules)[0]);
}
