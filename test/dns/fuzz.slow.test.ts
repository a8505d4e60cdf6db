/**
 * DNS gateway fuzz: 10^5 inputs — valid queries mutated (bit flips, truncation, splices, random counts and
 * compression pointers) and pure random bytes — through the responder (UDP and TCP limits) and then a
 * sample over a real UDP socket. No input may throw; every reply must decode and carry the query's ID;
 * the server must still answer a good query afterwards.
 */
import { createSocket } from 'node:dgram';
import * as packet from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { DnsResponder, startDnsServer } from '../../bindings/dns/index.ts';
import { fixedSource } from './fixture.ts';

let seed = 0x1234567;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return Math.floor(seed / 2 ** 32 * n); }; // the high bits: an LCG's low bits cycle (rnd(2) alternated)
const NAMES = ['alice.id', 'www.alice.id', '_bns.alice.id', 'id', 'bob.id', 'x.y.z.alice.id', 'example.com', '.', 'a'.repeat(63) + '.id'];
const TYPES = ['A', 'AAAA', 'TXT', 'MX', 'CNAME', 'SOA', 'NS', 'ANY', 'AXFR', 'UNKNOWN_256', 'SRV'];

function seedQuery(): Buffer {
  const opts: Partial<packet.Packet> = rnd(2) ? { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: rnd(70000) & 0xffff } as packet.Answer] } : {};
  return packet.encode({ type: 'query', id: rnd(65536), flags: rnd(2) ? packet.RECURSION_DESIRED : 0, questions: [{ type: TYPES[rnd(TYPES.length)] as 'A', name: NAMES[rnd(NAMES.length)], class: 'IN' }], ...opts });
}

function mutate(b: Buffer): Buffer {
  const m = Buffer.from(b);
  switch (rnd(6)) {
    case 0: for (let i = 0, n = 1 + rnd(8); i < n; i++) m[rnd(m.length)] ^= 1 << rnd(8); return m;
    case 1: return m.subarray(0, rnd(m.length + 1));
    case 2: { m.writeUInt16BE(rnd(65536), 4 + 2 * rnd(4)); return m; }
    case 3: { const i = 12 + rnd(Math.max(1, m.length - 12)); m[i] = 0xc0 | rnd(64); if (i + 1 < m.length) m[i + 1] = rnd(256); return m; }
    case 4: return Buffer.concat([m, seedQuery().subarray(rnd(12))]);
    default: { const r = Buffer.alloc(rnd(600)); for (let i = 0; i < r.length; i++) r[i] = rnd(256); return r; }
  }
}

describe('DNS fuzz', () => {
  it('10^5 malformed inputs: no throw, every reply decodes with the query ID', async () => {
    const r = new DnsResponder(fixedSource);
    let replies = 0;
    const bad: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const input = mutate(seedQuery());
      const out = await r.respond(input, i % 3 === 0 ? 'tcp' : 'udp');
      if (!out) continue;
      replies++;
      try {
        if (i % 3 !== 0 && out.length > 1232) throw new Error(`UDP reply of ${out.length} bytes`);
        if (out.readUInt16BE(0) !== input.readUInt16BE(0)) throw new Error('ID differs');
        packet.decode(out);
      } catch (e) { if (bad.length < 5) bad.push(`${input.toString('hex')}: ${(e as Error).message}`); }
    }
    expect(bad).toEqual([]);
    expect(replies).toBeGreaterThan(10_000);
  }, 300_000);

  it('over UDP: 5,000 bad datagrams, then a good query is still answered', async () => {
    const srv = await startDnsServer(new DnsResponder(fixedSource), { port: 0, rateLimit: 0 });
    const sock = createSocket('udp4');
    const good = packet.encode({ type: 'query', id: 99, questions: [{ type: 'TXT', name: 'alice.id' }] });
    const answer = new Promise<packet.Packet>((ok) => sock.on('message', (m) => { if (m.readUInt16BE(0) === 99 && m.length > 12) ok(packet.decode(m)); }));
    await new Promise<void>((ok) => sock.bind(0, '127.0.0.1', () => ok()));
    for (let i = 0; i < 5000; i++) {
      const b = mutate(seedQuery());
      if (b.length >= 2 && b.readUInt16BE(0) === 99) b.writeUInt16BE(98, 0);
      sock.send(b, srv.port, '127.0.0.1');
      if (i % 500 === 0) await new Promise((ok) => setImmediate(ok));
    }
    // the flood may overrun socket buffers: retry the good query like a client would
    const retry = setInterval(() => sock.send(good, srv.port, '127.0.0.1'), 200);
    sock.send(good, srv.port, '127.0.0.1');
    const a = await answer;
    clearInterval(retry);
    expect(a.answers![0]).toMatchObject({ name: 'alice.id', type: 'TXT' });
    sock.close();
    await srv.close();
  }, 60_000);
});
