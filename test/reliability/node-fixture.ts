/**
 * A whole node for the reliability suite: embedded devnet, REST API, Atlas /RPC2, storage hub and /auth,
 * every port 0, in a throwaway home; the demo names alice.id / bob.id created by real operations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { AuthService, HubService } from '../../bindings/node/services.ts';
import { createDemo } from '../../bindings/node/demo.ts';

export interface NodeFixture { node: BlockstackNode; hub: HubService; home: string; apiUrl: string; hubUrl: string; stop(): Promise<void> }

export async function startFixtureNode(opts: { demo?: boolean } = {}): Promise<NodeFixture> {
  const home = mkdtempSync(join(tmpdir(), 'bsk-rel-'));
  const cfg = loadConfig({ api: { port: 0 }, hub: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: home });
  const hub = new HubService(cfg);
  const auth = new AuthService(hub, { autoApprove: 'alice.id' });
  const node = await BlockstackNode.start(cfg, { logToStderr: 'silent', services: [hub, auth] });
  if (opts.demo !== false) {
    const zonefiles = await auth.publishDemoProfiles(['alice.id', 'bob.id']);
    await createDemo(node, { zonefiles });
  }
  return {
    node, hub, home, apiUrl: node.apiUrl, hubUrl: hub.hub!.url,
    stop: async () => { await node.stop(); rmSync(home, { recursive: true, force: true }); },
  };
}

/**
 * Streams a body of `total` bytes in `chunk`-byte pieces (chunked unless `contentLength`), stopping as soon
 * as the server answers. Resolves with the status and how many bytes had been written by then.
 */
export function streamBody(url: string, opts: { method?: string; total: number; chunk?: number; contentLength?: number; headers?: Record<string, string> }): Promise<{ status: number; sent: number; body: string }> {
  const u = new URL(url);
  const chunk = Buffer.alloc(opts.chunk ?? 64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'POST', agent: false,
      headers: { 'content-type': 'application/octet-stream', ...(opts.contentLength !== undefined ? { 'content-length': String(opts.contentLength) } : {}), ...opts.headers } }, (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, sent: at, body }); req.destroy(); });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, sent: at, body }));
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    const pump = () => {
      while (!answered && sent < opts.total) {
        sent += chunk.length;
        if (!req.write(chunk)) { req.once('drain', pump); return; }
      }
      if (!answered && sent >= opts.total) req.end();
    };
    pump();
  });
}
