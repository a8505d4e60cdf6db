/**
 * @module routing/store/zonefile-store — content-addressed zone-file store (SQLite; table and statements
 * from virtualchain/db/layout.ts).
 *
 * A zone file is stored only if (1) it is at most 40,960 bytes, and (2) its hash160 is known on chain, as
 * told by the injected `isKnownHash(hash)` (naming.md §1.1, §2.7). Stored bytes are never rewritten. The
 * DB handle is anything with better-sqlite3's synchronous `prepare().run/get/all` (node:sqlite fits too).
 */
import { hash160HexBatch as hash160Batch, toBytes } from '../../base/index.ts';
import { MAX_ZONEFILE_BYTES, verifyHashSyntax } from '../zonefile/limits.ts';
import { RoutingError } from '../errors.ts';
import { ddl, ROUTING_SQL } from '../../virtualchain/db/layout.ts';

export interface SqlStatement { run(...a: unknown[]): unknown; get(...a: unknown[]): any; all(...a: unknown[]): any[] }
export interface SqlDb { prepare(sql: string): SqlStatement; exec(sql: string): unknown }

export type PutResult = { saved: boolean; hash: string; code?: 'E_ZONEFILE_TOO_LARGE' | 'E_ZONEFILE_NOT_ANNOUNCED' | 'E_ZONEFILE_HASH_MISMATCH' };

export interface ZoneFileStoreOptions {
  db: SqlDb;
  isKnownHash: (hash: string) => boolean;
  onStored?: (hash: string, bytes: Uint8Array) => void;
}

export class ZoneFileStore {
  private readonly db: SqlDb;
  isKnownHash: (hash: string) => boolean;
  onStored?: (hash: string, bytes: Uint8Array) => void;
  private readonly qGet: SqlStatement;
  private readonly qHas: SqlStatement;
  private readonly qPut: SqlStatement;
  private readonly qCount: SqlStatement;
  private readonly qAll: SqlStatement;

  constructor(opts: ZoneFileStoreOptions) {
    this.db = opts.db;
    this.isKnownHash = opts.isKnownHash;
    this.onStored = opts.onStored;
    for (const q of ddl('sqlite', ['atlas_zonefiles'])) this.db.exec(q);
    this.qGet = this.db.prepare(ROUTING_SQL.zfGet);
    this.qHas = this.db.prepare(ROUTING_SQL.zfHas);
    this.qPut = this.db.prepare(ROUTING_SQL.zfPut);
    this.qCount = this.db.prepare(ROUTING_SQL.zfCount);
    this.qAll = this.db.prepare(ROUTING_SQL.zfAll);
  }

  /** Store zone files whose hash is not given (uploads). One result per input, in order. */
  putMany(items: (Uint8Array | string)[]): PutResult[] {
    const bytes = items.map(toBytes);
    const hashes = hash160Batch(bytes.map((b) => (b.length <= MAX_ZONEFILE_BYTES ? b : new Uint8Array(0))));
    return this.batch(() => bytes.map((b, i) => this.insert(hashes[i], b)));
  }

  /** One SQLite savepoint per batch (works inside or outside the caller's transaction). */
  private batch<T>(fn: () => T): T {
    this.db.exec('SAVEPOINT atlas_zf');
    try {
      const r = fn();
      this.db.exec('RELEASE atlas_zf');
      return r;
    } catch (e) {
      this.db.exec('ROLLBACK TO atlas_zf');
      this.db.exec('RELEASE atlas_zf');
      throw e;
    }
  }

  put(item: Uint8Array | string): PutResult {
    return this.putMany([item])[0];
  }

  /** Store bytes fetched for an expected hash (Atlas): the hash is recomputed, never trusted. */
  putExpected(expected: Map<string, Uint8Array>): Map<string, PutResult> {
    const keys = [...expected.keys()];
    const vals = keys.map((k) => expected.get(k)!);
    const small = vals.map((v) => (v.length <= MAX_ZONEFILE_BYTES ? v : new Uint8Array(0)));
    const hashes = hash160Batch(small);
    const out = new Map<string, PutResult>();
    this.batch(() => keys.forEach((k, i) => {
      if (vals[i].length > MAX_ZONEFILE_BYTES) out.set(k, { saved: false, hash: k, code: 'E_ZONEFILE_TOO_LARGE' });
      else if (hashes[i] !== k) out.set(k, { saved: false, hash: hashes[i], code: 'E_ZONEFILE_HASH_MISMATCH' });
      else out.set(k, this.insert(k, vals[i]));
    }));
    return out;
  }

  private insert(hash: string, bytes: Uint8Array): PutResult {
    if (bytes.length > MAX_ZONEFILE_BYTES) return { saved: false, hash, code: 'E_ZONEFILE_TOO_LARGE' };
    if (!this.isKnownHash(hash)) return { saved: false, hash, code: 'E_ZONEFILE_NOT_ANNOUNCED' };
    const info = this.qPut.run(hash, bytes, Date.now()) as { changes?: number };
    if (info?.changes) this.onStored?.(hash, bytes);
    return { saved: true, hash };
  }

  get(hash: string): Uint8Array | null {
    if (!verifyHashSyntax(hash)) throw new RoutingError('E_INVALID_HASH', `invalid zone file hash ${JSON.stringify(hash)}`);
    const row = this.qGet.get(hash);
    return row ? new Uint8Array(row.data) : null;
  }

  has(hash: string): boolean {
    return verifyHashSyntax(hash) && !!this.qHas.get(hash);
  }

  count(): number {
    return Number(this.qCount.get().n);
  }

  hashes(): string[] {
    return this.qAll.all().map((r) => r.hash as string);
  }
}
