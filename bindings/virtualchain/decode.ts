/**
 * @module virtualchain/decode — from candidate transactions (OP_RETURN push, senders, outputs) to
 * decoded operations or skip reasons (protocol.md §3-5; statemachine-replay.md §1 for the legacy output
 * conventions). The payloads of a block are decoded by the core in one call; this module adds the
 * sender, recipient, burn and value-hash outputs. Decoding never reads state; the rules in rules/ do.
 */
import { CORE_CODES } from '../core/errors.ts';
import { ascii, b40Bytes, base58checkDecode, concat, fromHex, hash160, isP2shScript, scriptToAddress, toHex } from './codec.ts';
import type { RawPayload } from './core-calls.ts';
import { BURN_SCRIPT, type RuleSet } from './networks.ts';
import { decodeHexPayloads, latin1 } from './payload.ts';
import type { DecodedOp, OpBase, Opcode, TxInput } from './types.ts';

export type DecodeResult = { ok: true; op: DecodedOp } | { ok: false; reason: string };

const fail = (reason: string): DecodeResult => ({ ok: false, reason });
const isNulldata = (s: string): boolean => s.startsWith('6a');
const isStdScript = (s: string): boolean =>
  isNulldata(s) || (s.length === 50 && s.startsWith('76a914') && s.endsWith('88ac')) || isP2shScript(s);
const HEX_RE = /^([0-9a-f][0-9a-f])*$/;

/** Decodes every candidate of a block (payloads in one core call). */
export function decodeBlock(txs: TxInput[], height: number, rules: RuleSet): DecodeResult[] {
  const payloads = txs.map((tx) => {
    const h = typeof tx.op_return_hex === 'string' ? tx.op_return_hex.toLowerCase() : '';
    return HEX_RE.test(h) && h.length <= 2 * 83 ? h : '';
  });
  const raws = decodeHexPayloads(payloads, height, rules);
  return txs.map((tx, i) => decodeWith(tx, raws[i], height, rules));
}

export const decodeTx = (tx: TxInput, height: number, rules: RuleSet): DecodeResult => decodeBlock([tx], height, rules)[0];

