/**
 * @module virtualchain/rules/history — appends a name's history entry and implements the transfer
 * consensus-hash quirk (protocol.md §6.9, consensus.md §2.4).
 */
import type { NameRecord, Opcode } from '../types.ts';
import type { BlockCtx } from './context.ts';

export function recordHistory(ctx: BlockCtx, rec: NameRecord, opcode: Opcode, consensusHash: string | null): void {
  ctx.st.appendHistory(rec.name, { block: ctx.height, vtxindex: rec.vtxindex, txid: rec.txid, op: rec.op, opcode, consensusHash, record: rec });
}

/**
 * Scan the name's history newest first: a registration or import ⇒ the transfer's own hash; an update ⇒
 * that update's hash; renewals and transfers are skipped; history exhausted ⇒ own hash.
 */
export function transferConsensusHash(ctx: BlockCtx, name: string, own: string): string {
  const h = ctx.st.history.get(name) ?? [];
  for (let i = h.length - 1; i >= 0; i--) {
    const e = h[i];
    if (e.op === ':' || e.op === ';') return own;
    if (e.op === '+') return e.consensusHash ?? own;
  }
  return own;
}
