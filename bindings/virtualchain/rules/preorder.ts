/**
 * @module virtualchain/rules/preorder — NAME_PREORDER `?` and NAMESPACE_PREORDER `*`
 * (protocol.md §6.4, §6.12). Same-block duplicates collide in apply-block.
 */
import { BURN_SCRIPT } from '../networks.ts';
import { serializeNamespacePreorder, serializePreorder } from '../records.ts';
import type { DecodedOp, PreorderRecord } from '../types.ts';
import { isConsensusHashValid, countNamesOwned, reject, type BlockCtx, type Outcome } from './context.ts';

type PreorderOp = Extract<DecodedOp, { opcode: '?' | '*' }>;

function preorderRecord(ctx: BlockCtx, op: PreorderOp): PreorderRecord {
  return { preorderHash: op.preorderHash, consensusHash: op.consensusHash, sender: op.sender, senderPubkey: op.senderPubkey,
    address: op.address, blockNumber: ctx.height, txid: op.txid, vtxindex: op.vtxindex, opFee: op.opFee ?? 0,
    burnScript: op.burnScript };
}

export function checkNamePreorder(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: '?' }>): Outcome {
  if (ctx.st.preorders.has(op.preorderHash)) return reject('preorder-outstanding');
  if (!isConsensusHashValid(ctx, op.consensusHash)) return reject('stale-consensus-hash');
  const pending = ctx.regsTo.get(op.sender) ?? 0;
  if (countNamesOwned(ctx, op.sender) + pending >= ctx.rules.maxNamesPerSender) return reject('sender-quota');
  if (op.opFee === null) return reject('no-burn-output');
  const rec = preorderRecord(ctx, op);
  return { ok: true, op: '?', key: 'pre:' + op.preorderHash, record: () => serializePreorder(rec, ctx.rules.fieldNames),
    commit: () => ctx.st.put('pre', rec.preorderHash, rec) };
}

export function checkNamespacePreorder(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: '*' }>): Outcome {
  const old = ctx.st.nsPreorders.get(op.preorderHash);
  if (old) return reject('preorder-outstanding');
  for (const ns of ctx.st.namespaces.values()) {
    if (ns.preorderHash === op.preorderHash && (ns.op === '!' || ns.revealBlock + ctx.rules.namespaceRevealExpire > ctx.lastBlock)) {
      return reject('preorder-outstanding');
    }
  }
  if (!isConsensusHashValid(ctx, op.consensusHash)) return reject('stale-consensus-hash');
  if (op.opFee === null) return reject('no-burn-output');
  if (op.burnScript !== BURN_SCRIPT) return reject('not-burned');
  const rec = preorderRecord(ctx, op);
  return { ok: true, op: '*', key: 'nspre:' + op.preorderHash, record: () => serializeNamespacePreorder(rec, ctx.rules.fieldNames),
    commit: () => ctx.st.put('nspre', rec.preorderHash, rec) };
}
