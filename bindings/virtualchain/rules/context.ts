/**
 * @module virtualchain/rules/context — what every rule sees: the state, the rule set, the block being
 * processed, and the liveness / ownership / consensus-window helpers of protocol.md §6.3.
 */
import type { SerializedOp } from '../consensus.ts';
import { epochAt, hasFeature, NAMESPACE_LIFE_INFINITE, type Feature, type RuleSet } from '../networks.ts';
import { namespaceOf } from '../names.ts';
import type { NameState } from '../state.ts';
import type { DecodedOp, NameRecord, NamespaceRecord } from '../types.ts';

export interface BlockCtx {
  st: NameState;
  rules: RuleSet;
  /** Block being processed (N). */
  height: number;
  /** N − 1. */
  lastBlock: number;
  /** Registrations/imports accepted earlier in this block, counted per recipient script. */
  regsTo: Map<string, number>;
  /** Cache of recentConsensusHashes (consensus hashes of earlier blocks never change within a block). */
  recent?: string[];
}

export type Reject = { ok: false; reason: string };
export type Plan = { ok: true; op: string; record: () => SerializedOp; commit: () => void; key?: string };
export type Outcome = Reject | Plan;
export type Rule<O extends DecodedOp = DecodedOp> = (ctx: BlockCtx, op: O) => Outcome;

export const reject = (reason: string): Reject => ({ ok: false, reason });

/**
 * A fresh copy of a name record for a rule to change before it is stored (records are immutable once stored).
 * Listed field by field in the records' one key order: a spread with overrides is ~30× slower in V8.
 */
export function copyName(o: NameRecord): NameRecord {
  return {
    name: o.name, namespaceId: o.namespaceId, valueHash: o.valueHash, sender: o.sender, address: o.address, senderPubkey: o.senderPubkey,
    blockNumber: o.blockNumber, preorderBlockNumber: o.preorderBlockNumber, preorderHash: o.preorderHash, firstRegistered: o.firstRegistered,
    lastRenewed: o.lastRenewed, revoked: o.revoked, op: o.op, txid: o.txid, vtxindex: o.vtxindex, opFee: o.opFee, importer: o.importer,
    importerAddress: o.importerAddress, consensusHash: o.consensusHash, lastCreationOp: o.lastCreationOp,
  };
}

export const feature = (ctx: BlockCtx, f: Feature, h = ctx.height): boolean => hasFeature(ctx.rules, h, f);

export function getNamespace(ctx: BlockCtx, id: string): NamespaceRecord | undefined {
  return ctx.st.namespaces.get(id);
}

/** Namespace revealed, not ready, and its reveal not expired at h. */
export function isRevealed(ctx: BlockCtx, ns: NamespaceRecord | undefined, h: number): boolean {
  if (!ns || ns.op !== '&' || ns.revealBlock > h) return false;
  // 0.13 keeps reveals in a dict and drops one in the final commit of block `block_number + EXPIRE`, where
  // block_number is the namespace PREORDER's block (namedb.py NameDB.commit_namespace_reveal sets it from the
  // preorder; commit_namespace_reveal_expire_all compares with ==). 0.14+ asks the table for
  // reveal_block <= h < reveal_block + EXPIRE (db.py namedb_get_namespace_reveal).
  if (ctx.rules.quirks.update013 === true) return h <= ns.blockNumber + ctx.rules.namespaceRevealExpire;
  return h < ns.revealBlock + ctx.rules.namespaceRevealExpire;
}

export const isReady = (ns: NamespaceRecord | undefined): ns is NamespaceRecord => !!ns && ns.op === '!';

function lifetimeSpan(ctx: BlockCtx, ns: NamespaceRecord, h: number): number {
  if (ns.lifetime === NAMESPACE_LIFE_INFINITE) return Number.MAX_SAFE_INTEGER / 4;
  const e = epochAt(ctx.rules, h);
  return ns.lifetime * e.lifetimeMultiplier;
}

