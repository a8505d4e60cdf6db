/**
 * @module virtualchain/db/layout — the ONLY place that names the tables, columns and statements the node
 * writes (as hsd's layout.js), for both engines: SQLite (better-sqlite3) and PostgreSQL (pg). Tables are
 * declared once with abstract column types and rendered per dialect by `ddl(engine)`; statements use `?`
 * placeholders and `ON CONFLICT ... DO UPDATE` upserts (valid in both; `pgSql()` renumbers to `$n`).
 *
 * Name database (virtualchain):
 *   meta[key]                         -> value            (rule-set identity, schema version)
 *   namespaces[namespace_id]          -> record JSON
 *   name_preorders[preorder_hash]     -> record JSON
 *   namespace_preorders[preorder_hash]-> record JSON
 *   history[id]                       -> name, seq (index in the name's history), block, vtxindex, txid, op,
 *                                        opcode, consensus_hash, record JSON   (append-only: id grows with blocks)
 *   blocks[height]                    -> consensus_hash, ops_hash, accepted records (serialized,
 *                                        consensus.md §2) JSON, verdicts JSON, undo journal JSON (values
 *                                        before the block; names restore from history, see state.ts UndoEntry)
 *   blocks.hash: the Bitcoin block hash indexed at that height (NULL for scenario replays), in the same row
 *   as the undo journal, so a restart walks back over it to a fork point that happened while the node was
 *   stopped (node/indexer.ts). meta[schema_version] and meta[network] are checked at open.
 *   The tip is MAX(blocks.height): one row per block carries everything, so a block is one small write set.
 *   A name's current record is its newest history entry (every name change appends one, state.ts): there is
 *   no names table (schema 5; version 4 had one, which doubled the pages written per block — a v4 database
 *   is migrated at open by dropping it, see MIGRATIONS).
 *
 * Routing (zone files + subdomains, written by Atlas and the subdomain indexer):
 *   atlas_zonefiles[hash]             -> data bytes, stored_at (ms); content-addressed, never rewritten
 *   subdomain_records[slot, offset]   -> one subdomain record as seen in a domain zone file (+ accepted flag)
 *   subdomain_domains[domain]         -> resolver URL of the domain's newest zone file, its slot
 *   subdomain_changes[id]             -> table ('records' | 'domains' | '*' = reload everything), key ("slot/offset" or
 *                                        domain) of a changed subdomain row: on the PostgreSQL writer's local SQLite
 *                                        filled by triggers (SUBDOMAIN_TRIGGERS) and emptied once pushed; on PostgreSQL
 *                                        the log of pushed changes readers follow by id (pruned at each full push)
 * The Atlas inventory (slot → hash) is derived from `history` (accepted import/register/renew/update ops with a
 * value hash, chain order) and the stored zone files; the Atlas peer table is soft state in memory (naming.md
 * §2.5: health over a one-hour window), so neither has a table.
 *
 * Write cost is dominated by pages touched per block (each is a WAL page): history and blocks only append;
 * keyed tables are WITHOUT ROWID on SQLite (one B-tree each). The writer answers queries from memory; the
 * PostgreSQL read-only API processes load the same rows into memory too (docs/postgres.md).
 */

export const SCHEMA_VERSION = 5;

/**
 * Older layouts this node upgrades in place at open (the writer, in one transaction): statements per stored
 * version. 4 → 5: the names table is derived from history (dropped; its rows are never read again).
 */
export const MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  '4': ['DROP TABLE IF EXISTS names'],
};

export type Engine = 'sqlite' | 'postgres';
type ColType = 'text' | 'int' | 'bigint' | 'blob' | 'serial';
interface TableSpec { name: string; cols: [string, ColType, ('null' | 'notnull')?][]; pk: string[]; rowid?: boolean; indexes?: [string, string[]][] }

