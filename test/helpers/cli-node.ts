/**
 * Driving the real CLI (`bin/blockstack.js`) from tests: one-shot commands, long-running servers
 * (`devnet start`, `api start`) that print a JSON ready object, and a canonical dump of a node's SQLite name
 * database (blocks with their hashes and consensus hashes, names, history, namespaces) for comparisons.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { until as poll } from './until.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_RPC_USER: 'devnet', BLOCKSTACK_RPC_PASSWORD: 'devnet', BLOCKSTACK_CONFIRMATIONS: '1', CI: process.env.CI ?? '', ...extra };
}

/** Runs one CLI command to completion; resolves with its stdout, rejects (with stderr) on a non-zero exit. */
export function cli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/blockstack.js', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code, sig) => {
      clearTimeout(t);
      if (code === 0) resolve(out);
      else reject(new Error(`blockstack ${args.join(' ')} exited ${code} ${sig ?? ''}: ${err.slice(-2000)}`));
    });
  });
}

export interface CliServer { proc: ChildProcess; info: Record<string, any>; stderr: () => string; stop(): Promise<void> }

/** Starts a long-running CLI command with `--json`; resolves with its ready object (the JSON it prints on stdout). */
export function startCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliServer> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/blockstack.js', ...args, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '', ready = false;
    const exited = new Promise<void>((ok) => p.on('exit', () => ok()));
    const stop = async (): Promise<void> => {
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGINT');
      const t = setTimeout(() => p.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    };
    const t = setTimeout(() => { if (!ready) { p.kill('SIGKILL'); reject(new Error(`${args.join(' ')}: no ready line: ${err.slice(-2000)}`)); } }, timeoutMs);
    p.stderr.on('data', (d) => { err += d; });
    p.stdout.on('data', (d) => {
      out += d;
      if (ready) return;
      let info: Record<string, any>;
      try { info = JSON.parse(out); } catch { return; } // the ready object may come in several chunks
      ready = true;
      clearTimeout(t);
      resolve({ proc: p, info, stderr: () => err, stop });
    });
    p.on('exit', (code, sig) => { if (!ready) { clearTimeout(t); reject(new Error(`${args.join(' ')} exited ${code} ${sig}: ${err.slice(-2000)}`)); } });
  });
}

/** Canonical content of the node's SQLite name database in `home` (the one `names-*.sqlite` file). */
export function dumpNameDb(home: string): Record<string, unknown[]> {
  const files = readdirSync(home).filter((f) => /^names-.*\.sqlite$/.test(f));
  if (files.length !== 1) throw new Error(`expected one names-*.sqlite in ${home}, found ${files.join(', ') || 'none'}`);
  const db = new Database(join(home, files[0]), { readonly: true });
  try {
    return {
      blocks: db.prepare('SELECT height, hash, consensus_hash, ops_hash, ops, verdicts FROM blocks ORDER BY height').all(),
      names: db.prepare(`SELECT name, MAX(seq) AS seq, json_extract(record, '$[3]') AS owner, json_extract(record, '$[4]') AS address
        FROM history GROUP BY name ORDER BY name`).all(), // each name's newest history entry (SQLite: bare columns of the MAX row)
      history: db.prepare('SELECT name, seq, block, vtxindex, txid, op, record FROM history ORDER BY name, seq').all(),
      namespaces: db.prepare('SELECT * FROM namespaces ORDER BY namespace_id').all(),
    };
  } finally { db.close(); }
}

/** Polls `probe` every 250 ms until it returns true (errors count as false); throws after `ms`. */
export async function until(what: string, probe: () => Promise<boolean>, ms = 90_000): Promise<void> {
  await poll(what, () => probe().catch(() => false), ms, 250);
}
