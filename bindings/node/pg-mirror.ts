/**
 * @module node/pg-mirror — the PostgreSQL writer's copy of the routing tables. Atlas and the subdomain
 * indexer work on the node's local SQLite file (synchronous, as on a SQLite node); after every block, stored
 * zone file or reorg the mirror pushes what changed to PostgreSQL in one transaction and NOTIFYs the read-only
 * API processes: new zone files by local rowid, and only the subdomain rows that changed — their keys are
 * logged by SQLite triggers (layout SUBDOMAIN_TRIGGERS) as the indexer writes them, including the deletes and
 * re-evaluations of a reorg (its undo); each pushed key is deleted and re-inserted with its current image (or
 * stays deleted) and appended to PostgreSQL's `subdomain_changes`, which readers follow by id. The local log
 * is emptied once pushed. A crash loses nothing: at start the mirror pushes every zone file PostgreSQL lacks
 * and the subdomain tables whole, once, with a '*' entry that makes readers reload them (older log entries
 * are pruned then). A long-running writer also prunes the log as it goes, keeping the newest `keepLog` entries;
 * a reader that fell further behind sees the hole below its mark and reloads the tables whole.
 */
import pg from 'pg';
import type { SqlDb } from '../routing/store/zonefile-store.ts';
import { ddl, PG_BULK, PG_CHANNEL, ROUTING_SQL, ROUTING_TABLES, SUBDOMAIN_TRIGGERS } from '../virtualchain/db/layout.ts';
import { pgInsertRows } from '../virtualchain/db/postgres.ts';
import type { Logger } from './logger.ts';

export class PgRoutingMirror {
  private client: pg.Client | null = null;
  private lastRowid = 0;
  /** Highest local subdomain_changes id of the last push; -1 = nothing pushed yet (the first push copies the tables whole). */
  private lastChange = -1;
  /** Subdomain rows pushed (tests, logs): `rows` images, `full` whole-table pushes. */
  readonly pushed = { rows: 0, full: 0 };
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** PostgreSQL log entries kept behind the newest when the log is pruned (it is pruned at twice this many). */
  keepLog = 100_000;
  /** Lowest and highest PostgreSQL log ids this writer knows of (set by its full push). */
  private logFloor = 0;
  private logTop = 0;
  /** First PostgreSQL log id of the last delta push. */
  private pushStart = 0;

  constructor(readonly url: string, readonly sql: SqlDb, readonly log: Logger) {}

  async start(): Promise<void> {
    for (const q of [...ddl('sqlite', [...ROUTING_TABLES, 'subdomain_changes']), ...SUBDOMAIN_TRIGGERS]) this.sql.exec(q);
    this.client = new pg.Client({ connectionString: this.url, application_name: 'blockstack-writer-routing' });
    this.client.on('error', (e) => this.log.error({ err: e }, 'PostgreSQL routing mirror connection'));
    await this.client.connect();
    await this.sync();
  }

  /** Coalesced: at most one push runs; a request during it runs one more afterwards. */
  poke(): void {
    if (this.closed || !this.client) return;
    if (this.running) { this.again = true; return; }
    // deferred: a poke from a hook (zone file stored) runs before the hooks after it (the subdomain indexer)
    this.running = new Promise<void>((ok) => setImmediate(ok)).then(() => this.sync()).catch((e) => this.log.error({ err: e }, 'PostgreSQL routing mirror push failed')).finally(() => {
      this.running = null;
      if (this.again) { this.again = false; this.poke(); }
    });
  }

  /** Waits for the push in progress (tests, shutdown). */
  async idle(): Promise<void> { while (this.running) await this.running; }

