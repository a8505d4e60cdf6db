/** A fixed DNS source for the responder tests: alice.id live with a small zone file, bob.id revoked. */
import type { DnsSource } from '../../bindings/dns/index.ts';

export const ZF = '$ORIGIN alice.id\n$TTL 3600\n@ 300 IN TXT "hello"\nwww IN A 10.0.0.1\nbob.id. IN TXT "not alice\'s to say"\nx.alice.id. IN A 10.0.0.2\nbad IN A 999.1.1.1\n';
export const fixedSource: DnsSource = {
  tip: () => ({ height: 123, consensus: 'ab'.repeat(16) }),
  namespace: (id) => id === 'id',
  name: (n) => (n === 'alice.id' ? { kind: 'ok', zonefileHash: 'cd'.repeat(20), zonefile: ZF } : n === 'bob.id' ? { kind: 'gone', why: 'revoked' } : { kind: 'none' }),
};
