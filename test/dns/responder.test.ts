/**
 * The DNS responder and server without a node: a fixed source, wire queries built with dns-packet.
 * Covers what the node test does not reach: FORMERR / NOTIMP / BADVERS, 0x20 case echo, the response
 * cache keeping IDs apart, oversize handling over TCP, the per-source rate limit on UDP, zone-file
 * owners that try to answer for another name.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import * as packet from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResponder, RateLimiter, startDnsServer, zoneRecords, type RunningDns } from '../../bindings/dns/index.ts';
import { fixedSource, ZF } from './fixture.ts';

const q = (name: string, type: string, extra: Partial<packet.Packet> = {}) =>
  packet.encode({ type: 'query', id: 4242, flags: packet.RECURSION_DESIRED, questions: [{ type: type as 'A', name, class: 'IN' }], ...extra });
const ask = async (r: DnsResponder, b: Uint8Array, t: 'udp' | 'tcp' = 'udp') => { const o = await r.respond(b, t); return o && (packet.decode(o) as packet.DecodedPacket & { rcode: string }); };

describe('DNS responder', () => {
  const r = new DnsResponder(fixedSource);
  it('answers, echoes the question as asked (0x20), keeps RD, sets AA, never RA', async () => {
    const a = (await ask(r, q('AlIcE.iD', 'TXT')))!;
    expect(a.id).toBe(4242);
    expect(a.questions![0].name).toBe('AlIcE.iD');
    expect(a.flag_aa && a.flag_rd && !a.flag_ra).toBe(true);
    expect(a.answers).toEqual([expect.objectContaining({ name: 'alice.id', type: 'TXT', ttl: 300, data: [Buffer.from('hello')] })]);
    // a cached answer gets the new query's ID
    const again = (await ask(r, Buffer.concat([Buffer.from([0x12, 0x34]), q('AlIcE.iD', 'TXT').subarray(2)])))!;
    expect(again.id).toBe(0x1234);
    expect(again.answers).toEqual(a.answers);
  });
  it('drops records a zone file writes for other names and invalid rdata', () => {
    const rs = zoneRecords(ZF, 'alice.id');
    expect(rs.map((x) => `${x.name} ${x.type}`).sort()).toEqual(['alice.id TXT', 'www.alice.id A', 'x.alice.id A']);
  });
  it('revoked → NXDOMAIN; FORMERR, NOTIMP, BADVERS; responses and garbage dropped', async () => {
    expect((await ask(r, q('bob.id', 'TXT')))!.rcode).toBe('NXDOMAIN');
    const two = packet.encode({ type: 'query', id: 1, questions: [{ type: 'A', name: 'alice.id' }, { type: 'A', name: 'www.alice.id' }] });
    expect((await ask(r, two))!.rcode).toBe('FORMERR');
    // a label of 63 bytes that are not ASCII (decoded as U+FFFD, 3 bytes each again): FORMERR, a reply that decodes
    const raw = Buffer.concat([Buffer.from('abcd01000001000000000000', 'hex'), Uint8Array.of(63), Buffer.alloc(63, 0xc3), Buffer.from('026964000001' + '0001', 'hex')]);
    const odd = (await ask(r, raw))!;
    expect(odd.rcode).toBe('FORMERR');
    expect(odd.id).toBe(0xabcd);
    expect(odd.questions).toEqual([]);
    const notify = Buffer.from(q('alice.id', 'SOA'));
    notify[2] |= 4 << 3;
    expect((await ask(r, notify))!.rcode).toBe('NOTIMP');
    const v1 = (await ask(r, q('alice.id', 'A', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, ednsVersion: 1 } as packet.Answer] })))!;
    expect((v1.additionals![0] as packet.OptAnswer).extendedRcode).toBe(1);
    expect(await r.respond(packet.encode({ type: 'response', id: 1, questions: [{ type: 'A', name: 'alice.id' }] }), 'udp')).toBeNull();
    expect(await r.respond(new Uint8Array([1, 2, 3]), 'udp')).toBeNull();
    expect(await r.respond(Buffer.from(q('alice.id', 'A')).subarray(0, 20), 'udp')).toBeNull();
  });
  it('rate limiter: burst then refill', () => {
    let t = 0;
    const rl = new RateLimiter(10, 20, () => t);
    let n = 0;
    for (let i = 0; i < 100; i++) if (rl.allow('1.2.3.4')) n++;
    expect(n).toBe(20);
    expect(rl.allow('5.6.7.8')).toBe(true);
    t += 500;
    n = 0;
    for (let i = 0; i < 100; i++) if (rl.allow('1.2.3.4')) n++;
    expect(n).toBe(5);
  });
});

describe('DNS server (UDP + TCP)', () => {
  let srv: RunningDns;
  beforeAll(async () => { srv = await startDnsServer(new DnsResponder(fixedSource, { cacheMs: 0 }), { port: 0, rateLimit: 10 }); });
  afterAll(async () => { await srv.close(); });

  it('per-source rate limit: a flood from one address gets its burst answered, the rest dropped', async () => {
    const sock = createSocket('udp4');
    let answered = 0;
    sock.on('message', () => { answered++; });
    await new Promise<void>((ok) => sock.bind(0, '127.0.0.1', () => ok()));
    for (let i = 0; i < 200; i++) sock.send(q('alice.id', 'TXT'), srv.port, '127.0.0.1');
    await new Promise((ok) => setTimeout(ok, 500));
    sock.close();
    expect(answered).toBeGreaterThanOrEqual(18);
    expect(answered).toBeLessThanOrEqual(30); // burst 20 + ~10/s refill
  });

  it('TCP: two pipelined queries on one connection, answers in order', async () => {
    await new Promise((ok) => setTimeout(ok, 2100)); // refill after the flood above (same source address)
    const s = connect(srv.port, '127.0.0.1');
    const frame = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    const a = q('alice.id', 'TXT'), b = q('www.alice.id', 'A');
    b.writeUInt16BE(7, 0);
    s.write(Buffer.concat([frame(a), frame(b)]));
    const got: packet.Packet[] = [];
    let buf = Buffer.alloc(0);
    await new Promise<void>((ok, fail) => {
      s.on('error', fail);
      s.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) { got.push(packet.decode(buf.subarray(2, 2 + buf.readUInt16BE(0)))); buf = buf.subarray(2 + buf.readUInt16BE(0)); }
        if (got.length === 2) ok();
      });
    });
    s.destroy();
    expect(got.map((p) => [p.id, p.answers![0].type])).toEqual([[4242, 'TXT'], [7, 'A']]);
  });
});
