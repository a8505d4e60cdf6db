/**
 * @module node/view — the API's NameView over the virtualchain name DB and the zone-file store:
 * derives expiry / grace / status per protocol.md §6.3, the v1 history and namespace JSON, prices.
 */
import type { HistoryEntryJson, NameInfo, NameView, NodeInfo, SubdomainView } from '../api/view.ts';
import { lookupSubdomain, recordView } from '../routing/subdomains/api-shapes.ts';
import type { NodeAtlas } from './atlas.ts';
import type { ZoneFileStore } from '../routing/store/zonefile-store.ts';
import {
  epochAt, getConsensusHash, getNameAt, getNamePrice, getNamesByOwner, getNamespacePrice, type HistoryEntry, type NameDb, type NamespaceRecord, type NameRecord,
} from '../virtualchain/index.ts';
import { hash128 } from '../chain/nameops.ts';
import { ascii, toHex } from '../chain/bytes.ts';

const OPCODE_NAMES: Record<string, string> = {
  '?': 'NAME_PREORDER', ':': 'NAME_REGISTRATION', '::': 'NAME_RENEWAL', '+': 'NAME_UPDATE', '>>': 'NAME_TRANSFER', '>~': 'NAME_TRANSFER',
  '>': 'NAME_TRANSFER', '~': 'NAME_REVOKE', ';': 'NAME_IMPORT', '*': 'NAMESPACE_PREORDER', '&': 'NAMESPACE_REVEAL', '!': 'NAMESPACE_READY',
};
const INFINITE = 0xffffffff;

export interface ViewDeps { db: NameDb; zonefiles: ZoneFileStore; atlas?: NodeAtlas | null; lastSeen: () => number; indexing: () => boolean; testnet: boolean; serverVersion?: string }

export class DbView implements NameView {
  private sortedNames: string[] | null = null;
  private consensusIndex: Map<string, number> | null = null;
  /** Name lookups per block (the API's hot path): cleared by invalidate() on every block / rollback. */
  private nameCache = new Map<string, NameInfo | null>();
  readonly subdomains?: SubdomainView;
  constructor(readonly deps: ViewDeps) {
    const subs = deps.atlas?.subs;
    if (subs) {
      this.subdomains = {
        lookup: (fqn) => lookupSubdomain(subs, fqn),
        recordsByTxid: (txid) => subs.recordsByTxid(txid).map(recordView),
        list: (page) => subs.list(page),
        count: () => subs.count(),
        namesOfDomain: (domain) => subs.namesOfDomain(domain),
      };
    }
  }

  /** Call after each indexed block or rollback (drops derived caches). */
  invalidate(): void { this.sortedNames = null; this.consensusIndex = null; this.nameCache.clear(); }

  private get last(): number { return this.deps.db.state.lastBlock; }

  info(): NodeInfo {
    return {
      consensus: getConsensusHash(this.deps.db, this.last), firstBlock: this.deps.db.rules.firstBlock, lastBlockProcessed: this.last,
      lastBlockSeen: Math.max(this.deps.lastSeen(), this.last), indexing: this.deps.indexing(), testnet: this.deps.testnet,
      zonefileCount: this.deps.zonefiles.count(), serverVersion: this.deps.serverVersion ?? '21.0.0.0',
    };
  }

  private expiry(rec: NameRecord): { expire: number; deadline: number } {
    const ns = this.deps.db.state.namespaces.get(rec.namespaceId);
    if (!ns || ns.lifetime === INFINITE) return { expire: -1, deadline: -1 };
    const e = epochAt(this.deps.db.rules, this.last);
    const base = ns.op === '!' ? Math.max(ns.readyBlock, rec.lastRenewed) : ns.revealBlock;
    const expire = ns.op === '!' ? base + ns.lifetime * e.lifetimeMultiplier : ns.revealBlock + this.deps.db.rules.namespaceRevealExpire;
    return { expire, deadline: ns.op === '!' ? expire + e.gracePeriod : expire };
  }

  name(fqn: string): NameInfo | null {
    const hit = this.nameCache.get(fqn);
    if (hit !== undefined && (hit === null || hit.zonefile || !hit.zonefileHash)) return hit;
    const v = this.lookup(fqn);
    if (this.nameCache.size > 100_000) this.nameCache.clear();
    this.nameCache.set(fqn, v);
    return v;
  }

  private lookup(fqn: string): NameInfo | null {
    const n = getNameAt(this.deps.db, fqn);
    if (!n) return null;
    const rec = n.record;
    const { expire, deadline } = this.expiry(rec);
    const s = rec.sender;
    const p2sh = s.startsWith('a914') && s.length === 46;
    return {
      name: fqn, address: rec.address, addressHash: p2sh ? s.slice(4, 44) : s.slice(6, 46), addressType: p2sh ? 'p2sh' : 'p2pkh',
      status: rec.revoked ? 'revoked' : 'registered', expired: !n.live, expireBlock: expire, renewalDeadline: deadline, gracePeriod: n.inGracePeriod,
      lastTxid: rec.txid, zonefileHash: rec.valueHash, zonefile: rec.valueHash ? this.deps.zonefiles.get(rec.valueHash) : null,
    };
  }

