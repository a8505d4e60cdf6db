/**
 * @module dns/source — what the DNS gateway reads: the current state of a name (or subdomain) and the
 * chain tip it was derived at. Two implementations: over the node's in-process name view
 * (`api/dns-source.ts`) and over a running node's REST API (`dns/http-source.ts`, for `blockstack dns`).
 */
export type MaybePromise<T> = T | Promise<T>;

/** The chain state an answer was derived at (goes into the `_bns.<name>` TXT proof). */
export interface DnsTip { height: number; consensus: string | null }

export type NameState =
  /** Never registered (or an unknown subdomain): NXDOMAIN. */
  | { kind: 'none' }
  /** Expired (past the renewal deadline) or revoked: NXDOMAIN. */
  | { kind: 'gone'; why: 'expired' | 'revoked' }
  /**
   * Live. `zonefile` null with a `zonefileHash` = the zone file is not replicated yet (SERVFAIL);
   * both null = the name has no zone file (no records).
   */
  | { kind: 'ok'; zonefileHash: string | null; zonefile: string | null };

export interface DnsSource {
  tip(): MaybePromise<DnsTip>;
  /** Whether the namespace exists (the gateway is authoritative for existing namespaces only). */
  namespace(id: string): MaybePromise<boolean>;
  /** `label.ns` */
  name(fqn: string): MaybePromise<NameState>;
  /** `sub.label.ns` (optional: sources without a subdomain index answer names only). */
  subdomain?(fqn: string): MaybePromise<NameState>;
}
