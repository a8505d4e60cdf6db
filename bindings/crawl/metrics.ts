/**
 * @module crawl/metrics — the crawler's Prometheus series (registered on the node's registry): fetches
 * refused by the guard (by reason), failed fetches (by reason), names by outcome, rejected profiles and app
 * files (by reason), duration of the last pass and indexed people.
 */
import { Counter, Gauge, Registry } from 'prom-client';

export class CrawlMetrics {
  readonly refused: Counter<'reason'>;
  readonly failed: Counter<'reason'>;
  readonly outcomes: Counter<'outcome'>;
  readonly rejected: Counter<'reason'>;
  readonly passSeconds: Gauge;
  readonly people: Gauge;
  constructor(readonly registry: Registry = new Registry()) {
    const r = [registry];
    this.refused = new Counter({ name: 'blockstack_crawl_refused_total', help: 'Fetches refused by the crawler guard, by reason', labelNames: ['reason'], registers: r });
    this.failed = new Counter({ name: 'blockstack_crawl_fetch_failures_total', help: 'Failed crawler fetches, by reason', labelNames: ['reason'], registers: r });
    this.outcomes = new Counter({ name: 'blockstack_crawl_names_total', help: 'Names visited by the crawler, by outcome', labelNames: ['outcome'], registers: r });
    this.rejected = new Counter({ name: 'blockstack_crawl_rejected_total', help: 'Profiles or app files not indexed, by reason', labelNames: ['reason'], registers: r });
    this.passSeconds = new Gauge({ name: 'blockstack_crawl_pass_seconds', help: 'Duration of the last crawl pass', registers: r });
    this.people = new Gauge({ name: 'blockstack_crawl_people', help: 'Profiles in the people-search index', registers: r });
  }
}
