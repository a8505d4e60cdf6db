/** CLI: `blockstack zonefile push/get` against a loopback Atlas node, `blockstack resolve` against a loopback v1 API. */
import { describe, it, expect, afterAll, vi } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../bindings/cli/main.ts';
import { zoneFileHash, makeZoneFile } from '../../bindings/index.ts';
import { DevChain, SAMPLES, startNode, type TestNode } from './atlas-helpers.ts';
import { startFakeApi } from './resolver-server.ts';

async function run(args: string[]): Promise<{ rc: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const l = vi.spyOn(console, 'log').mockImplementation((...a) => { out.push(a.join(' ')); });
  const e = vi.spyOn(console, 'error').mockImplementation((...a) => { err.push(a.join(' ')); });
  try {
    const rc = await main(['node', 'blockstack', ...args]);
    return { rc, out: out.join('\n'), err: err.join('\n') };
  } finally { l.mockRestore(); e.mockRestore(); }
}

describe('blockstack zonefile / resolve', () => {
  const chain = new DevChain();
  const dir = mkdtempSync(join(tmpdir(), 'bs-routing-'));
  let n: TestNode;
  let api: { base: string; close(): Promise<void> };
  afterAll(async () => { await n?.server.close(); await api?.close(); });

  it('push then get over Atlas XML-RPC; unannounced and oversized refused', async () => {
    const text = SAMPLES[3].text;
    chain.announce([text]);
    n = await startNode(chain);
    writeFileSync(join(dir, 'z.txt'), text);
    const p = await run(['zonefile', 'push', join(dir, 'z.txt'), '--atlas', n.hp, '--json']);
    expect(p.rc).toBe(0);
    expect(JSON.parse(p.out).hash).toBe(SAMPLES[3].hash);
    const g = await run(['zonefile', 'get', SAMPLES[3].hash, '--atlas', n.hp]);
    expect(g.rc).toBe(0);
    expect(g.out).toBe(text.replace(/\n$/, ''));
    writeFileSync(join(dir, 'u.txt'), '$ORIGIN unannounced.id\n');
    const u = await run(['zonefile', 'push', join(dir, 'u.txt'), '--atlas', n.hp]);
    expect(u.rc).toBe(2);
    expect(u.err).toMatch(/E_ZONEFILE_NOT_ANNOUNCED/);
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(40_961));
    expect((await run(['zonefile', 'push', join(dir, 'big.txt'), '--atlas', n.hp])).err).toMatch(/E_ZONEFILE_TOO_LARGE/);
    const missing = await run(['zonefile', 'get', '0'.repeat(40), '--atlas', n.hp]);
    expect(missing.rc).toBe(3);
  });

  it('resolve prints the verified zone file and rejects a tampered one with its code', async () => {
    const names = new Map();
    api = await startFakeApi(names, new Map());
    const z = makeZoneFile({ $origin: 'cli.id', $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: 'https://example.org/p.json' }] }, '{$origin}\n{$ttl}\n{uri}\n');
    names.set('cli.id', { address: '12WwAxdEeWgzaA1F3Suai1RYRF5qXkgcV6', zonefile: z, zonefile_hash: zoneFileHash(z) });
    names.set('bad.id', { address: '12WwAxdEeWgzaA1F3Suai1RYRF5qXkgcV6', zonefile: z + ' ', zonefile_hash: zoneFileHash(z) });
    const ok = await run(['resolve', 'cli.id', '--api', api.base, '--zonefile-only', '--json']);
    expect(ok.rc).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ name: 'cli.id', zonefile_hash: zoneFileHash(z), profileUrl: 'https://example.org/p.json' });
    const bad = await run(['resolve', 'bad.id', '--api', api.base]);
    expect(bad.rc).toBe(2);
    expect(bad.err).toMatch(/E_ZONEFILE_HASH_MISMATCH/);
  });
});
