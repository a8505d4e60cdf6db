/**
 * @module virtualchain/rules/update — NAME_UPDATE `+` (protocol.md §6.8): the name is recovered from
 * hash128(name + recent consensus hash) over the sender's names.
 */
import { hash128Hex } from '../codec.ts';
import { NAMESPACE_LIFE_INFINITE } from '../networks.ts';
import { serializeUpdate } from '../records.ts';
import type { DecodedOp } from '../types.ts';
import {
  copyName, inGracePeriod, isLive, isReady, namesOwned, recentConsensusHashes, reject, type BlockCtx, type Outcome,
} from './context.ts';
import { recordHistory } from './history.ts';

type UpdateOp = Extract<DecodedOp, { opcode: '+' }>;

export function checkUpdate(ctx: BlockCtx, op: UpdateOp): Outcome {
  const { st, rules } = ctx;
  const q013 = rules.quirks.update013 === true;
  const owned = namesOwned(ctx, op.sender);
  if (owned.length > rules.maxNamesPerSender) return reject('sender-quota');
  if (q013) owned.push(...ownedRevoked(ctx, op.sender));
  let name: string | null = null;
  let ch = '';
  const hashes = recentConsensusHashes(ctx);
  outer: for (const n of owned) {
    for (const c of hashes) {
      if (hash128Hex(n + c) === op.nameConsensusHash) { name = n; ch = c; break outer; }
    }
  }
  if (name === null) return reject('name-not-found');
  const old = st.names.get(name);
  if (!old || !isLive(ctx, old, ctx.lastBlock)) return reject('name-expired');
  const ns = st.namespaces.get(old.namespaceId);
  if (!isReady(ns)) return reject('namespace-not-ready');
  if (old.revoked && (!q013 || isLive(ctx, old, ctx.height))) return reject('name-revoked');
  if (ns.lifetime !== NAMESPACE_LIFE_INFINITE && inGracePeriod(ctx, old, ctx.height)) return reject('grace-period');
  if (old.sender !== op.sender) return reject('not-owner');
  const rec = copyName(old);
  rec.valueHash = op.valueHash; rec.consensusHash = ch; rec.revoked = q013 ? false : old.revoked; rec.op = '+'; rec.txid = op.txid; rec.vtxindex = op.vtxindex;
  return {
    ok: true, op: '+',
    record: () => serializeUpdate(rec, rules.fieldNames, op.nameConsensusHash, ch),
    commit: () => { st.putName(rec); recordHistory(ctx, rec, '+', ch); },
  };
}

/** Revoked names of `script` still live at lastblock (release 0.13 update quirk). */
function ownedRevoked(ctx: BlockCtx, script: string): string[] {
  const out: string[] = [];
  for (const name of ctx.st.byOwner.get(script) ?? []) {
    const rec = ctx.st.names.get(name)!;
    if (rec.revoked && isLive(ctx, rec, ctx.lastBlock)) out.push(name);
  }
  return out;
}