/** Document tables keyed by the in-memory Table id of state.ts (names: from history). */
export const STATE_TABLES = {
  ns: { table: 'namespaces', key: 'namespace_id' },
  pre: { table: 'name_preorders', key: 'preorder_hash' },
  nspre: { table: 'namespace_preorders', key: 'preorder_hash' },
} as const;

const doc = (name: string, key: string): TableSpec => ({ name, cols: [[key, 'text'], ['record', 'text']], pk: [key] });

/** Every table the node writes, in creation order. */
export const TABLES: TableSpec[] = [
  { name: 'meta', cols: [['key', 'text'], ['value', 'text']], pk: ['key'], rowid: true },
  doc('namespaces', 'namespace_id'),
  doc('name_preorders', 'preorder_hash'),
  doc('namespace_preorders', 'preorder_hash'),
  { name: 'history', pk: ['id'], rowid: true, cols: [['id', 'serial'], ['name', 'text'], ['seq', 'int'], ['block', 'int'], ['vtxindex', 'int'],
    ['txid', 'text'], ['op', 'text'], ['opcode', 'text'], ['consensus_hash', 'text', 'null'], ['record', 'text']] },
  { name: 'blocks', pk: ['height'], rowid: true, cols: [['height', 'int'], ['consensus_hash', 'text'], ['ops_hash', 'text'], ['ops', 'text'],
    ['verdicts', 'text'], ['undo', 'text'], ['hash', 'text', 'null']] },
  { name: 'atlas_zonefiles', pk: ['hash'], rowid: true, cols: [['hash', 'text'], ['data', 'blob'], ['stored_at', 'bigint']] },
  { name: 'subdomain_records', pk: ['parent_zonefile_index', 'zonefile_offset'], rowid: true,
    cols: [['fqn', 'text'], ['domain', 'text'], ['name', 'text'], ['independent', 'int'], ['owner', 'text'], ['sequence', 'int'], ['parts', 'int'],
      ['chunks', 'text'], ['zonefile', 'text'], ['zonefile_hash', 'text'], ['signature', 'text', 'null'], ['zonefile_offset', 'int'],
      ['parent_zonefile_hash', 'text'], ['parent_zonefile_index', 'int'], ['txid', 'text'], ['block_height', 'int'], ['accepted', 'int'],
      ['resolver', 'text', 'null'], ['missing', 'text'], ['reason', 'text', 'null']],
    indexes: [['subdomain_records_fqn', ['fqn', 'parent_zonefile_index', 'zonefile_offset']], ['subdomain_records_txid', ['txid']]] },
  { name: 'subdomain_domains', pk: ['domain'], rowid: true, cols: [['domain', 'text'], ['resolver', 'text', 'null'], ['slot', 'int']] },
  { name: 'subdomain_changes', pk: ['id'], rowid: true, cols: [['id', 'serial'], ['tbl', 'text'], ['k', 'text']] },
];

export const NAME_TABLES = ['meta', 'namespaces', 'name_preorders', 'namespace_preorders', 'history', 'blocks'] as const;
export const ROUTING_TABLES = ['atlas_zonefiles', 'subdomain_records', 'subdomain_domains'] as const;

/** SQLite triggers (PostgreSQL writer's local routing file only) that log every changed subdomain row's key. */
export const SUBDOMAIN_TRIGGERS: string[] = (() => {
  const out: string[] = [];
  const key = { subdomain_records: (r: string) => `${r}.parent_zonefile_index || '/' || ${r}.zonefile_offset`, subdomain_domains: (r: string) => `${r}.domain` };
  for (const [t, k] of Object.entries(key)) {
    const tbl = t === 'subdomain_records' ? 'records' : 'domains';
    for (const [ev, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      out.push(`CREATE TRIGGER IF NOT EXISTS ${t}_log_${ev.toLowerCase()} AFTER ${ev} ON ${t} BEGIN INSERT INTO subdomain_changes (tbl, k) VALUES ('${tbl}', ${k(row)}); END`);
    }
  }
  return out;
})();

const TYPES: Record<Engine, Record<ColType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', blob: 'BLOB', serial: 'INTEGER' },
  postgres: { text: 'TEXT', int: 'INTEGER', bigint: 'BIGINT', blob: 'BYTEA', serial: 'BIGINT GENERATED BY DEFAULT AS IDENTITY' },
};

