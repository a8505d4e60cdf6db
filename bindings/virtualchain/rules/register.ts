/**
 * @module virtualchain/rules/register — NAME_REGISTRATION `:` and its renewal form `::`
 * (protocol.md §6.5-6.7; statemachine-replay.md §1: in 0.13/0.14 the renewal is chosen by state).
 */
import { ascii, b40Bytes, concat, fromHex, hash160, isP2shScript, scriptToAddress, toHex } from '../codec.ts';
import { BURN_SCRIPT, epochAt } from '../networks.ts';
import { namePart, namespaceOf } from '../names.ts';
import { feeBelow, priceName } from '../pricing.ts';
import { serializeRegistration } from '../records.ts';
import type { DecodedOp, NameRecord, NamespaceRecord, PreorderRecord } from '../types.ts';
import {
  copyName, feature, isLive, isReady, isRegistered, countNamesOwned, reject, type BlockCtx, type Outcome,
} from './context.ts';
import { recordHistory } from './history.ts';

type RegOp = Extract<DecodedOp, { opcode: ':' }>;

/** NAMESPACE_RECEIVE_FEES_PERIOD: a version-2 namespace's creator receives name fees this long after the reveal. */
export const RECEIVE_FEES_PERIOD = 52595;

/**
 * Whether a name payment at height h went to the right place (protocol.md §7.4): the burn address, or for a
 * pay-to-creator (version 2) namespace within its first year the creator's address (namespace.address, the
 * reveal sender's; after READY `sender` is the revealer's, hence the address comparison).
 */
export function checkFeeScript(ctx: BlockCtx, ns: NamespaceRecord, h: number, script: string | null): boolean {
  if (ns.version === 2 && feature(ctx, 'NAMESPACE_BURN_TO_CREATOR', h) && ns.revealBlock + RECEIVE_FEES_PERIOD >= h) {
    return script !== null && scriptToAddress(script, ctx.rules.network) === ns.address;
  }
  return script === BURN_SCRIPT;
}

export function namePreorderHash(name: string, senderScript: string, registerAddress: string): string {
  return toHex(hash160(concat(b40Bytes(name), fromHex(senderScript), ascii(registerAddress))));
}

/** The op's preorder hash, computed once: a registration is checked twice per block (collision pre-scan, main pass). */
const preorderHashes = new WeakMap<RegOp, string>();
function opPreorderHash(op: RegOp): string {
  let h = preorderHashes.get(op);
  if (h === undefined) preorderHashes.set(op, (h = namePreorderHash(op.name, op.sender, op.recipientAddress!)));
  return h;
}

function findPreorder(ctx: BlockCtx, op: RegOp): PreorderRecord | null {
  const rec = ctx.st.names.get(op.name);
  if (rec && isLive(ctx, rec, ctx.lastBlock)) return null;
  const pre = ctx.st.preorders.get(opPreorderHash(op));
  if (!pre) return null;
  const ns = ctx.st.namespaces.get(namespaceOf(op.name))!;
  const M = epochAt(ctx.rules, ctx.lastBlock).lifetimeMultiplier;
  if (!(pre.blockNumber + ns.lifetime * M > ctx.lastBlock)) return null;
  return pre;
}

