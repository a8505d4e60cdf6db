/**
 * @module cli/commands/routing — `blockstack zonefile push FILE`, `blockstack zonefile get HASH|NAME` and
 * `blockstack resolve NAME`. Zone files go to a node's Atlas endpoint (XML-RPC `put_zonefiles`, as Core's
 * CLI does) or its REST API (`POST /v1/zonefile`); every fetched zone file is re-hashed before it is shown.
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { AtlasClient } from '../../routing/atlas/client.ts';
import { zoneFileHash } from '../../base/hash.ts';
import { MAX_ZONEFILE_BYTES, verifyHashSyntax } from '../../routing/zonefile/limits.ts';
import { resolve, ResolverError } from '../../resolver/index.ts';
import { CliError } from '../output.ts';
import type { ErrorCode } from '../../base/errors.ts';

interface Flags { api?: string; atlas?: string; json?: boolean; out?: string; zonefileOnly?: boolean; timeout?: string }

const fail = (message: string, code: ErrorCode): CliError => new CliError(message, code);
const apiOf = (f: Flags) => (f.api ?? process.env.BLOCKSTACK_API_URL ?? 'http://127.0.0.1:6270').replace(/\/+$/, '');
const out = (f: Flags, obj: unknown, text: string) => console.log(f.json ? JSON.stringify(obj, null, 2) : text);

async function pushZoneFile(file: string, f: Flags): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file === '-' ? 0 : file));
  if (bytes.length > MAX_ZONEFILE_BYTES) throw fail(`zone file is ${bytes.length} bytes, limit ${MAX_ZONEFILE_BYTES}`, 'E_ZONEFILE_TOO_LARGE');
  const hash = zoneFileHash(bytes);
  if (f.atlas) {
    const saved = await new AtlasClient(f.atlas).putZonefiles([bytes]);
    if (saved[0] !== 1) throw fail(`node ${f.atlas} refused zone file ${hash} (not announced on chain yet?)`, 'E_ZONEFILE_NOT_ANNOUNCED');
    return out(f, { status: true, hash, servers: [f.atlas] }, `pushed ${hash} to ${f.atlas}`);
  }
  const base = apiOf(f);
  const res = await fetch(`${base}/v1/zonefile`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ zonefile_b64: Buffer.from(bytes).toString('base64') }),
  }).catch((e) => { throw fail(`POST ${base}/v1/zonefile: ${e.message}`, 'E_API_ERROR'); });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200) throw fail(`node refused zone file ${hash}: ${body.error ?? `HTTP ${res.status}`}`, 'E_ZONEFILE_NOT_ANNOUNCED');
  out(f, { ...body, hash }, `pushed ${hash} to ${base}`);
}

async function getZoneFile(what: string, f: Flags): Promise<void> {
  let bytes: Uint8Array | null = null;
  let hash = what.toLowerCase();
  if (verifyHashSyntax(hash)) {
    if (f.atlas) bytes = (await new AtlasClient(f.atlas).getZonefiles([hash])).get(hash) ?? null;
    else {
      const res = await fetch(`${apiOf(f)}/v1/zonefiles/${hash}`).catch((e) => { throw fail(e.message, 'E_API_ERROR'); });
      if (res.status === 200) bytes = new Uint8Array(await res.arrayBuffer());
    }
    if (!bytes) throw fail(`zone file ${hash} not found`, 'E_ZONEFILE_NOT_FOUND');
  } else {
    const res = await fetch(`${apiOf(f)}/v1/names/${encodeURIComponent(what)}`).catch((e) => { throw fail(e.message, 'E_API_ERROR'); });
    const rec = await res.json().catch(() => null);
    if (res.status !== 200 || !rec) throw fail(`name ${what} not found`, 'E_NAME_NOT_FOUND');
    if (typeof rec.zonefile !== 'string') throw fail(`the node does not hold the zone file of ${what}`, 'E_ZONEFILE_NOT_FOUND');
    hash = rec.zonefile_hash;
    bytes = new TextEncoder().encode(rec.zonefile);
  }
  const actual = zoneFileHash(bytes);
  if (actual !== hash) throw fail(`zone file served for ${hash} hashes to ${actual}`, 'E_ZONEFILE_HASH_MISMATCH');
  if (f.out) writeFileSync(f.out, bytes);
  const text = new TextDecoder().decode(bytes);
  out(f, { hash, zonefile: text }, f.out ? `wrote ${bytes.length} bytes (${hash}) to ${f.out}` : text.replace(/\n$/, ''));
}

export function registerRouting(program: Command): void {
  const zf = program.command('zonefile').description('push and fetch zone files (Atlas)');
  zf.command('push <file>')
    .description('upload a zone file whose hash is on chain (file path or - for stdin)')
    .option('--api <url>', 'node REST API (default $BLOCKSTACK_API_URL or http://127.0.0.1:6270)')
    .option('--atlas <host:port>', 'push over Atlas XML-RPC (put_zonefiles) instead of the REST API')
    .option('--json', 'JSON output')
    .action((file: string, f: Flags) => pushZoneFile(file, f));
  zf.command('get <hashOrName>')
    .description('fetch a zone file by hash or by name; the hash is verified')
    .option('--api <url>', 'node REST API (default $BLOCKSTACK_API_URL or http://127.0.0.1:6270)')
    .option('--atlas <host:port>', 'fetch a hash over Atlas XML-RPC (get_zonefiles)')
    .option('--out <file>', 'write the raw bytes to a file')
    .option('--json', 'JSON output')
    .action((what: string, f: Flags) => getZoneFile(what, f));
  program.command('resolve <name>')
    .description('resolve a name: record → zone file (hash checked) → profile (signature and freshness checked)')
    .option('--api <url>', 'v1 API (default $BLOCKSTACK_API_URL or http://127.0.0.1:6270)')
    .option('--zonefile-only', 'stop after the verified zone file')
    .option('--timeout <ms>', 'per-request timeout', '10000')
    .option('--json', 'JSON output')
    .action(async (name: string, f: Flags) => {
      try {
        const r = await resolve(name, { api: apiOf(f), zonefileOnly: f.zonefileOnly, timeoutMs: Number(f.timeout) });
        out(f, r, [`name:      ${r.name}`, `owner:     ${r.address}`, `zonefile:  ${r.zonefile_hash} (verified)`,
          ...r.urls.map((u) => `url:       ${u.service} ${u.url}`),
          r.profile ? `profile:   ${JSON.stringify(r.profile)}${r.verified ? ' (signature verified)' : ''}` : 'profile:   (not fetched)'].join('\n'));
      } catch (e) {
        if (e instanceof ResolverError) throw new CliError(e.message.replace(` (${e.code})`, ''), e.code, 2); // resolver failures count as bad input
        throw e;
      }
    });
}