export const tableSpec = (name: string): TableSpec => {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the layout`);
  return t;
};

/** CREATE statements (idempotent) of `tables` for one engine. */
export function ddl(engine: Engine, tables: readonly string[] = TABLES.map((t) => t.name)): string[] {
  const out: string[] = [];
  for (const name of tables) {
    const t = tableSpec(name);
    const cols = t.cols.map(([c, ty, n]) => `${c} ${TYPES[engine][ty]}${n === 'null' || (engine === 'sqlite' && ty === 'serial') ? '' : ' NOT NULL'}`);
    const single = t.pk.length === 1 && t.cols.find((c) => c[0] === t.pk[0])![1] === 'serial';
    if (engine === 'sqlite' && single) cols[t.cols.findIndex((c) => c[0] === t.pk[0])] = `${t.pk[0]} INTEGER PRIMARY KEY`;
    else cols.push(`PRIMARY KEY (${t.pk.join(', ')})`);
    out.push(`CREATE TABLE IF NOT EXISTS ${t.name} (${cols.join(', ')})${engine === 'sqlite' && !t.rowid ? ' WITHOUT ROWID' : ''}`);
    for (const [ix, on] of t.indexes ?? []) out.push(`CREATE INDEX IF NOT EXISTS ${ix} ON ${t.name} (${on.join(', ')})`);
  }
  return out;
}

/** The name database's SQLite schema (kept for callers of the earlier layout). */
export const SCHEMA: string[] = ddl('sqlite', NAME_TABLES);

export const SQL = {
  getMeta: 'SELECT value FROM meta WHERE key = ?',
  putMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  putDoc: (t: string, k: string) => `INSERT INTO ${t} (${k}, record) VALUES (?, ?) ON CONFLICT (${k}) DO UPDATE SET record = excluded.record`,
  delDoc: (t: string, k: string) => `DELETE FROM ${t} WHERE ${k} = ?`,
  allDocs: (t: string) => `SELECT record FROM ${t}`,
  putHistory: `INSERT INTO history (name, seq, block, vtxindex, txid, op, opcode, consensus_hash, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  allHistory: 'SELECT name, block, vtxindex, txid, op, opcode, consensus_hash, record FROM history ORDER BY id',
  delHistoryAbove: 'DELETE FROM history WHERE block > ?',
  putBlock: 'INSERT INTO blocks (height, consensus_hash, ops_hash, ops, verdicts, undo, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  tip: 'SELECT MAX(height) AS tip FROM blocks',
  allConsensus: 'SELECT height, consensus_hash, hash FROM blocks',
  getBlockOps: 'SELECT ops, verdicts FROM blocks WHERE height = ?',
  getUndo: 'SELECT undo AS journal FROM blocks WHERE height = ?',
  delBlocksAbove: 'DELETE FROM blocks WHERE height > ?',
} as const;

/**
 * Multi-row form of a single-row `INSERT … VALUES (?, …) [ON CONFLICT …]` statement of SQL: n rows in one
 * statement (the SQLite store writes a block's history / preorders with one statement each).
 */
export const multiRowSql = (sql: string, n: number): string =>
  sql.replace(/VALUES \(([?, ]+)\)/, (_m, g: string) => 'VALUES ' + Array.from({ length: n }, () => `(${g})`).join(', '));
/** `DELETE FROM t WHERE k IN (?, … n times)`. */
export const delManySql = (t: string, k: string, n: number): string => `DELETE FROM ${t} WHERE ${k} IN (${Array.from({ length: n }, () => '?').join(', ')})`;

/** Statements of the routing stores (zone files, subdomains); same placeholder rules as SQL. */
export const ROUTING_SQL = {
  zfGet: 'SELECT data FROM atlas_zonefiles WHERE hash = ?',
  zfHas: 'SELECT 1 AS x FROM atlas_zonefiles WHERE hash = ?',
  zfPut: 'INSERT INTO atlas_zonefiles (hash, data, stored_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING',
  zfCount: 'SELECT COUNT(*) AS n FROM atlas_zonefiles',
  zfAll: 'SELECT hash FROM atlas_zonefiles',
  subPut: `INSERT INTO subdomain_records VALUES (@fqn, @domain, @name, @independent, @owner, @sequence, @parts,
        @chunks, @zonefile, @zonefile_hash, @signature, @zonefile_offset, @parent_zonefile_hash, @parent_zonefile_index, @txid,
        @block_height, 0, @resolver, @missing, NULL)
    ON CONFLICT (parent_zonefile_index, zonefile_offset) DO UPDATE SET fqn = excluded.fqn, domain = excluded.domain, name = excluded.name,
        independent = excluded.independent, owner = excluded.owner, sequence = excluded.sequence, parts = excluded.parts, chunks = excluded.chunks,
        zonefile = excluded.zonefile, zonefile_hash = excluded.zonefile_hash, signature = excluded.signature,
        parent_zonefile_hash = excluded.parent_zonefile_hash, txid = excluded.txid, block_height = excluded.block_height, accepted = 0,
        resolver = excluded.resolver, missing = excluded.missing, reason = NULL`,
  subHistory: 'SELECT * FROM subdomain_records WHERE fqn = ? ORDER BY parent_zonefile_index, zonefile_offset',
  subSetAccepted: 'UPDATE subdomain_records SET accepted = ?, reason = ? WHERE parent_zonefile_index = ? AND zonefile_offset = ?',
  subDomainPut: `INSERT INTO subdomain_domains VALUES (?, ?, ?) ON CONFLICT (domain) DO UPDATE SET
        resolver = excluded.resolver, slot = excluded.slot WHERE excluded.slot >= subdomain_domains.slot`,
  subSlotSeen: 'SELECT 1 AS x FROM subdomain_records WHERE parent_zonefile_index = ? LIMIT 1',
  subByTxid: 'SELECT * FROM subdomain_records WHERE txid = ? ORDER BY parent_zonefile_index, zonefile_offset',
  subList: 'SELECT DISTINCT fqn FROM subdomain_records WHERE accepted = 1 ORDER BY fqn LIMIT ? OFFSET ?',
  subCount: 'SELECT COUNT(DISTINCT fqn) AS n FROM subdomain_records WHERE accepted = 1',
  subOfDomain: 'SELECT DISTINCT fqn FROM subdomain_records WHERE domain = ? AND accepted = 1 AND independent = 0 ORDER BY fqn',
  subOfOwner: 'SELECT DISTINCT fqn FROM subdomain_records WHERE owner = ? AND accepted = 1',
  subResolver: 'SELECT resolver FROM subdomain_domains WHERE domain = ?',
  subChangesMax: 'SELECT COALESCE(MAX(id), 0) AS id FROM subdomain_changes',
  /** every row still in the local log is unpushed (pushed rows are deleted; rowids may restart at 1 once it is empty) */
  subChangesUpTo: 'SELECT tbl, k FROM subdomain_changes WHERE id <= ? ORDER BY id',
  subChangesDelUpTo: 'DELETE FROM subdomain_changes WHERE id <= ?',
  subRecordGet: 'SELECT * FROM subdomain_records WHERE parent_zonefile_index = ? AND zonefile_offset = ?',
  subRecordDel: 'DELETE FROM subdomain_records WHERE parent_zonefile_index = ? AND zonefile_offset = ?',
  subDomainGet: 'SELECT * FROM subdomain_domains WHERE domain = ?',
  subDomainDel: 'DELETE FROM subdomain_domains WHERE domain = ?',
  zfSinceRowid: 'SELECT rowid AS rid, hash, data, stored_at FROM atlas_zonefiles WHERE rowid > ? ORDER BY rowid LIMIT ?',
  subFqnsAbove: 'SELECT DISTINCT fqn FROM subdomain_records WHERE block_height > ?',
  subDelAbove: 'DELETE FROM subdomain_records WHERE block_height > ?',
  subDomainsDelFrom: 'DELETE FROM subdomain_domains WHERE slot >= ?',
  /** After a reorg: each domain's resolver falls back to its newest remaining zone file. */
  subDomainsRebuild: `INSERT INTO subdomain_domains SELECT r.domain, r.resolver, r.parent_zonefile_index FROM subdomain_records r
    WHERE r.parent_zonefile_index = (SELECT MAX(x.parent_zonefile_index) FROM subdomain_records x WHERE x.domain = r.domain)
    ON CONFLICT (domain) DO NOTHING`,
} as const;

export const META = { rules: 'rules', rulesJson: 'rules_json', schema: 'schema_version', network: 'network' } as const;

/**
 * Refuses a database of another layout: `stored` is meta[schema_version] (undefined when absent), `hasRows`
 * whether name tables already hold data. Returns an error message, or null when the layout is this one.
 */
export function schemaProblem(where: string, stored: string | undefined, hasRows: boolean): string | null {
  if (stored === undefined) return hasRows ? `${where}: name database has no schema version (this node needs ${SCHEMA_VERSION}); re-index into a new --home / database` : null;
  if (stored !== String(SCHEMA_VERSION) && !Object.hasOwn(MIGRATIONS, stored)) {
    return `${where}: name database schema version ${stored}, this node needs ${SCHEMA_VERSION} (and upgrades ${Object.keys(MIGRATIONS).join(', ')} in place); re-index into a new --home / database (or delete it)`;
  }
  return null;
}

/**
 * The statements that upgrade a database whose meta[schema_version] is `stored` to SCHEMA_VERSION (ending with
 * the version's own update), or null when none is needed. Call after schemaProblem accepted `stored`.
 */
export function migrationFrom(stored: string | undefined): string[] | null {
  if (stored === undefined || !Object.hasOwn(MIGRATIONS, stored)) return null;
  return [...MIGRATIONS[stored], `UPDATE meta SET value = '${SCHEMA_VERSION}' WHERE key = '${META.schema}'`];
}

/**
 * PostgreSQL multi-row forms (one statement per table per commit, arrays bound as parameters): what a write
 * set (db/writes.ts) of one block, or of many consecutive blocks during catch-up, becomes.
 */
export const PG_BULK = {
  putDocs: (t: string, k: string) => `INSERT INTO ${t} (${k}, record) SELECT * FROM unnest($1::text[], $2::text[])
    ON CONFLICT (${k}) DO UPDATE SET record = excluded.record`,
  delDocs: (t: string, k: string) => `DELETE FROM ${t} WHERE ${k} = ANY($1::text[])`,
  putHistory: `INSERT INTO history (name, seq, block, vtxindex, txid, op, opcode, consensus_hash, record)
    SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
  putBlocks: `INSERT INTO blocks (height, consensus_hash, ops_hash, ops, verdicts, undo, hash)
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
  putZonefiles: `INSERT INTO atlas_zonefiles (hash, data, stored_at) SELECT * FROM unnest($1::text[], $2::bytea[], $3::bigint[])
    ON CONFLICT (hash) DO NOTHING`,
  zonefilesSince: 'SELECT hash, data, stored_at FROM atlas_zonefiles WHERE stored_at > $1 OR (stored_at = $1 AND hash > $2) ORDER BY stored_at, hash',
  clearSubdomains: ['DELETE FROM subdomain_records', 'DELETE FROM subdomain_domains'],
  /** Incremental subdomain rows (keys as arrays): delete, then re-insert the current images. */
  subRecordsDel: 'DELETE FROM subdomain_records WHERE (parent_zonefile_index, zonefile_offset) IN (SELECT * FROM unnest($1::int[], $2::int[]))',
  subRecordsIn: 'SELECT * FROM subdomain_records WHERE (parent_zonefile_index, zonefile_offset) IN (SELECT * FROM unnest($1::int[], $2::int[]))',
  subDomainsDel: 'DELETE FROM subdomain_domains WHERE domain = ANY($1::text[])',
  subDomainsIn: 'SELECT * FROM subdomain_domains WHERE domain = ANY($1::text[])',
  subLogPut: 'WITH ins AS (INSERT INTO subdomain_changes (tbl, k) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id) SELECT MIN(id) AS lo, MAX(id) AS hi FROM ins',
  subLogReset: "INSERT INTO subdomain_changes (tbl, k) VALUES ('*', '') RETURNING id",
  subLogPrune: 'DELETE FROM subdomain_changes WHERE id < $1',
  subLogSince: 'SELECT id, tbl, k FROM subdomain_changes WHERE id > $1 ORDER BY id',
  subLogMax: 'SELECT COALESCE(MAX(id), 0) AS id FROM subdomain_changes',
  firstBlock: 'SELECT MIN(height) AS h FROM blocks',
  tipRow: 'SELECT height, consensus_hash FROM blocks ORDER BY height DESC LIMIT 1',
  /** Incremental refresh of a replica at block $1: what the blocks above it changed. */
  consensusAt: 'SELECT consensus_hash FROM blocks WHERE height = $1',
  undoAbove: 'SELECT height, undo FROM blocks WHERE height > $1 ORDER BY height',
  consensusAbove: 'SELECT height, consensus_hash, hash FROM blocks WHERE height > $1',
  historyAbove: 'SELECT name, block, vtxindex, txid, op, opcode, consensus_hash, record FROM history WHERE block > $1 ORDER BY id',
  docsIn: (t: string, k: string) => `SELECT ${k} AS k, record FROM ${t} WHERE ${k} = ANY($1::text[])`,
  hasMeta: "SELECT to_regclass('meta') AS t",
  resetHistoryId: "SELECT setval(pg_get_serial_sequence('history', 'id'), GREATEST((SELECT MAX(id) FROM history), 1))",
  allRows: (t: string) => `SELECT * FROM ${tableSpec(t).name}`,
  countRows: (t: string) => `SELECT COUNT(*) AS n FROM ${tableSpec(t).name}`,
  notify: 'SELECT pg_notify($1, $2)',
  tryLock: 'SELECT pg_try_advisory_lock($1) AS ok',
  lock: 'SELECT pg_advisory_lock($1)',
  /** Every table, for `db copy` checks and test clean-up. */
  truncateAll: () => `TRUNCATE ${TABLES.map((t) => t.name).join(', ')}`,
} as const;

/** `INSERT INTO t (every column) VALUES (?, …)` for copying whole rows of a layout table. */
export function insertRowSql(table: string): string {
  const t = tableSpec(table);
  return `INSERT INTO ${t.name} (${t.cols.map((c) => c[0]).join(', ')}) VALUES (${t.cols.map(() => '?').join(', ')})`;
}
export const columnsOf = (table: string): string[] => tableSpec(table).cols.map((c) => c[0]);

/** PostgreSQL form of a layout statement: `?` → `$1, $2, …` (statements here never contain a literal `?`). */
export function pgSql(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** NOTIFY channel the PostgreSQL writer signals after every committed block / rollback / routing change. */
export const PG_CHANNEL = 'blockstack_changes';
/** pg_advisory_lock key of the single writer (ASCII "bstk" as a 32-bit integer). */
export const PG_WRITER_LOCK = 0x6273746b;
