/**
 * @module api/serve-deno — serves the same hono app with `Deno.serve` (Deno 2); the peer address goes to the
 * routes as `env.remoteAddr` (Atlas XML-RPC uses it, api/atlas-routes.ts).
 */
import type { Hono } from 'hono';

interface DenoAddr { hostname: string; port: number }
declare const Deno: { serve(o: { port: number; hostname?: string; onListen?: (a: { port: number }) => void }, h: (r: Request, info: { remoteAddr: DenoAddr }) => Response | Promise<Response>): { shutdown(): Promise<void>; addr: { port: number } } };

export function serveDeno(app: Hono, port: number, hostname = '127.0.0.1'): { url: string; port: number; close: () => Promise<void> } {
  const s = Deno.serve({ port, hostname, onListen: () => {} }, (req, info) => app.fetch(req, { remoteAddr: info.remoteAddr }));
  return { url: `http://${hostname}:${s.addr.port}`, port: s.addr.port, close: () => s.shutdown() };
}
