/**
 * @module virtualchain/db/layout — the ONLY place that names tables, columns and statements of the name
 * database (as hsd's layout.js). SQLite and a later PostgreSQL backend share it: plain SQL, TEXT JSON
 * documents, `ON CONFLICT ... DO UPDATE` upserts (valid in both).
 *
 *   meta[key]                         -> value            (rule-set identity, schema version)
 *   names[name]                       -> owner script, owner address, seq of its latest history entry
 *                                        (the record itself is that history entry's)
 *   namespaces[namespace_id]          -> record JSON
 *   name_preorders[preorder_hash]     -> record JSON
 *   namespace_preorders[preorder_hash]-> record JSON
 *   history[id]                       -> name, seq (index in the name's history), block, vtxindex, txid, op,
 *                                        opcode, consensus_hash, record JSON   (append-only: id grows with blocks)
 *   blocks[height]                    -> consensus_hash, ops_hash, accepted records (serialized,
 *                                        consensus.md §2) JSON, verdicts JSON, undo journal JSON (values
 *                                        before the block; names restore from history, see state.ts UndoEntry)
 *   The tip is MAX(blocks.height): one row per block carries everything, so a block is one small write set.
 *
 * Write cost is dominated by pages touched per block (each is a WAL page): history and blocks only append;
 * keyed tables are WITHOUT ROWID (one B-tree each); there is no secondary index (the node answers queries
 * from memory; a reader-only PostgreSQL backend may add `names (address)` and `history (name, seq)` indexes).
 */

export const SCHEMA_VERSION = 3;

/** State tables keyed by the in-memory Table id of state.ts. */
export const STATE_TABLES = {
  name: { table: 'names', key: 'name' },
  ns: { table: 'namespaces', key: 'namespace_id' },
  pre: { table: 'name_preorders', key: 'preorder_hash' },
  nspre: { table: 'namespace_preorders', key: 'preorder_hash' },
} as const;

export const SCHEMA: string[] = [
  'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS names (name TEXT PRIMARY KEY, owner TEXT NOT NULL, address TEXT NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID',
  'CREATE TABLE IF NOT EXISTS namespaces (namespace_id TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID',
  'CREATE TABLE IF NOT EXISTS name_preorders (preorder_hash TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID',
  'CREATE TABLE IF NOT EXISTS namespace_preorders (preorder_hash TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID',
  `CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY, name TEXT NOT NULL, seq INTEGER NOT NULL,
     block INTEGER NOT NULL, vtxindex INTEGER NOT NULL, txid TEXT NOT NULL, op TEXT NOT NULL, opcode TEXT NOT NULL,
     consensus_hash TEXT, record TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS blocks (height INTEGER PRIMARY KEY, consensus_hash TEXT NOT NULL, ops_hash TEXT NOT NULL,
     ops TEXT NOT NULL, verdicts TEXT NOT NULL, undo TEXT NOT NULL)`,
];

export const SQL = {
  getMeta: 'SELECT value FROM meta WHERE key = ?',
  putMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  putName: `INSERT INTO names (name, owner, address, seq) VALUES (?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, address = excluded.address, seq = excluded.seq`,
  allNames: 'SELECT name, seq FROM names',
  delName: 'DELETE FROM names WHERE name = ?',
  putDoc: (t: string, k: string) => `INSERT INTO ${t} (${k}, record) VALUES (?, ?) ON CONFLICT (${k}) DO UPDATE SET record = excluded.record`,
  delDoc: (t: string, k: string) => `DELETE FROM ${t} WHERE ${k} = ?`,
  allDocs: (t: string) => `SELECT record FROM ${t}`,
  putHistory: `INSERT INTO history (name, seq, block, vtxindex, txid, op, opcode, consensus_hash, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  allHistory: 'SELECT name, block, vtxindex, txid, op, opcode, consensus_hash, record FROM history ORDER BY id',
  delHistoryAbove: 'DELETE FROM history WHERE block > ?',
  putBlock: 'INSERT INTO blocks (height, consensus_hash, ops_hash, ops, verdicts, undo) VALUES (?, ?, ?, ?, ?, ?)',
  tip: 'SELECT MAX(height) AS tip FROM blocks',
  allConsensus: 'SELECT height, consensus_hash FROM blocks',
  getBlockOps: 'SELECT ops, verdicts FROM blocks WHERE height = ?',
  getUndo: 'SELECT undo AS journal FROM blocks WHERE height = ?',
  delBlocksAbove: 'DELETE FROM blocks WHERE height > ?',
} as const;

export const META = { rules: 'rules', schema: 'schema_version' } as const;
