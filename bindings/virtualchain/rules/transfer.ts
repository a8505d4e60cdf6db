/**
 * @module virtualchain/rules/transfer — NAME_TRANSFER `>` (protocol.md §6.9), ops `>>` / `>~`.
 */
import { isP2shScript } from '../codec.ts';
import { serializeTransfer } from '../records.ts';
import type { DecodedOp } from '../types.ts';
import {
  copyName, feature, inGracePeriod, isConsensusHashValid, isLive, isReady, countNamesOwned, reject, type BlockCtx, type Outcome,
} from './context.ts';
import { recordHistory, transferConsensusHash } from './history.ts';

type TransferOp = Extract<DecodedOp, { opcode: '>' }>;

export function checkTransfer(ctx: BlockCtx, op: TransferOp): Outcome {
  const { st, rules } = ctx;
  const name = st.byHash128.get(op.nameHash128);
  const old = name === undefined ? undefined : st.names.get(name);
  if (!old || old.revoked || !isLive(ctx, old, ctx.lastBlock)) return reject('name-not-found');
  if (!isReady(st.namespaces.get(old.namespaceId))) return reject('namespace-not-ready');
  if (inGracePeriod(ctx, old, ctx.height)) return reject('grace-period');
  if (!isConsensusHashValid(ctx, op.consensusHash)) return reject('stale-consensus-hash');
  if (op.sender === op.recipient) return reject('self-transfer');
  if (old.sender !== op.sender) return reject('not-owner');
  if (old.sender === op.recipient) return reject('recipient-owns-name');
  if (countNamesOwned(ctx, op.recipient!) >= rules.maxNamesPerSender) return reject('recipient-quota');
  if (isP2shScript(op.sender) && !feature(ctx, 'MULTISIG')) return reject('p2sh-sender');
  const ch = transferConsensusHash(ctx, old.name, op.consensusHash);
  const rec = copyName(old);
  rec.sender = op.recipient!; rec.address = op.recipientAddress!; rec.senderPubkey = null;
  rec.valueHash = op.keepData ? old.valueHash : null; rec.op = op.keepData ? '>>' : '>~'; rec.txid = op.txid; rec.vtxindex = op.vtxindex;
  return {
    ok: true, op: rec.op,
    record: () => serializeTransfer(rec, rules.fieldNames, op.nameHash128, ch, op.keepData),
    commit: () => { st.putName(rec); recordHistory(ctx, rec, '>', ch); },
  };
}
