/** @module api/serve-deno — serves the same hono app with `Deno.serve` (Deno 2). */
import type { Hono } from 'hono';

declare const Deno: { serve(o: { port: number; hostname?: string; onListen?: (a: { port: number }) => void }, h: (r: Request) => Response | Promise<Response>): { shutdown(): Promise<void>; addr: { port: number } } };

export function serveDeno(app: Hono, port: number, hostname = '127.0.0.1'): { url: string; close: () => Promise<void> } {
  const s = Deno.serve({ port, hostname, onListen: () => {} }, app.fetch);
  return { url: `http://${hostname}:${s.addr.port}`, close: () => s.shutdown() };
}
