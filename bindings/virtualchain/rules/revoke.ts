/**
 * @module virtualchain/rules/revoke — NAME_REVOKE `~` (protocol.md §6.10).
 */
import { serializeRevoke } from '../records.ts';
import type { DecodedOp } from '../types.ts';
import { copyName, inGracePeriod, isLive, isReady, reject, type BlockCtx, type Outcome } from './context.ts';
import { recordHistory } from './history.ts';

export function checkRevoke(ctx: BlockCtx, op: Extract<DecodedOp, { opcode: '~' }>): Outcome {
  const { st } = ctx;
  const old = st.names.get(op.name);
  if (!old || !isLive(ctx, old, ctx.lastBlock)) return reject('name-not-found');
  if (!isReady(st.namespaces.get(old.namespaceId))) return reject('namespace-not-ready');
  if (old.revoked) return reject('name-revoked');
  if (!isLive(ctx, old, ctx.height)) return reject('name-expired');
  if (inGracePeriod(ctx, old, ctx.height)) return reject('grace-period');
  if (old.sender !== op.sender) return reject('not-owner');
  const rec = copyName(old);
  rec.revoked = true; rec.valueHash = null; rec.op = '~'; rec.txid = op.txid; rec.vtxindex = op.vtxindex;
  rec.sender = op.sender; rec.address = op.address;
  return {
    ok: true, op: '~', record: () => serializeRevoke(rec),
    commit: () => { st.putName(rec); recordHistory(ctx, rec, '~', null); },
  };
}
