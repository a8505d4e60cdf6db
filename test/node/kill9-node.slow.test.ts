/**
 * Whole-node crash safety (issue 12 §3): node A runs the devnet with name ops, zone files (Atlas) and
 * subdomains; node B (`blockstack api start --chain rpc`, A as its only Atlas peer) is killed with SIGKILL at
 * ≥ 20 random points of its catch-up and restarted each time; a last, clean run of B then ends with the same
 * name database (names, history, every consensus hash), the same zone files and the same subdomain records as
 * node C, which followed the same chain and peer and was never killed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneFileHash } from '../../bindings/base/hash.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { createDemo, demoOwners, opsFor } from '../../bindings/node/demo.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { sharedJson } from '../helpers/shared.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const V = sharedJson('vectors/zonefiles/subdomains.json');
const base = mkdtempSync(join(tmpdir(), 'bsk-kill9-'));
const homeB = join(base, 'b');
const homeC = join(base, 'c');
let a: BlockstackNode;
const KILLS = 20;

function env(home: string): NodeJS.ProcessEnv {
  return { ...process.env, BLOCKSTACK_HOME: home, BLOCKSTACK_RPC_USER: 'devnet', BLOCKSTACK_RPC_PASSWORD: 'devnet', BLOCKSTACK_CONFIRMATIONS: '1', CI: process.env.CI ?? '' };
}
const args = () => ['bin/blockstack.js', 'api', 'start', '--chain', 'rpc', '--network', 'regtest', '--rpc-url', a.rpcUrl!, '--port', '0', '--hub-port', '0',
  '--atlas-peers', new URL(a.apiUrl).host, '--no-crawl'];

/** Runs B; resolves when killed after `ms`, or (ms null) when `done(stdout)` says so, then stops it with SIGINT. */
function runB(home: string, ms: number | null, done?: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args(), { cwd: ROOT, env: env(home), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code, sig) => (sig === 'SIGKILL' || sig === 'SIGINT' || code === 0 || code === 130 ? resolve() : reject(new Error(`B exited ${code} ${sig}: ${err.slice(-2000)}`))));
    if (ms !== null) setTimeout(() => p.kill('SIGKILL'), ms);
    else {
      const t0 = Date.now();
      const tick = async () => {
        if (await done!().catch(() => false)) { p.kill('SIGINT'); return; }
        if (Date.now() - t0 > 60_000) { p.kill('SIGKILL'); reject(new Error('B did not converge: ' + err.slice(-2000))); return; }
        setTimeout(tick, 250);
      };
      setTimeout(tick, 500);
    }
  });
}

function dump(home: string) {
  const names = new Database(join(home, 'names-devnet.sqlite'), { readonly: true });
  const zf = new Database(join(home, 'zonefiles.sqlite'), { readonly: true });
  const out = {
    blocks: names.prepare('SELECT height, hash, consensus_hash, ops_hash, ops, verdicts FROM blocks ORDER BY height').all(),
    names: names.prepare(`SELECT name, MAX(seq) AS seq, json_extract(record, '$[3]') AS owner, json_extract(record, '$[4]') AS address
        FROM history GROUP BY name ORDER BY name`).all(), // each name's newest history entry (SQLite: bare columns of the MAX row)
    history: names.prepare('SELECT name, seq, block, vtxindex, txid, op, record FROM history ORDER BY name, seq').all(),
    namespaces: names.prepare('SELECT * FROM namespaces ORDER BY namespace_id').all(),
    zonefiles: zf.prepare('SELECT hash, hex(data) AS data FROM atlas_zonefiles ORDER BY hash').all(),
    subdomains: zf.prepare('SELECT fqn, owner, sequence, zonefile_hash, parent_zonefile_index, zonefile_offset, accepted, txid FROM subdomain_records ORDER BY parent_zonefile_index, zonefile_offset').all(),
  };
  names.close(); zf.close();
  return out;
}

describe('kill -9 the whole node (names, zone files, subdomains)', () => {
  beforeAll(async () => {
    a = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, atlas: { crawlMs: 200 } }, { BLOCKSTACK_HOME: join(base, 'a') }), { logToStderr: 'silent' });
    await createDemo(a);
    // NAME_UPDATEs of bob.id whose zone files carry subdomain records, uploaded to A's Atlas
    const bob = demoOwners(() => 'https://example.org/p.json')[1]!.account;
    for (const id of ['register-seqn0', 'update-seqn1-valid', 'independent-seqn0']) {
      const rec = V.cases.find((c: { id: string }) => c.id === id);
      const zf = new TextEncoder().encode(`$ORIGIN bob.id\n$TTL 3600\n${rec.txt_record}\n`);
      const sent = await opsFor(a).update(bob, 'bob.id', zoneFileHash(zf));
      await a.waitForHeight(sent.height);
      const up = await fetch(a.apiUrl + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile: new TextDecoder().decode(zf) }) });
      expect(up.status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => { await a?.stop(); rmSync(base, { recursive: true, force: true }); });

  it(`≥ ${KILLS} SIGKILLs of node B, then a clean run, equal node C that was never killed`, async () => {
    const wantZonefiles = a.zonefiles ? (await fetch(a.apiUrl + '/v1/names/bob.id').then((r) => r.json())).zonefile_hash : null;
    expect(wantZonefiles).toMatch(/^[0-9a-f]{40}$/);
    const caughtUp = (home: string) => async () => {
      const info = JSON.parse((await import('node:fs')).readFileSync(join(home, 'run.json'), 'utf8'));
      const r = await fetch(info.apiUrl + '/v1/names/bob.id').then((x) => x.json());
      const sub = await fetch(info.apiUrl + '/v1/names/alice.bob.id').then((x) => x.json());
      return r.zonefile_hash === wantZonefiles && typeof r.zonefile === 'string' && sub.status === 'registered_subdomain';
    };
    await runB(homeC, null, caughtUp(homeC));
    let seed = 12;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    for (let i = 0; i < KILLS; i++) await runB(homeB, 150 + Math.floor(rnd() * 1500));
    await runB(homeB, null, caughtUp(homeB));
    const b = dump(homeB);
    const c = dump(homeC);
    expect(b.blocks.length).toBeGreaterThan(5);
    expect(b.subdomains.length).toBeGreaterThan(0);
    expect(b.zonefiles.length).toBeGreaterThanOrEqual(3);
    expect(b).toEqual(c);
  }, 240_000);
});
