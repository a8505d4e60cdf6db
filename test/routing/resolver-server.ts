/** A tiny v1 API (naming.md §4.2 shapes) + profile host on loopback, for the resolver tests. */
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

export interface FakeName { address: string; zonefile: string | null; zonefile_hash: string; status?: string; raw?: string }

export async function startFakeApi(names: Map<string, FakeName>, files: Map<string, { status: number; body: string }>) {
  const app = new Hono();
  app.get('/v1/names/:name', (c) => {
    const n = names.get(c.req.param('name'));
    if (!n) return c.json({ status: 'available' }, 404);
    return c.json({ address: n.address, blockchain: 'bitcoin', status: n.status ?? 'registered', zonefile: n.zonefile, zonefile_hash: n.zonefile_hash, last_txid: '00'.repeat(32) });
  });
  app.get('/v1/names/:name/zonefile/:hash', (c) => {
    const n = names.get(c.req.param('name'));
    if (!n || n.zonefile_hash !== c.req.param('hash') || n.raw === undefined) return c.json({ error: 'No such zonefile' }, 404);
    return c.body(n.raw, 200, { 'content-type': 'application/octet-stream' });
  });
  app.get('/files/:f', (c) => {
    const f = files.get(c.req.param('f'));
    return f ? c.body(f.body, f.status as 200) : c.json({ error: 'not found' }, 404);
  });
  return await new Promise<{ base: string; close(): Promise<void> }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ base: `http://127.0.0.1:${info.port}`, close: () => new Promise<void>((r) => s.close(() => r())) }));
  });
}
