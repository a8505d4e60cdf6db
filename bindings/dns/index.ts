/** @module dns — authoritative DNS for Blockstack names: responder (wire in/out), UDP+TCP server, sources. */
export { DnsResponder, RCODE, EDE_NOT_READY, type ResponderOptions, type Transport } from './responder.ts';
export { startDnsServer, type DnsServerOptions, type RunningDns } from './server.ts';
export { httpSource } from './http-source.ts';
export { RateLimiter } from './ratelimit.ts';
export { zoneRecords, type RR } from './zone.ts';
export type { DnsSource, DnsTip, NameState } from './source.ts';
