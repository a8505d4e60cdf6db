/**
 * Interop with Python's xmlrpc (the library Blockstack Core's Atlas used on both sides): a Python
 * SimpleXMLRPCServer acting as a Core peer that our node crawls from, and Python's xmlrpc.client calling our
 * node. Skipped only when the machine has no python3.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevChain, SAMPLES, startNode, type TestNode } from './atlas-helpers.ts';
import { zoneFileHash } from '../../bindings/index.ts';

const hasPython = spawnSync('python3', ['-c', 'import hashlib; hashlib.new("ripemd160")']).status === 0;
const script = fileURLToPath(new URL('./core_peer.py', import.meta.url));

describe.skipIf(!hasPython)('Core-style Python XML-RPC peers', () => {
  const chain = new DevChain();
  const texts = SAMPLES.slice(100, 130).map((z) => z.text);
  chain.announce(texts);
  let py: ChildProcess | undefined;
  const nodes: TestNode[] = [];
  afterAll(async () => { py?.kill(); for (const n of nodes) await n.server.close(); });

  it('our node crawls every zone file a Python (Core-like) peer holds, verified', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-core-'));
    const portFile = join(dir, 'port');
    const held = texts.slice(0, 25).map((t) => Buffer.from(t).toString('hex'));
    py = spawn('python3', [script, portFile, ...held, '--', ...chain.slots.map((s) => s.hash)], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 50));
    const hp = `127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
    const n = await startNode(chain, [hp]);
    nodes.push(n);
    const stats = await n.node.crawler.crawlOnce();
    expect(stats.fetched).toBe(25);
    expect(n.node.store.count()).toBe(25);
    expect(n.node.inventory.missingHashes()).toEqual(texts.slice(25).map((t) => zoneFileHash(t)));
    expect(n.node.peers.get(hp)!.validated).toBe(true);
  });

  it("Python's xmlrpc.client can use our node like a Core node", async () => {
    const n = nodes[0];
    const code = `
import xmlrpc.client, json, base64, sys
s = xmlrpc.client.ServerProxy('http://${n.hp}/RPC2')
print(json.dumps({
  'ping': json.loads(s.ping()),
  'inv': json.loads(s.get_zonefile_inventory(0, 100))['inv'],
  'zf': json.loads(s.get_zonefiles(['${zoneFileHash(texts[0])}']))['zonefiles'],
  'put': json.loads(s.put_zonefiles([base64.b64encode(sys.argv[1].encode()).decode()]))['saved'],
}))`;
    // async spawn: the node under test runs in this process, so its event loop must stay free
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((res) => {
      const c = spawn('python3', ['-c', code, texts[29]]);
      let stdout = '', stderr = '';
      c.stdout.on('data', (d) => (stdout += d));
      c.stderr.on('data', (d) => (stderr += d));
      c.on('close', (status) => res({ status, stdout, stderr }));
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ping).toEqual({ status: 'alive', version: '21.0.0.0' });
    expect(Buffer.from(out.inv, 'base64').toString('hex')).toBe('ffffff80');
    expect(Buffer.from(out.zf[zoneFileHash(texts[0])], 'base64').toString()).toBe(texts[0]);
    expect(out.put).toEqual([1]);
    expect(n.node.store.has(zoneFileHash(texts[29]))).toBe(true);
  });
});
