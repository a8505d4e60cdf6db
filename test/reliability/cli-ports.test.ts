/**
 * Issue 13 item 6 through the CLI: `blockstack start` with a busy port exits 2 with a message naming the service,
 * the address and the flag; `--port 0 --hub-port 0 --rpc-port 0` starts a node on free ports.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(args: string[], home: string, untilReady = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, ['bin/blockstack.js', ...args], { cwd: root, env: { ...process.env, BLOCKSTACK_HOME: home, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; if (untilReady && stdout.includes('"api"')) p.kill('SIGINT'); });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => ok({ code, stdout, stderr }));
    setTimeout(() => p.kill('SIGKILL'), 120_000).unref();
  });
}

describe('blockstack start: ports', () => {
  for (const [flag, service] of [['--port', 'REST API'], ['--hub-port', 'storage hub'], ['--rpc-port', 'devnet bitcoin RPC']]) {
    it(`a busy ${flag} exits 2 naming ${service} and ${flag}`, async () => {
      const s = net.createServer();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
      const busy = String((s.address() as net.AddressInfo).port);
      const home = mkdtempSync(join(tmpdir(), 'bsk-cliport-'));
      const ports: Record<string, string> = { '--port': '0', '--hub-port': '0', '--rpc-port': '0', [flag]: busy };
      // (the demo run also starts the hub; a busy port fails before any demo step)
      const r = await run(['start', '--no-atlas', '--mining', 'manual', ...Object.entries(ports).flat()], home);
      s.close();
      rmSync(home, { recursive: true, force: true });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(service);
      expect(r.stderr).toContain(`127.0.0.1:${busy}`);
      expect(r.stderr).toContain(flag);
    }, 120_000);
  }
  it('--port 0 --hub-port 0 --rpc-port 0: every server on a free port', async () => {
    const home = mkdtempSync(join(tmpdir(), 'bsk-cliport-'));
    const r = await run(['start', '--no-demo', '--auth-approve', 'alice.id', '--mining', 'manual', '--port', '0', '--hub-port', '0', '--rpc-port', '0', '--json'], home, true);
    rmSync(home, { recursive: true, force: true });
    const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1));
    for (const u of [info.api, info.bitcoinRpc, info.hub]) expect(Number(new URL(u).port)).toBeGreaterThan(0);
  }, 120_000);
});
