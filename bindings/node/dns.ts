/**
 * @module node/dns — the DNS gateway (bindings/dns) as a node service (`blockstack start --dns-port N`):
 * UDP+TCP on `dns.host:dns.port`, answering from the node's own name view (the same state the REST API
 * and its `/dns-query` route serve); queries counted in Prometheus by transport and rcode.
 */
import { Counter, Histogram } from 'prom-client';
import { viewSource } from '../api/dns-source.ts';
import { DnsResponder } from '../dns/responder.ts';
import { startDnsServer, type RunningDns } from '../dns/server.ts';
import type { NodeConfig } from './config.ts';
import type { NodeContext, NodeService } from './node.ts';

const RCODES: Record<number, string> = { [-2]: 'RATE_LIMITED', [-1]: 'DROPPED', 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 16: 'BADVERS' };

export class DnsService implements NodeService {
  readonly name = 'dns';
  server: RunningDns | null = null;
  responder: DnsResponder | null = null;
  constructor(readonly cfg: NodeConfig) {}

  async init(ctx: NodeContext): Promise<void> {
    const d = this.cfg.dns;
    // counted in a plain map on the hot path, folded into the counter when Prometheus scrapes
    const pending = new Map<string, number>();
    const queries = new Counter({
      name: 'blockstack_dns_queries_total', help: 'DNS gateway queries by transport and rcode', labelNames: ['transport', 'rcode'], registers: [ctx.metrics.registry],
      collect() {
        for (const [k, n] of pending) { const [transport, rc] = k.split('|'); this.inc({ transport, rcode: RCODES[Number(rc)] ?? rc }, n); }
        pending.clear();
      },
    });
    const seconds = new Histogram({ name: 'blockstack_dns_query_seconds', help: 'DNS gateway answer time', buckets: [0.0001, 0.0005, 0.001, 0.005, 0.02], registers: [ctx.metrics.registry] });
    this.responder = new DnsResponder(viewSource(ctx.view), { nsName: d.nsName, cacheMs: d.cacheMs });
    this.server = await startDnsServer(this.responder, {
      port: d.port ?? 0, host: d.host, rateLimit: d.rateLimit, log: ctx.log.child({ c: 'dns' }),
      onQuery: (t, rc, s) => { const k = `${t}|${rc}`; pending.set(k, (pending.get(k) ?? 0) + 1); if (s > 0) seconds.observe(s); },
    });
  }
  async start(): Promise<Record<string, string>> { return { dns: `${this.server!.host}:${this.server!.port} (udp+tcp)` }; }
  async stop(): Promise<void> { await this.server?.close(); }
}
