/**
 * @module routing/atlas/server — the Atlas RPC endpoint as a fetch handler `(Request, remoteAddr) → Response`:
 * XML-RPC (Core's wire format, any path) and `POST /atlas/<method>` with a JSON array of positional params.
 * Runtime neutral: `serveAtlas` (node:http via @hono/node-server) is the Node adapter; Deno can pass the
 * handler to `Deno.serve`, and the node's hono app can mount it.
 */
import { decodeMethodCall, encodeFault, encodeMethodResponse, type XValue } from './xmlrpc.ts';
import { readCappedText } from '../../base/body.ts';
import { statusOf } from '../../base/http-status.ts';
import { dispatchAtlas } from './rpc-methods.ts';
import type { AtlasNode } from './atlas-node.ts';

/** ≈ 150 × 40,960 bytes (naming.md §2.2). */
export const MAX_REQUEST_BYTES = 150 * 40_960;

const isLoopback = (a: string): boolean => a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.') || a === 'localhost';

function xvalue(v: unknown): XValue {
  return v as XValue;
}

export function createAtlasHandler(node: AtlasNode, defaultPort = 6264) {
  return async function handle(req: Request, remoteAddr = '127.0.0.1'): Promise<Response> {
    if (req.method !== 'POST') return new Response('Atlas RPC: POST only\n', { status: statusOf('E_METHOD_NOT_ALLOWED', 405) });
    // streamed with the cap, chunked or not: 413 as soon as it is passed, nothing more is buffered
    const body = await readCappedText(req.headers, req.body, MAX_REQUEST_BYTES, false);
    if (body === null) return new Response(`request body over ${MAX_REQUEST_BYTES} bytes\n`, { status: statusOf('E_BODY_TOO_LARGE', 413), headers: { connection: 'close' } });
    const host = remoteAddr.replace(/^::ffff:/, '');
    const caller = { host, local: isLoopback(remoteAddr), defaultPort };
    const path = new URL(req.url).pathname;
    const m = /^\/atlas\/([a-z_]+)$/.exec(path);
    if (m) {
      let params: unknown;
      try { params = JSON.parse(body || '[]'); } catch { params = null; }
      if (!Array.isArray(params)) return Response.json({ error: 'params must be a JSON array', http_status: statusOf('E_INVALID_ARGUMENT', 400) }, { status: statusOf('E_INVALID_ARGUMENT', 400) });
      const reply = dispatchAtlas(node, m[1], params, caller);
      return Response.json(reply, { status: typeof reply.http_status === 'number' ? reply.http_status : 200 });
    }
    let call: { method: string; params: XValue[] };
    try { call = decodeMethodCall(body); } catch (e) {
      return new Response(encodeFault(1, (e as Error).message), { headers: { 'content-type': 'text/xml' } });
    }
    const params = call.params.map((p) => (p instanceof Uint8Array ? new TextDecoder().decode(p) : p));
    const reply = dispatchAtlas(node, call.method, params, caller);
    // Core answers every method with one string holding JSON, HTTP 200 even on error (§2.2).
    return new Response(encodeMethodResponse(xvalue(JSON.stringify(reply))), { headers: { 'content-type': 'text/xml' } });
  };
}

type Server = import('node:http').Server;

export interface RunningServer { port: number; close(): Promise<void> }

/** Serve the handler on node:http (loopback by default). */
export async function serveAtlas(node: AtlasNode, opts: { port?: number; hostname?: string; defaultPort?: number } = {}): Promise<RunningServer> {
  const { serve } = await import('@hono/node-server');
  const { lingeringClose } = await import('../../base/http-linger.ts');
  const handler = createAtlasHandler(node, opts.defaultPort ?? 6264);
  return await new Promise((resolve) => {
    const server = serve({
      fetch: (req: Request, env: any) => handler(req, env?.incoming?.socket?.remoteAddress ?? '127.0.0.1'),
      port: opts.port ?? 0, hostname: opts.hostname ?? '127.0.0.1',
    }, (info) => {
      lingeringClose(server as unknown as Server);
      resolve({
        port: info.port,
        close: () => new Promise<void>((r) => { (server as any).closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
