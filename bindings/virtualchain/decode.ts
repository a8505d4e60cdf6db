/**
 * @module virtualchain/decode — from a candidate transaction (OP_RETURN push, senders, outputs) to a
 * decoded operation, or a skip reason (protocol.md §3-5; statemachine-replay.md §1 for the legacy
 * output conventions). Decoding never reads state; the rules in rules/ do.
 */
import { b40Bytes, concat, fromHex, hash160, isP2shScript, scriptToAddress, toHex, ascii, base58checkDecode } from './codec.ts';
import { checkName, checkNamespaceId } from './names.ts';
import { BURN_SCRIPT, hasFeature, type RuleSet } from './networks.ts';
import type { DecodedOp, OpBase, Opcode, TxInput } from './types.ts';

export const OPCODES = '?~:+>;*&!#$';
export type DecodeResult = { ok: true; op: DecodedOp } | { ok: false; reason: string };

const fail = (reason: string): DecodeResult => ({ ok: false, reason });
const isNulldata = (s: string): boolean => s.startsWith('6a');
const isStdScript = (s: string): boolean =>
  isNulldata(s) || (s.length === 50 && s.startsWith('76a914') && s.endsWith('88ac')) || isP2shScript(s);
const HEX_RE = /^([0-9a-f][0-9a-f])*$/;

function latin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