  private allNames(): string[] {
    this.sortedNames ??= [...this.deps.db.state.names.keys()].sort();
    return this.sortedNames;
  }

  names(offset: number, limit: number, all: boolean): string[] {
    const src = all ? this.allNames() : this.allNames().filter((n) => getNameAt(this.deps.db, n)?.live);
    return src.slice(offset, offset + limit);
  }

  private historyJson(e: HistoryEntry): HistoryEntryJson {
    const r = e.record;
    const ns = this.deps.db.state.namespaces.get(r.namespaceId);
    return {
      address: r.address, block_number: r.blockNumber, consensus_hash: r.consensusHash, first_registered: r.firstRegistered, importer: r.importer,
      importer_address: r.importerAddress, last_creation_op: r.lastCreationOp, last_renewed: r.lastRenewed, name: r.name,
      name_hash128: toHex(hash128(ascii(r.name))), namespace_block_number: ns?.blockNumber ?? null, namespace_id: r.namespaceId, op: e.op,
      op_fee: r.opFee, opcode: OPCODE_NAMES[e.op] ?? OPCODE_NAMES[e.opcode] ?? e.opcode, preorder_block_number: r.preorderBlockNumber,
      preorder_hash: r.preorderHash, revoked: r.revoked, sender: r.sender, sender_pubkey: r.senderPubkey, txid: e.txid, value_hash: r.valueHash, vtxindex: e.vtxindex,
    };
  }

  nameHistory(fqn: string): { block: number; entry: HistoryEntryJson }[] | null {
    const h = this.deps.db.state.history.get(fqn);
    return h ? h.map((e) => ({ block: e.block, entry: this.historyJson(e) })) : null;
  }

  nameZonefileHashes(fqn: string): string[] | null {
    const h = this.deps.db.state.history.get(fqn);
    return h ? [...new Set(h.map((e) => e.record.valueHash).filter((x): x is string => !!x))] : null;
  }

  namespaces(): string[] { return [...this.deps.db.state.namespaces.values()].filter((n) => n.op === '!').map((n) => n.namespaceId).sort(); }

  namespace(id: string): Record<string, unknown> | null {
    const ns: NamespaceRecord | undefined = this.deps.db.state.namespaces.get(id);
    if (!ns) return null;
    return {
      namespace_id: ns.namespaceId, address: ns.address, base: ns.base, block_number: ns.blockNumber, buckets: ns.buckets, coeff: ns.coeff,
      lifetime: ns.lifetime, no_vowel_discount: ns.noVowelDiscount, nonalpha_discount: ns.nonalphaDiscount, op: ns.op, op_fee: ns.opFee,
      preorder_hash: ns.preorderHash, ready: ns.op === '!', ready_block: ns.readyBlock, reveal_block: ns.revealBlock, recipient: ns.recipient,
      recipient_address: ns.recipientAddress, sender: ns.sender, sender_pubkey: ns.senderPubkey, txid: ns.txid, version: ns.version, vtxindex: ns.vtxindex,
    };
  }

  namespaceNames(id: string, offset: number, limit: number): string[] | null {
    if (!this.deps.db.state.namespaces.has(id)) return null;
    const suffix = '.' + id;
    return this.allNames().filter((n) => n.endsWith(suffix) && getNameAt(this.deps.db, n)?.live).slice(offset, offset + limit);
  }

  /** Names and subdomains owned (naming.md §4.5). */
  namesOwnedBy(address: string): string[] {
    const names = getNamesByOwner(this.deps.db, address);
    return this.deps.atlas ? [...names, ...this.deps.atlas.subs.namesOwnedBy(address)] : names;
  }

  consensusAt(height?: number): string | null { return getConsensusHash(this.deps.db, height ?? this.last); }

  blockOfConsensus(hash: string): number | null {
    if (!this.consensusIndex) {
      this.consensusIndex = new Map();
      for (const [h, c] of this.deps.db.state.consensus) if (h >= this.deps.db.rules.firstBlock) this.consensusIndex.set(c, h);
    }
    return this.consensusIndex.get(hash) ?? null;
  }

  nameCount(): number { return this.allNames().filter((n) => getNameAt(this.deps.db, n)?.live).length; }

  priceName(fqn: string): bigint | null {
    const p = getNamePrice(this.deps.db, fqn);
    return p === null ? null : typeof p === 'bigint' ? p : BigInt(Math.ceil(p));
  }

  priceNamespace(id: string): bigint | null {
    const p = getNamespacePrice(this.deps.db, id);
    return p === null ? null : BigInt(Math.ceil(p));
  }

  zonefile(hash: string): Uint8Array | null { return this.deps.zonefiles.get(hash); }
  /** Uploads go through Atlas (stored if announced, then pushed to neighbours); without Atlas, straight to the store. */
  putZonefile(bytes: Uint8Array): boolean { return this.deps.atlas ? this.deps.atlas.upload(bytes) : this.deps.zonefiles.put(bytes).saved; }
}