function decodeWith(tx: TxInput, raw: RawPayload, height: number, rules: RuleSet): DecodeResult {
  if (raw.status <= 0 || !raw.opcode) return fail(CORE_CODES[raw.status] ?? 'E_VC_NO_MAGIC');
  const opcode = raw.opcode as Opcode;
  const f = raw.fields;
  const senders = Array.isArray(tx.senders) ? tx.senders : [];
  if (senders.length === 0) return fail('no-sender');
  for (const s of senders) {
    if (!s || (s.script_type !== 'pubkeyhash' && s.script_type !== 'scripthash') || !Array.isArray(s.addresses)
      || s.addresses.length !== 1 || typeof s.script_pubkey !== 'string' || !HEX_RE.test(s.script_pubkey.toLowerCase())) {
      return fail('bad-sender-type');
    }
  }
  const rawOuts = Array.isArray(tx.outputs) ? tx.outputs : [];
  if (rawOuts.some((o) => !o || typeof o.script_pubkey !== 'string' || (typeof o.value !== 'number' && o.value !== null))) return fail('bad-outputs');
  const outs = rawOuts.map((o) => ({ script: o.script_pubkey.toLowerCase(), value: o.value ?? 0 }));
  const s0 = senders[0];
  const base: OpBase = {
    opcode, txid: String(tx.txid), vtxindex: tx.vtxindex, sender: s0.script_pubkey.toLowerCase(), address: s0.addresses[0],
    senderType: s0.script_type,
    senderPubkey: s0.script_type === 'pubkeyhash' && typeof tx.sender_pubkey === 'string' ? tx.sender_pubkey : null,
    opFee: null, burnScript: null, recipient: null, recipientAddress: null,
  };
  const legacy = rules.flavour === 'legacy';
  const checkOuts = (k: number): boolean => {
    if (outs.length < k) return false;
    for (let i = 0; i < k; i++) if (!isStdScript(outs[i].script)) return false;
    return true;
  };
  const setRecipient = (script: string | undefined): boolean => {
    const a = script === undefined ? null : scriptToAddress(script, rules.network);
    if (!a) return false;
    base.recipient = script!; base.recipientAddress = a;
    return true;
  };
  // the legacy conventions look at the outputs that are not OP_RETURN
  const nonNull = legacy ? outs.filter((o) => !isNulldata(o.script)) : outs;
  if (legacy) {
    const burn = nonNull.find((o) => o.script === BURN_SCRIPT);
    base.opFee = burn ? burn.value : null;
    base.burnScript = burn ? BURN_SCRIPT : null;
  }
  const hx = (i: number): string => toHex(f[i]!);
  // The op is `base` plus the opcode's fields, added in place (a fresh object per tx; no spread copy).
  const op = (extra: object): DecodeResult => ({ ok: true, op: Object.assign(base, extra) as DecodedOp });

  switch (opcode) {
    case '?': case '*': {
      if (f[2] !== null) return fail('tokens-unsupported');
      if (!legacy) {
        if (opcode === '?' ? outs.length !== 3 || !checkOuts(3) : !checkOuts(3)) return fail('bad-outputs');
        base.opFee = outs[2].value;
        base.burnScript = outs[2].script;
      }
      return op({ opcode, preorderHash: hx(0), consensusHash: hx(1) });
    }
    case ':': {
      const name = latin1(f[0]!);
      const valueHash = f[1] ? hx(1) : null;
      let renewal: boolean | null = null;
      if (legacy) {
        if (!setRecipient(nonNull[0]?.script)) return fail('no-recipient');
      } else {
        if (!checkOuts(2) || !setRecipient(outs[1].script)) return fail('bad-outputs');
        renewal = outs.length >= 4;
        const tokenFee = f[2] ? new DataView(f[2].buffer, f[2].byteOffset, 8).getBigUint64(0) : null;
        if (renewal ? tokenFee !== 0n : tokenFee !== null && tokenFee !== 0n) return fail('tokens-unsupported');
        if (renewal) { base.opFee = outs[3].value; base.burnScript = outs[3].script; }
      }
      return op({ opcode, name, valueHash, renewal });
    }
    case '+':
      return op({ opcode, nameConsensusHash: hx(0), valueHash: hx(1) });
    case '>':
      if (legacy ? !setRecipient(nonNull[0]?.script) : !checkOuts(2) || !setRecipient(outs[1].script)) return fail('no-recipient');
      return op({ opcode, keepData: f[0]![0] === 0x3e, nameHash128: hx(1), consensusHash: hx(2) });
    case '~':
      return op({ opcode, name: latin1(f[0]!) });
    case ';': {
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
      return op({ opcode, name: latin1(f[0]!), valueHash: toHex(base58checkDecode(vaddr).hash) });
    }
    case '&': {
      if (outs.length !== 3 || (!legacy && !checkOuts(2)) || !setRecipient(outs[1].script)) return fail('bad-outputs');
      const namespaceId = latin1(f[6]!);
      const buckets: number[] = [];
      for (let i = 0; i < 8; i++) buckets.push(f[3]![i] >> 4, f[3]![i] & 15);
      const preorderHash = toHex(hash160(concat(b40Bytes(namespaceId), fromHex(base.sender), ascii(base.recipientAddress!))));
      return op({ opcode, namespaceId, preorderHash, version: (f[5]![0] << 8) | f[5]![1],
        lifetime: new DataView(f[0]!.buffer, f[0]!.byteOffset, 4).getUint32(0), coeff: f[1]![0], base: f[2]![0], buckets,
        nonalphaDiscount: f[4]![0] >> 4, noVowelDiscount: f[4]![0] & 15 });
    }
    case '!':
      return op({ opcode, namespaceId: latin1(f[0]!) });
    case '#':
      return op({ opcode, messageHash: hx(0) });
    default:
      return fail('unsupported-opcode');
  }
}
