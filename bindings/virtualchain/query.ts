/**
 * @module virtualchain/query — read API for the node, API server and resolver: a name record at a
 * height, its history, names by owner address, namespace info, prices and consensus hashes.
 */
import { base58checkDecode, toHex } from './codec.ts';
import { namePart, namespaceOf } from './names.ts';
import { epochAt, priceNamespace } from './networks.ts';
import type { NameDb } from './name-db.ts';
import { priceName } from './pricing.ts';
import { inGracePeriod, isLive, type BlockCtx } from './rules/context.ts';
import type { HistoryEntry, NameRecord, NamespaceRecord } from './types.ts';
import { serializeOp } from './consensus.ts';
import { VirtualchainError } from './errors.ts';

function ctxAt(db: NameDb, height: number): BlockCtx {
  return { st: db.state, rules: db.rules, height: height + 1, lastBlock: height, regsTo: new Map() };
}

export interface NameInfo { record: NameRecord; live: boolean; revoked: boolean; inGracePeriod: boolean; height: number }

/** The name's record as of block `height` (default: tip), or null if it did not exist then. */
export function getNameAt(db: NameDb, name: string, height = db.state.lastBlock): NameInfo | null {
  const hist = db.state.history.get(name);
  if (!hist) return null;
  let rec: NameRecord | null = null;
  for (let i = hist.length - 1; i >= 0; i--) if (hist[i].block <= height) { rec = hist[i].record; break; }
  if (!rec) return null;
  const ctx = ctxAt(db, height);
  return { record: rec, live: isLive(ctx, rec, height), revoked: rec.revoked, inGracePeriod: inGracePeriod(ctx, rec, height), height };
}

export const getNameHistory = (db: NameDb, name: string): HistoryEntry[] => [...(db.state.history.get(name) ?? [])];

/** Output script of a p2pkh / p2sh address of this network, or null. */
export function addressToScript(db: NameDb, address: string): string | null {
  try {
    const { version, hash } = base58checkDecode(address);
    if (version === db.rules.network.p2pkhVersion) return '76a914' + toHex(hash) + '88ac';
    if (version === db.rules.network.p2shVersion) return 'a914' + toHex(hash) + '87';
  } catch { /* not an address */ }
  return null;
}

/** Live, non-revoked names owned by `address` at the tip. */
export function getNamesByOwner(db: NameDb, address: string): string[] {
  const script = addressToScript(db, address);
  if (!script) return [];
  const ctx = ctxAt(db, db.state.lastBlock);
  return [...(db.state.byOwner.get(script) ?? [])].filter((n) => {
    const r = db.state.names.get(n)!;
    return !r.revoked && isLive(ctx, r, db.state.lastBlock);
  }).sort();
}

export function getNamespace(db: NameDb, id: string): Omit<NamespaceRecord, 'importKeychain'> | null {
  const ns = db.state.namespaces.get(id);
  if (!ns) return null;
  const { importKeychain: _k, ...rest } = ns;
  return rest;
}

/** Price of a name (BTC satoshi; double in float eras, bigint in integer eras) at `height`. */
export function getNamePrice(db: NameDb, fqn: string, height = db.state.lastBlock + 1): number | bigint | null {
  const ns = db.state.namespaces.get(namespaceOf(fqn));
  return ns ? priceName(namePart(fqn), ns, height, db.rules) : null;
}

export const getNamespacePrice = (db: NameDb, id: string, height = db.state.lastBlock + 1): number | null =>
  priceNamespace(db.rules, id, height);

export const getEpoch = (db: NameDb, height: number) => epochAt(db.rules, height);

export const getConsensusHash = (db: NameDb, height: number): string | null => db.state.consensus.get(height) ?? null;

type BlockOps = { ops: unknown[]; verdicts: unknown[] };

/** Accepted records and verdicts of a block (SQLite-backed or memory databases; any store: getBlockOpsAsync). */
export function getBlockOps(db: NameDb, height: number): BlockOps | null {
  const r = getBlockOpsAsync(db, height);
  if (r instanceof Promise) throw new VirtualchainError('E_VC_ASYNC_STORE', 'this store is asynchronous: use getBlockOpsAsync');
  return r;
}

export function getBlockOpsAsync(db: NameDb, height: number): BlockOps | null | Promise<BlockOps | null> {
  if (db.backend) {
    const x = db.backend.blockOps(height);
    return x instanceof Promise ? x.then((v) => v ?? null) : x ?? null;
  }
  const r = db.blocks.get(height);
  return r ? { ops: r.ops.map(serializeOp), verdicts: r.verdicts } : null;
}
