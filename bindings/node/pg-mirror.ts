/**
 * @module node/pg-mirror — the PostgreSQL writer's copy of the routing tables. Atlas and the subdomain
 * indexer work on the node's local SQLite file (synchronous, as on a SQLite node); after every block, stored
 * zone file or reorg the mirror pushes what changed to PostgreSQL in one transaction — new zone files by local
 * rowid, the subdomain tables replaced when SQLite's change counter moved — and NOTIFYs the read-only API
 * processes. A crash loses nothing: at start the mirror pushes every zone file PostgreSQL lacks and the
 * subdomain tables again.
 */
import pg from 'pg';
import type { SqlDb } from '../routing/store/zonefile-store.ts';
import { ddl, PG_BULK, PG_CHANNEL, ROUTING_SQL, ROUTING_TABLES } from '../virtualchain/db/layout.ts';
import { pgInsertRows } from '../virtualchain/db/postgres.ts';
import type { Logger } from './logger.ts';

export class PgRoutingMirror {
  private client: pg.Client | null = null;
  private lastRowid = 0;
  private lastChanges = -1;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(readonly url: string, readonly sql: SqlDb, readonly log: Logger) {}

  async start(): Promise<void> {
    for (const q of ddl('sqlite', ROUTING_TABLES)) this.sql.exec(q);
    this.client = new pg.Client({ connectionString: this.url, application_name: 'blockstack-writer-routing' });
    this.client.on('error', (e) => this.log.error({ err: e }, 'PostgreSQL routing mirror connection'));
    await this.client.connect();
    await this.sync();
  }

  /** Coalesced: at most one push runs; a request during it runs one more afterwards. */
  poke(): void {
    if (this.closed || !this.client) return;
    if (this.running) { this.again = true; return; }
    this.running = this.sync().catch((e) => this.log.error({ err: e }, 'PostgreSQL routing mirror push failed')).finally(() => {
      this.running = null;
      if (this.again) { this.again = false; this.poke(); }
    });
  }

  /** Waits for the push in progress (tests, shutdown). */
  async idle(): Promise<void> { while (this.running) await this.running; }

  private async sync(): Promise<void> {
    const c = this.client!;
    const changes = Number((this.sql.prepare('SELECT total_changes() AS n').get() as { n: number }).n);
    const zf: Record<string, unknown>[] = [];
    let rid = this.lastRowid;
    for (;;) {
      const rows = this.sql.prepare(ROUTING_SQL.zfSinceRowid).all(rid, 1000) as { rid: number; hash: string; data: Uint8Array; stored_at: number }[];
      if (!rows.length) break;
      rid = rows[rows.length - 1].rid;
      for (const r of rows) zf.push({ hash: r.hash, data: Buffer.from(r.data), stored_at: r.stored_at });
    }
    const subsChanged = changes !== this.lastChanges;
    if (!zf.length && !subsChanged) return;
    await c.query('BEGIN');
    try {
      if (zf.length) await pgInsertRows(c, 'atlas_zonefiles', zf, 'nothing');
      if (subsChanged) {
        for (const q of PG_BULK.clearSubdomains) await c.query(q);
        for (const t of ['subdomain_records', 'subdomain_domains']) await pgInsertRows(c, t, this.sql.prepare(PG_BULK.allRows(t)).all() as Record<string, unknown>[]);
      }
      await c.query(PG_BULK.notify, [PG_CHANNEL, JSON.stringify({ routing: true, zonefiles: zf.length, subdomains: subsChanged })]);
      await c.query('COMMIT');
      this.lastChanges = changes;
      this.lastRowid = rid;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.idle();
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}
