/**
 * @module api/view — what the REST API reads: a synchronous, plain-data view of the name database
 * (the node implements it over the virtualchain state / DB and the zone-file store). Nothing here knows
 * about HTTP; routes turn these values into the JSON shapes of naming.md §4.
 */
export interface NodeInfo {
  consensus: string | null;
  firstBlock: number;
  lastBlockProcessed: number;
  lastBlockSeen: number;
  indexing: boolean;
  testnet: boolean;
  zonefileCount: number;
  serverVersion: string;
}

export interface NameInfo {
  name: string;
  /** Owner address (base58) and its hash160 + type, for the Stacks (c32) variant. */
  address: string;
  addressHash: string;
  addressType: 'p2pkh' | 'p2sh';
  status: 'registered' | 'revoked';
  expired: boolean;
  expireBlock: number;
  renewalDeadline: number;
  gracePeriod: boolean;
  lastTxid: string;
  zonefileHash: string | null;
  /** Zone-file bytes when held, else null. */
  zonefile: Uint8Array | null;
}

/** A name-history entry as the v1 API shows it (snake_case record fields after the op). */
export type HistoryEntryJson = Record<string, unknown>;

export interface NameView {
  info(): NodeInfo;
  name(fqn: string): NameInfo | null;
  /** Names in DB order; `all` includes expired ones. */
  names(offset: number, limit: number, all: boolean): string[];
  /** History entries (oldest first) or null for an unknown name. */
  nameHistory(fqn: string): { block: number; entry: HistoryEntryJson }[] | null;
  /** Every value hash the name ever had. */
  nameZonefileHashes(fqn: string): string[] | null;
  namespaces(): string[];
  namespace(id: string): Record<string, unknown> | null;
  namespaceNames(id: string, offset: number, limit: number): string[] | null;
  namesOwnedBy(address: string): string[];
  consensusAt(height?: number): string | null;
  blockOfConsensus(hash: string): number | null;
  nameCount(): number;
  /** Satoshi price of a name / namespace now, or null when it cannot be priced (unknown namespace). */
  priceName(fqn: string): bigint | null;
  priceNamespace(id: string): bigint | null;
  zonefile(hash: string): Uint8Array | null;
  /** Stores a zone file if its hash is announced on chain; returns whether it was saved. */
  putZonefile?(bytes: Uint8Array): boolean;
  /** Subdomains (naming.md §3, §4.4), when the node indexes them. */
  subdomains?: SubdomainView;
}

/** `lookup`: the `GET /v1/names/{a.b.ns}` answer (200 state, 301 to the domain's resolver, 404). */
export interface SubdomainView {
  lookup(fqn: string): { status: 200 | 301 | 404; body: Record<string, unknown>; location?: string };
  /** Per-record objects of §3.5 for the domain operation `txid`. */
  recordsByTxid(txid: string): Record<string, unknown>[];
  /** Full subdomain names, pages of 100. */
  list(page: number): string[];
  count(): number;
  /** Full names of the subdomains of `domain`. */
  namesOfDomain(domain: string): string[];
}