/** Name liveness at h (protocol.md §6.3). */
export function isLive(ctx: BlockCtx, rec: NameRecord | undefined, h: number): boolean {
  // 0.14+ (db.py namedb_select_where_unexpired_names) asks first_registered <= h: a name registered or imported in
  // block N is not visible to the checks of N's later ops (they ask at lastblock = N − 1). 0.13 keeps names in a
  // dict with no such test (namedb.py NameDB.is_name_expired / is_name_registered / owner_names, filled by
  // commit_registration / commit_name_import at once): the later ops of the same block see it.
  if (!rec || (rec.firstRegistered > h && !(ctx.rules.quirks.update013 === true && rec.firstRegistered === ctx.height))) return false;
  const ns = ctx.st.namespaces.get(rec.namespaceId);
  if (!ns) return false;
  if (ns.op === '!') {
    const span = lifetimeSpan(ctx, ns, h) + epochAt(ctx.rules, h).gracePeriod;
    // 0.13 namedb.py NameDB.is_name_expired: expired iff max(ready_block, last_renewed) + lifetime < h, so a name
    // last renewed before the ready block (an import never renewed) still lives AT ready_block + lifetime. 0.14+
    // (db.py namedb_select_where_unexpired_names) asks ready_block + lifetime > h: dead one block earlier.
    if (ctx.rules.quirks.update013 === true) return Math.max(ns.readyBlock, rec.lastRenewed) + span >= h;
    return ns.readyBlock + span > h || rec.lastRenewed + span >= h;
  }
  // 0.13: names imported under a reveal that expired were dropped from every index with it
  // (commit_namespace_reveal_expire_all → commit_name_expire); a later reveal does not bring them back.
  // A re-import under the new reveal puts the name back (commit_name_import re-adds it to owner_names), keeping its
  // old first_registered: what counts is the block of its latest import.
  if (ctx.rules.quirks.update013 === true && lastImportBlock(ctx, rec, h) < ns.revealBlock) return false;
  return isRevealed(ctx, ns, h);
}

/** Block of the newest history entry of the name at or before h (its latest import while the namespace is revealed). */
function lastImportBlock(ctx: BlockCtx, rec: NameRecord, h: number): number {
  const hist = ctx.st.history.get(rec.name) ?? [];
  for (let i = hist.length - 1; i >= 0; i--) if (hist[i].block <= h) return hist[i].block;
  return rec.firstRegistered;
}

/** In the renewal grace period at h: live, ready, expire_block ≤ h < renewal deadline. */
export function inGracePeriod(ctx: BlockCtx, rec: NameRecord, h: number): boolean {
  const ns = ctx.st.namespaces.get(rec.namespaceId);
  if (!isReady(ns) || !isLive(ctx, rec, h)) return false;
  const g = epochAt(ctx.rules, h).gracePeriod;
  if (g === 0) return false;
  const expire = Math.max(ns.readyBlock, rec.lastRenewed) + lifetimeSpan(ctx, ns, h);
  return expire <= h && h < expire + g;
}

export function isRegistered(ctx: BlockCtx, name: string, h = ctx.lastBlock): boolean {
  const rec = ctx.st.names.get(name);
  return !!rec && !rec.revoked && isLive(ctx, rec, h);
}

/** Live, non-revoked names owned by `script` at h. */
export function namesOwned(ctx: BlockCtx, script: string, h = ctx.lastBlock): string[] {
  const set = ctx.st.byOwner.get(script);
  if (!set) return [];
  const out: string[] = [];
  for (const name of set) {
    const rec = ctx.st.names.get(name)!;
    if (!rec.revoked && isLive(ctx, rec, h)) out.push(name);
  }
  return out;
}

/** How many names namesOwned would list (no array). */
export function countNamesOwned(ctx: BlockCtx, script: string, h = ctx.lastBlock): number {
  const set = ctx.st.byOwner.get(script);
  if (!set) return 0;
  let n = 0;
  for (const name of set) {
    const rec = ctx.st.names.get(name)!;
    if (!rec.revoked && isLive(ctx, rec, h)) n++;
  }
  return n;
}

/** Consensus hashes of blocks N−1 … N−window, newest first (seeded genesis hashes included); cached per block. */
export function recentConsensusHashes(ctx: BlockCtx): string[] {
  if (ctx.recent) return ctx.recent;
  const out = new Set<string>();
  for (let h = ctx.height - 1; h >= ctx.height - ctx.rules.consensusHashWindow; h--) {
    const c = ctx.st.consensus.get(h);
    if (c) out.add(c);
  }
  return (ctx.recent = [...out]);
}

export const isConsensusHashValid = (ctx: BlockCtx, ch: string): boolean => recentConsensusHashes(ctx).includes(ch);

/** The block whose consensus hash is ch, newest first within the window; undefined if none. */
export function consensusHashBlock(ctx: BlockCtx, ch: string): number | undefined {
  for (let h = ctx.height - 1; h >= ctx.height - ctx.rules.consensusHashWindow; h--) if (ctx.st.consensus.get(h) === ch) return h;
  return undefined;
}

export const namespaceOfName = namespaceOf;
