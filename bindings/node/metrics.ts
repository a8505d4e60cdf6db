/**
 * @module node/metrics — Prometheus metrics (prom-client, own registry): indexed height, source tip,
 * accepted/rejected name ops (rate = ops/s), block processing time, API latency by route, Atlas peers.
 */
import { Hono } from 'hono';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class NodeMetrics {
  readonly registry = new Registry();
  readonly height = new Gauge({ name: 'blockstack_block_height', help: 'Last block processed by the indexer', registers: [this.registry] });
  readonly tip = new Gauge({ name: 'blockstack_chain_tip_height', help: 'Best block height of the chain source', registers: [this.registry] });
  readonly ops = new Counter({ name: 'blockstack_name_ops_total', help: 'Name operations seen, by verdict', labelNames: ['verdict'], registers: [this.registry] });
  readonly blockSeconds = new Histogram({ name: 'blockstack_block_seconds', help: 'Time to fetch, scan and apply one block', buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2], registers: [this.registry] });
  readonly api = new Histogram({ name: 'blockstack_api_request_seconds', help: 'REST API latency', labelNames: ['method', 'route', 'status'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25], registers: [this.registry] });
  readonly reorgs = new Counter({ name: 'blockstack_reorgs_total', help: 'Chain reorganisations handled', registers: [this.registry] });
  readonly peers = new Gauge({ name: 'blockstack_atlas_peers', help: 'Atlas peers known (set by the Atlas service)', registers: [this.registry] });

  constructor() { collectDefaultMetrics({ register: this.registry, prefix: 'blockstack_' }); }

  app(): Hono {
    const app = new Hono();
    app.get('/', async (c) => c.body(await this.registry.metrics(), 200, { 'content-type': this.registry.contentType }));
    return app;
  }
}