  private async sync(): Promise<void> {
    const c = this.client!;
    // everything local is read synchronously, before the first await: one consistent picture of SQLite
    const zf: Record<string, unknown>[] = [];
    let rid = this.lastRowid;
    for (;;) {
      const rows = this.sql.prepare(ROUTING_SQL.zfSinceRowid).all(rid, 1000) as { rid: number; hash: string; data: Uint8Array; stored_at: number }[];
      if (!rows.length) break;
      rid = rows[rows.length - 1].rid;
      for (const r of rows) zf.push({ hash: r.hash, data: Buffer.from(r.data), stored_at: r.stored_at });
    }
    const upTo = Number((this.sql.prepare(ROUTING_SQL.subChangesMax).get() as { id: number }).id);
    const full = this.lastChange < 0;
    const subs = full ? null : this.changedRows(upTo);
    if (!zf.length && !full && !subs!.keys) return;
    const all = full ? Object.fromEntries(['subdomain_records', 'subdomain_domains'].map((t) => [t, this.sql.prepare(PG_BULK.allRows(t)).all() as Record<string, unknown>[]])) : null;
    await c.query('BEGIN');
    try {
      if (zf.length) await pgInsertRows(c, 'atlas_zonefiles', zf, 'nothing');
      if (all) {
        for (const q of PG_BULK.clearSubdomains) await c.query(q);
        for (const [t, rows] of Object.entries(all)) await pgInsertRows(c, t, rows);
        const id = Number((await c.query(PG_BULK.subLogReset)).rows[0].id);
        await c.query(PG_BULK.subLogPrune, [id]);
        this.logFloor = this.logTop = this.pushStart = id;
      } else if (subs!.keys) {
        const { rec, dom, recRows, domRows } = subs!;
        if (rec.length) await c.query(PG_BULK.subRecordsDel, [rec.map((k) => k[0]), rec.map((k) => k[1])]);
        if (dom.length) await c.query(PG_BULK.subDomainsDel, [dom]);
        if (recRows.length) await pgInsertRows(c, 'subdomain_records', recRows);
        if (domRows.length) await pgInsertRows(c, 'subdomain_domains', domRows);
        const log = [...rec.map((k) => ['records', `${k[0]}/${k[1]}`]), ...dom.map((d) => ['domains', d])];
        const put = (await c.query(PG_BULK.subLogPut, [log.map((x) => x[0]), log.map((x) => x[1])])).rows[0] as { lo: string; hi: string };
        const prevStart = this.pushStart;
        this.pushStart = Number(put.lo);
        this.logTop = Math.max(this.logTop, Number(put.hi));
        if (this.logTop - this.logFloor >= 2 * this.keepLog) {
          // keeps the newest keepLog entries and at least this push's and the one before (readers that follow
          // apply each push as it comes); a reader whose mark falls below the floor sees the hole and reloads
          // whole (reader.ts)
          this.logFloor = Math.min(this.logTop - this.keepLog + 1, prevStart);
          await c.query(PG_BULK.subLogPrune, [this.logFloor]);
        }
      }
      const nsub = all ? all.subdomain_records.length + all.subdomain_domains.length : subs!.recRows.length + subs!.domRows.length;
      await c.query(PG_BULK.notify, [PG_CHANNEL, JSON.stringify({ routing: true, zonefiles: zf.length, subdomains: nsub > 0 || !!subs?.keys })]);
      await c.query('COMMIT');
      this.lastRowid = rid;
      this.lastChange = upTo;
      if (all) this.pushed.full++;
      this.pushed.rows += nsub;
      this.sql.prepare(ROUTING_SQL.subChangesDelUpTo).run(upTo);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  /** Distinct keys logged since the last push (up to `upTo`) and their current local rows (absent = deleted). */
  private changedRows(upTo: number) {
    const rec = new Map<string, [number, number]>();
    const dom = new Set<string>();
    for (const x of this.sql.prepare(ROUTING_SQL.subChangesUpTo).all(upTo) as { tbl: string; k: string }[]) {
      if (x.tbl === 'records') { const [a, b] = x.k.split('/').map(Number); rec.set(x.k, [a, b]); } else dom.add(x.k);
    }
    const getR = this.sql.prepare(ROUTING_SQL.subRecordGet);
    const getD = this.sql.prepare(ROUTING_SQL.subDomainGet);
    const recRows = [...rec.values()].map((k) => getR.get(k[0], k[1]) as Record<string, unknown> | undefined).filter((r) => r !== undefined);
    const domRows = [...dom].map((d) => getD.get(d) as Record<string, unknown> | undefined).filter((r) => r !== undefined);
    return { keys: rec.size + dom.size, rec: [...rec.values()], dom: [...dom], recRows, domRows };
  }

  async stop(): Promise<void> {
    await this.idle();
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}
