/**
 * @module dns/server — the DNS gateway on UDP and TCP (same port; RFC 1035 §4.2, RFC 7766): each datagram
 * or length-prefixed TCP message goes to the responder; malformed input is dropped, sources over their
 * rate are not answered, idle TCP connections close after 10 s. Node only (node:dgram, node:net).
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import type { Logger } from 'pino';
import { RateLimiter } from './ratelimit.ts';
import type { DnsResponder, Transport } from './responder.ts';

export interface DnsServerOptions {
  port: number;
  host?: string;
  /** Queries per second per source address (default 200; 0 = unlimited). */
  rateLimit?: number;
  log?: Logger;
  /** Called after each query: transport, rcode (-1 = dropped), seconds. */
  onQuery?(transport: Transport, rcode: number, seconds: number): void;
}

export interface RunningDns { host: string; port: number; close(): Promise<void> }

const TCP_IDLE_MS = 10_000;

export async function startDnsServer(responder: DnsResponder, opts: DnsServerOptions): Promise<RunningDns> {
  const host = opts.host ?? '127.0.0.1';
  const limiter = new RateLimiter(opts.rateLimit ?? 200);
  const log = opts.log;
  const handle = async (msg: Uint8Array, transport: Transport, from: string, admitted = false): Promise<Buffer | null> => {
    const t0 = performance.now();
    if (!admitted && !limiter.allow(from)) { opts.onQuery?.(transport, -2, 0); return null; }
    let out: Buffer | null = null;
    try { out = await responder.respond(msg, transport); } catch (e) { log?.warn({ err: e, from }, 'dns: query failed'); }
    opts.onQuery?.(transport, out ? responder.lastRcode : -1, (performance.now() - t0) / 1000);
    return out;
  };

  // UDP and TCP on the same port: with port 0 the UDP port is chosen first, then TCP tries it (a few times)
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    udp.on('message', (msg, rinfo) => {
      // fast path: a cached answer goes back synchronously (no promise per query)
      const hit = limiter.allow(rinfo.address) ? responder.cached(msg, 'udp') : undefined;
      if (hit === undefined) { opts.onQuery?.('udp', -2, 0); return; }
      if (hit) { opts.onQuery?.('udp', responder.lastRcode, 0); udp.send(hit, rinfo.port, rinfo.address); return; }
      void handle(msg, 'udp', rinfo.address, true).then((out) => { if (out) udp.send(out, rinfo.port, rinfo.address); });
    });
    udp.on('error', (e) => log?.warn({ err: e }, 'dns: udp error'));
    const port = await new Promise<number>((ok, fail) => {
      udp.once('error', fail);
      udp.bind(opts.port, host, () => { udp.off('error', fail); ok(udp.address().port); });
    });
    const conns = new Set<TcpSocket>();
    const tcp = createServer((s) => { conns.add(s); s.on('close', () => conns.delete(s)); serveTcp(s, handle, log); });
    try {
      await new Promise<void>((ok, fail) => { tcp.once('error', fail); tcp.listen(port, host, () => { tcp.off('error', fail); ok(); }); });
    } catch (e) {
      udp.close();
      if (opts.port === 0 && attempt < 10 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      throw e;
    }
    log?.info({ host, port }, 'dns gateway listening (udp+tcp)');
    return { host, port, close: () => closeBoth(udp, tcp, conns) };
  }
}

function serveTcp(s: TcpSocket, handle: (m: Uint8Array, t: Transport, from: string) => Promise<Buffer | null>, log?: Logger): void {
  let buf = Buffer.alloc(0);
  let chain = Promise.resolve();
  const from = s.remoteAddress ?? '?';
  s.setTimeout(TCP_IDLE_MS, () => s.destroy());
  s.on('error', () => s.destroy());
  s.on('data', (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    while (buf.length >= 2) {
      const n = buf.readUInt16BE(0);
      if (buf.length < 2 + n) break;
      const msg = buf.subarray(2, 2 + n);
      buf = buf.subarray(2 + n);
      // answers go back in query order (pipelined queries on one connection)
      chain = chain.then(async () => {
        const out = await handle(msg, 'tcp', from);
        if (out && !s.destroyed) { const len = Buffer.alloc(2); len.writeUInt16BE(out.length); s.write(Buffer.concat([len, out])); }
      }).catch((e) => log?.warn({ err: e }, 'dns: tcp'));
    }
    if (buf.length > 2 + 65535) s.destroy();
  });
}

async function closeBoth(udp: Socket, tcp: Server, conns: Set<TcpSocket>): Promise<void> {
  await new Promise<void>((ok) => udp.close(() => ok()));
  await new Promise<void>((ok) => { tcp.close(() => ok()); for (const s of conns) s.destroy(); });
}