export function checkRegister(ctx: BlockCtx, op: RegOp): Outcome {
  const { st, rules, height: N } = ctx;
  if (!op.recipient || !op.recipientAddress) return reject('no-recipient');
  const old = st.names.get(op.name);
  if (old && old.revoked && isLive(ctx, old, ctx.lastBlock)) return reject('name-revoked');
  const ns = st.namespaces.get(namespaceOf(op.name));
  if (!isReady(ns)) return reject('namespace-not-ready');
  if (countNamesOwned(ctx, op.recipient) + (ctx.regsTo.get(op.recipient) ?? 0) >= rules.maxNamesPerSender) return reject('recipient-quota');
  if (isP2shScript(op.recipient) && !feature(ctx, 'MULTISIG')) return reject('p2sh-recipient');
  const pre = findPreorder(ctx, op);
  const renewal = rules.flavour === 'legacy' ? pre === null && isRegistered(ctx, op.name) : op.renewal === true;
  if (renewal) return checkRenewal(ctx, op, old!, ns);
  if (!pre) return reject('no-preorder');
  if (feature(ctx, 'FIX_PREORDER_EXPIRE') && pre.blockNumber + rules.namePreorderExpire < N) return reject('preorder-expired');
  if (isRegistered(ctx, op.name)) return reject('already-registered');
  if (pre.blockNumber < ns.readyBlock) return reject('preorder-before-ready');
  if (pre.sender !== op.sender) return reject('preorder-sender');
  if (!checkFeeScript(ctx, ns, N, pre.burnScript)) return reject('not-burned');
  if (feeBelow(pre.opFee, priceName(namePart(op.name), ns, pre.blockNumber, rules))) return reject('fee-too-low');
  const rec: NameRecord = {
    name: op.name, namespaceId: ns.namespaceId, valueHash: op.valueHash, sender: op.recipient, address: op.recipientAddress,
    senderPubkey: op.senderPubkey, blockNumber: old ? old.blockNumber : pre.blockNumber, preorderBlockNumber: pre.blockNumber,
    preorderHash: pre.preorderHash, firstRegistered: N, lastRenewed: N, revoked: false, op: ':', txid: op.txid,
    vtxindex: op.vtxindex, opFee: pre.opFee, importer: null, importerAddress: null, consensusHash: null, lastCreationOp: '?',
  };
  return {
    ok: true, op: ':', key: 'name:' + op.name,
    record: () => serializeRegistration(rec, rules.fieldNames, ':'),
    commit: () => {
      st.put('pre', pre.preorderHash, null);
      st.putName(rec);
      recordHistory(ctx, rec, ':', null);
      // 0.14+ quotas count this block's earlier registrations apart (register.py get_num_names_owned over
      // checked_ops: the name is not visible until N + 1); in 0.13 the name is in owner_names at once and is
      // already counted by namesOwned
      if (rules.quirks.update013 !== true) ctx.regsTo.set(rec.sender, (ctx.regsTo.get(rec.sender) ?? 0) + 1);
    },
  };
}

function checkRenewal(ctx: BlockCtx, op: RegOp, old: NameRecord, ns: NonNullable<ReturnType<typeof ctx.st.namespaces.get>>): Outcome {
  const { rules, height: N } = ctx;
  const canTransfer = feature(ctx, 'OP_RENEW_TRANSFER_UPDATE');
  if (!canTransfer && (op.recipient !== op.sender || op.recipientAddress !== op.address)) return reject('renewal-recipient');
  if (!isRegistered(ctx, op.name)) return reject('not-registered');
  if (!canTransfer && old.sender !== op.recipient) return reject('renewal-recipient-not-owner');
  if (old.sender !== op.sender) return reject('not-owner');
  if (op.opFee === null) return reject('no-burn-output');
  if (!checkFeeScript(ctx, ns, N, op.burnScript)) return reject('not-burned');
  if (feeBelow(op.opFee, priceName(namePart(op.name), ns, N, rules))) return reject('fee-too-low');
  // op_fee: 0.14+ register.py RENEWAL_MUTATE_FIELDS writes the renewal's burn into the record; 0.13 namedb.py
  // NameDB.commit_renewal changes only last_renewed/txid/vtxindex/op, so the record (and the serialized renewal,
  // nameop.update(record)) keeps the fee of the registration or import that created it.
  const rec = copyName(old);
  rec.sender = op.recipient!; rec.address = op.recipientAddress!; rec.lastRenewed = N; rec.revoked = false; rec.op = '::';
  rec.txid = op.txid; rec.vtxindex = op.vtxindex; rec.opFee = rules.quirks.update013 === true ? old.opFee : op.opFee; rec.valueHash = op.valueHash ?? old.valueHash;
  return {
    ok: true, op: '::', key: 'name:' + op.name,
    record: () => serializeRegistration(rec, rules.fieldNames, ':'),
    commit: () => { ctx.st.putName(rec); recordHistory(ctx, rec, ':', null); },
  };
}