export function decodeTx(tx: TxInput, height: number, rules: RuleSet): DecodeResult {
  const dataHex = (tx.op_return_hex ?? '').toLowerCase();
  if (!HEX_RE.test(dataHex)) return fail('bad-op-return-hex');
  const data = fromHex(dataHex);
  if (data.length < 3 || data[0] !== 0x69 || data[1] !== 0x64) return fail('no-magic');
  const opcode = String.fromCharCode(data[2]) as Opcode;
  if (!OPCODES.includes(opcode)) return fail('unknown-opcode');
  const payload = data.subarray(3);

  const senders = tx.senders ?? [];
  if (senders.length === 0) return fail('no-sender');
  for (const s of senders) {
    if ((s.script_type !== 'pubkeyhash' && s.script_type !== 'scripthash') || !s.addresses || s.addresses.length !== 1) {
      return fail('bad-sender-type');
    }
  }
  const outs = (tx.outputs ?? []).map((o) => ({ script: String(o.script_pubkey).toLowerCase(), value: o.value }));
  const s0 = senders[0];
  const base: OpBase = {
    opcode, txid: tx.txid, vtxindex: tx.vtxindex, sender: s0.script_pubkey.toLowerCase(), address: s0.addresses[0],
    senderType: s0.script_type, senderPubkey: s0.script_type === 'pubkeyhash' ? (tx.sender_pubkey ?? null) : null,
    opFee: null, burnScript: null, recipient: null, recipientAddress: null,
  };
  const legacy = rules.flavour === 'legacy';
  const checkOuts = (k: number): boolean => outs.length >= k && outs.slice(0, k).every((o) => isStdScript(o.script));
  const setRecipient = (script: string | undefined): boolean => {
    if (script === undefined) return false;
    const a = scriptToAddress(script, rules.network);
    if (!a) return false;
    base.recipient = script; base.recipientAddress = a;
    return true;
  };
  const nonNull = outs.filter((o) => !isNulldata(o.script));
  if (legacy) {
    const burn = nonNull.find((o) => o.script === BURN_SCRIPT);
    base.opFee = burn ? burn.value : null;
    base.burnScript = burn ? BURN_SCRIPT : null;
  }

  switch (opcode) {
    case '?': case '*': {
      if (payload.length !== 36) return fail('bad-length');
      if (!legacy) {
        if (opcode === '?' ? outs.length !== 3 || !checkOuts(3) : !checkOuts(3)) return fail('bad-outputs');
        base.opFee = outs[2].value;
        base.burnScript = outs[2].script;
      }
      return { ok: true, op: { ...base, opcode, preorderHash: toHex(payload.subarray(0, 20)), consensusHash: toHex(payload.subarray(20, 36)) } };
    }
    case ':': {
      let name = latin(payload);
      let valueHash: string | null = null;
      if (!legacy && hasFeature(rules, height, 'OP_REGISTER_UPDATE') && payload.length >= 57) {
        if (payload.length !== 57) return fail('bad-length');
        name = latin(payload.subarray(0, 37)).replace(/\0+$/, '');
        valueHash = toHex(payload.subarray(37, 57));
      }
      if (!checkName(name)) return fail('bad-name');
      let renewal: boolean | null = null;
      if (legacy) {
        if (!setRecipient(nonNull[0]?.script)) return fail('no-recipient');
      } else {
        if (!checkOuts(2) || !setRecipient(outs[1].script)) return fail('bad-outputs');
        renewal = outs.length >= 4;
        if (renewal) { base.opFee = outs[3].value; base.burnScript = outs[3].script; }
      }
      return { ok: true, op: { ...base, opcode, name, valueHash, renewal } };
    }
    case '+':
      if (payload.length !== 36) return fail('bad-length');
      return { ok: true, op: { ...base, opcode, nameConsensusHash: toHex(payload.subarray(0, 16)), valueHash: toHex(payload.subarray(16, 36)) } };
    case '>': {
      if (payload.length !== 33) return fail('bad-length');
      const d = payload[0];
      if (d !== 0x3e && d !== 0x7e) return fail('bad-disposition');
      if (legacy ? !setRecipient(nonNull[0]?.script) : !checkOuts(2) || !setRecipient(outs[1].script)) return fail('no-recipient');
      return { ok: true, op: { ...base, opcode, keepData: d === 0x3e, nameHash128: toHex(payload.subarray(1, 17)), consensusHash: toHex(payload.subarray(17, 33)) } };
    }
    case '~': {
      const name = latin(payload);
      if (!checkName(name)) return fail('bad-name');
      return { ok: true, op: { ...base, opcode, name } };
    }
    case ';': {
      const name = latin(payload);
      if (!checkName(name)) return fail('bad-name');
      let vh: string | undefined;
      if (legacy) {
        if (!setRecipient(nonNull[0]?.script)) return fail('no-recipient');
        vh = nonNull.find((o) => o.script !== base.recipient)?.script;
      } else {
        if (!checkOuts(3) || !setRecipient(outs[1].script)) return fail('bad-outputs');
        vh = outs[2].script;
      }
      const vaddr = vh === undefined ? null : scriptToAddress(vh, rules.network);
      if (!vaddr) return fail('no-value-hash');
      return { ok: true, op: { ...base, opcode, name, valueHash: toHex(base58checkDecode(vaddr).hash) } };
    }
    case '&': {
      if (payload.length < 18) return fail('bad-length');
      const namespaceId = latin(payload.subarray(17));
      if (!checkNamespaceId(namespaceId)) return fail('bad-namespace-id');
      const dv = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      const buckets: number[] = [];
      for (let i = 0; i < 8; i++) buckets.push(payload[6 + i] >> 4, payload[6 + i] & 15);
      const nonalphaDiscount = payload[14] >> 4;
      const noVowelDiscount = payload[14] & 15;
      const version = dv.getUint16(15);
      if (nonalphaDiscount === 0 || noVowelDiscount === 0) return fail('bad-discount');
      if (version < 1 || version > 3) return fail('bad-version');
      if (outs.length !== 3 || (!legacy && !checkOuts(2)) || !setRecipient(outs[1].script)) return fail('bad-outputs');
      const preorderHash = toHex(hash160(concat(b40Bytes(namespaceId), fromHex(base.sender), ascii(base.recipientAddress!))));
      return { ok: true, op: { ...base, opcode, namespaceId, preorderHash, version, lifetime: dv.getUint32(0),
        coeff: payload[4], base: payload[5], buckets, nonalphaDiscount, noVowelDiscount } };
    }
    case '!': {
      const s = latin(payload);
      if (s[0] !== '.' || !checkNamespaceId(s.slice(1))) return fail('bad-namespace-id');
      return { ok: true, op: { ...base, opcode, namespaceId: s.slice(1) } };
    }
    case '#':
      if (payload.length !== 20) return fail('bad-length');
      return { ok: true, op: { ...base, opcode, messageHash: toHex(payload) } };
    default:
      return fail('unsupported-opcode');
  }
}
