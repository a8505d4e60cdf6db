/**
 * @module routing/zonefile/types — the JSON shape of a parsed zone file, identical to npm `zone-file`'s
 * `ZoneFileObject` (naming.md §1.2). Optional `ttl` keys appear only when a TTL is written on the line.
 */
export interface URIRecord { name: string; target: string; priority: number; weight: number; ttl?: number }
export interface TXTRecord { name: string; txt: string | string[]; ttl?: number }
export interface ARecord { name: string; ip: string; ttl?: number }
export interface NSRecord { name: string; host: string; ttl?: number }
export interface PTRRecord { name: string; fullname: string; host: string; ttl?: number }
export interface CNAMERecord { name: string; alias: string; ttl?: number }
export interface MXRecord { name: string; preference: number; host: string; ttl?: number }
export interface SRVRecord { name: string; target: string; priority: number; weight: number; port: number; ttl?: number }
export interface SPFRecord { name: string; data: string; ttl?: number }
export interface SOARecord {
  name?: string; minimum?: number; expire?: number; retry?: number; refresh?: number; serial?: number;
  rname?: string; mname?: string; ttl?: number | string;
}

export interface ZoneFileObject {
  $origin?: string;
  $ttl?: number;
  soa?: SOARecord;
  ns?: NSRecord[];
  a?: ARecord[];
  aaaa?: ARecord[];
  cname?: CNAMERecord[];
  mx?: MXRecord[];
  ptr?: PTRRecord[];
  txt?: TXTRecord[];
  srv?: SRVRecord[];
  spf?: SPFRecord[];
  uri?: URIRecord[];
}
