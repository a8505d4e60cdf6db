/**
 * @module routing/subdomains/indexer — applies subdomain records in chain order and keeps their history
 * (naming.md §3.4). Every record seen is stored; `accepted` is recomputed for a name by replaying its records
 * in (slot, offset) order, so a domain zone file that arrives late through Atlas yields the same state as
 * an in-order replay. Invalid records are skipped with a logged reason.
 */
import { decodeDomainZoneFile, type SubdomainRecord } from './record.ts';
import { checkSubdomainSignature } from './signature.ts';
import type { SqlDb, SqlStatement } from '../store/zonefile-store.ts';
import { ddl, ROUTING_SQL } from '../../virtualchain/db/layout.ts';

export interface DomainZoneFileEvent {
  domain: string;                 // the name whose zone file this is, e.g. "id.blockstack"
  zonefile: string;               // its text
  zonefile_hash: string;
  parent_zonefile_index: number;  // Atlas slot
  txid: string;                   // the name operation that announced it
  block_height: number;
}

export interface SubdomainLogger { warn(o: object, m?: string): void; info?(o: object, m?: string): void }

export interface StoredRecord {
  fqn: string; domain: string; name: string; independent: number; owner: string; sequence: number; parts: number;
  chunks: string; zonefile: string; zonefile_hash: string; signature: string | null; zonefile_offset: number;
  parent_zonefile_hash: string; parent_zonefile_index: number; txid: string; block_height: number;
  accepted: number; resolver: string | null; missing: string; reason: string | null;
}

export class SubdomainIndexer {
  private readonly stmts: Record<string, SqlStatement>;
  constructor(private db: SqlDb, private logger?: SubdomainLogger) {
    for (const q of ddl('sqlite', ['subdomain_records', 'subdomain_domains'])) db.exec(q);
    this.stmts = {
      ins: db.prepare(ROUTING_SQL.subPut),
      hist: db.prepare(ROUTING_SQL.subHistory),
      setAcc: db.prepare(ROUTING_SQL.subSetAccepted),
      dom: db.prepare(ROUTING_SQL.subDomainPut),
      seen: db.prepare(ROUTING_SQL.subSlotSeen),
    };
  }

  /** Process one domain zone file (idempotent per slot). Returns the names whose state was re-evaluated. */
  processZoneFile(ev: DomainZoneFileEvent): string[] {
    const info = decodeDomainZoneFile(ev.zonefile, ev.domain);
    for (const s of info.skipped) this.logger?.warn({ domain: ev.domain, name: s.name, reason: s.reason }, 'subdomain record ignored');
    this.stmts.dom.run(ev.domain, info.resolver, ev.parent_zonefile_index);
    const missing = info.missing.join(',');
    const names = new Set<string>();
    for (const r of info.records) {
      this.stmts.ins.run(this.row(r, ev, info.resolver, missing));
      names.add(r.fqn);
    }
    for (const fqn of names) this.replay(fqn);
    return [...names];
  }

  private row(r: SubdomainRecord, ev: DomainZoneFileEvent, resolver: string | null, missing: string) {
    return {
      fqn: r.fqn, domain: ev.domain, name: r.name, independent: r.independent ? 1 : 0, owner: r.owner, sequence: r.seqn,
      parts: r.parts, chunks: JSON.stringify(r.chunks), zonefile: r.zonefile, zonefile_hash: r.zonefile_hash,
      signature: r.sig, zonefile_offset: r.zonefile_offset, parent_zonefile_hash: ev.zonefile_hash,
      parent_zonefile_index: ev.parent_zonefile_index, txid: ev.txid, block_height: ev.block_height, resolver, missing,
    };
  }

  /** Recompute `accepted` for one name by replaying all its records in slot order (§3.4). */
  replay(fqn: string): void {
    const rows = this.stmts.hist.all(fqn) as StoredRecord[];
    let cur: StoredRecord | null = null;
    for (const r of rows) {
      const reason = this.judge(r, cur);
      this.stmts.setAcc.run(reason ? 0 : 1, reason, r.parent_zonefile_index, r.zonefile_offset);
      if (!reason) cur = r;
      else if (r.accepted) this.logger?.info?.({ fqn, seqn: r.sequence, reason }, 'subdomain record no longer accepted');
    }
  }

  private judge(r: StoredRecord, prev: StoredRecord | null): string | null {
    if (!prev) {
      if (r.sequence !== 0) return 'first record must have seqn=0';
      if (r.independent) return 'first record must come from the parent domain';
      const parent = r.fqn.slice(r.fqn.indexOf('.') + 1);
      if (parent !== r.domain) return 'first record must come from the parent domain';
      return null;
    }
    if (r.sequence !== prev.sequence + 1) return `seqn ${r.sequence} does not follow ${prev.sequence}`;
    if (r.independent && r.owner !== prev.owner) return 'an independent record may not change the owner';
    const rec = { name: r.name, owner: r.owner, seqn: r.sequence, parts: r.parts, chunks: JSON.parse(r.chunks), sig: r.signature } as SubdomainRecord;
    const c = checkSubdomainSignature(rec, prev.owner);
    return c.ok ? null : c.reason ?? 'bad signature';
  }

  // ---- queries (what /v1/names/{sub} and /v1/subdomains/... serve) ----

  history(fqn: string): StoredRecord[] { return this.stmts.hist.all(fqn.toLowerCase()) as StoredRecord[]; }

  /** Current state: the last accepted record, or null. */
  current(fqn: string): StoredRecord | null {
    const acc = this.history(fqn).filter((r) => r.accepted);
    return acc.length ? acc[acc.length - 1] : null;
  }

  recordsByTxid(txid: string): StoredRecord[] {
    return this.db.prepare(ROUTING_SQL.subByTxid).all(txid) as StoredRecord[];
  }

  list(page: number, pageSize = 100): string[] {
    return (this.db.prepare(ROUTING_SQL.subList).all(pageSize, page * pageSize) as { fqn: string }[]).map((r) => r.fqn);
  }

  count(): number {
    return Number((this.db.prepare(ROUTING_SQL.subCount).get() as { n: number }).n);
  }

  namesOfDomain(domain: string): string[] {
    return (this.db.prepare(ROUTING_SQL.subOfDomain).all(domain) as { fqn: string }[]).map((r) => r.fqn);
  }

  /** Subdomains whose current owner is `address`. */
  namesOwnedBy(address: string): string[] {
    const cands = (this.db.prepare(ROUTING_SQL.subOfOwner).all(address) as { fqn: string }[]).map((r) => r.fqn);
    return cands.filter((f) => this.current(f)?.owner === address).sort();
  }

  resolverOf(domain: string): string | null {
    return (this.db.prepare(ROUTING_SQL.subResolver).get(domain) as { resolver: string | null } | undefined)?.resolver ?? null;
  }
}
