/**
 * @module virtualchain/db/layout — the ONLY place that names tables, columns and statements of the name
 * database (as hsd's layout.js). SQLite and a later PostgreSQL backend share it: plain SQL, TEXT JSON
 * documents, `ON CONFLICT ... DO UPDATE` upserts (valid in both).
 *
 *   meta[key]                         -> value            (tip height, rule-set name, schema version)
 *   names[name]                       -> owner script, owner address, record JSON
 *   namespaces[namespace_id]          -> record JSON
 *   name_preorders[preorder_hash]     -> record JSON
 *   namespace_preorders[preorder_hash]-> record JSON
 *   history[name, seq]                -> block, vtxindex, txid, op, opcode, consensus_hash, record JSON
 *   consensus[height]                 -> consensus_hash, ops_hash
 *   block_ops[height]                 -> accepted records JSON, verdicts JSON
 *   undo[height]                      -> journal JSON (values before the block; see state.ts UndoEntry)
 */

export const SCHEMA_VERSION = 1;

/** State tables keyed by the in-memory Table id of state.ts. */
export const STATE_TABLES = {
  name: { table: 'names', key: 'name' },
  ns: { table: 'namespaces', key: 'namespace_id' },
  pre: { table: 'name_preorders', key: 'preorder_hash' },
  nspre: { table: 'namespace_preorders', key: 'preorder_hash' },
} as const;

export const SCHEMA: string[] = [
  'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS names (name TEXT PRIMARY KEY, owner TEXT NOT NULL, address TEXT NOT NULL, record TEXT NOT NULL)',
  'CREATE INDEX IF NOT EXISTS names_by_address ON names (address)',
  'CREATE TABLE IF NOT EXISTS namespaces (namespace_id TEXT PRIMARY KEY, record TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS name_preorders (preorder_hash TEXT PRIMARY KEY, record TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS namespace_preorders (preorder_hash TEXT PRIMARY KEY, record TEXT NOT NULL)',
  `CREATE TABLE IF NOT EXISTS history (name TEXT NOT NULL, seq INTEGER NOT NULL, block INTEGER NOT NULL,
     vtxindex INTEGER NOT NULL, txid TEXT NOT NULL, op TEXT NOT NULL, opcode TEXT NOT NULL, consensus_hash TEXT,
     record TEXT NOT NULL, PRIMARY KEY (name, seq))`,
  'CREATE INDEX IF NOT EXISTS history_by_block ON history (block)',
  'CREATE TABLE IF NOT EXISTS consensus (height INTEGER PRIMARY KEY, consensus_hash TEXT NOT NULL, ops_hash TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS block_ops (height INTEGER PRIMARY KEY, ops TEXT NOT NULL, verdicts TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS undo (height INTEGER PRIMARY KEY, journal TEXT NOT NULL)',
];

export const SQL = {
  getMeta: 'SELECT value FROM meta WHERE key = ?',
  putMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  putName: `INSERT INTO names (name, owner, address, record) VALUES (?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, address = excluded.address, record = excluded.record`,
  delName: 'DELETE FROM names WHERE name = ?',
  putDoc: (t: string, k: string) => `INSERT INTO ${t} (${k}, record) VALUES (?, ?) ON CONFLICT (${k}) DO UPDATE SET record = excluded.record`,
  delDoc: (t: string, k: string) => `DELETE FROM ${t} WHERE ${k} = ?`,
  allDocs: (t: string) => `SELECT record FROM ${t}`,
  putHistory: `INSERT INTO history (name, seq, block, vtxindex, txid, op, opcode, consensus_hash, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  allHistory: 'SELECT name, block, vtxindex, txid, op, opcode, consensus_hash, record FROM history ORDER BY name, seq',
  delHistoryAbove: 'DELETE FROM history WHERE block > ?',
  putConsensus: 'INSERT INTO consensus (height, consensus_hash, ops_hash) VALUES (?, ?, ?)',
  allConsensus: 'SELECT height, consensus_hash FROM consensus',
  delConsensusAbove: 'DELETE FROM consensus WHERE height > ?',
  putBlockOps: 'INSERT INTO block_ops (height, ops, verdicts) VALUES (?, ?, ?)',
  getBlockOps: 'SELECT ops, verdicts FROM block_ops WHERE height = ?',
  delBlockOpsAbove: 'DELETE FROM block_ops WHERE height > ?',
  putUndo: 'INSERT INTO undo (height, journal) VALUES (?, ?)',
  getUndo: 'SELECT journal FROM undo WHERE height = ?',
  delUndoAbove: 'DELETE FROM undo WHERE height > ?',
  namesByAddress: 'SELECT name FROM names WHERE address = ? ORDER BY name',
} as const;

export const META = { tip: 'tip', rules: 'rules', schema: 'schema_version' } as const;
