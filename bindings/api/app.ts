/**
 * @module api/app — the hono app shared by Node (@hono/node-server) and Deno (`Deno.serve(app.fetch)`):
 * CORS as Core does (`Access-Control-Allow-Origin: *`, preflight answered), JSON errors, v1 routes at the
 * root, the Stacks API variant under `/stacks`, DNS over HTTPS at `/dns-query`, and optional extra routes (metrics, hub, Atlas) the node adds.
 */
import { Hono } from 'hono';
import { bodyLimit, type BodyLimit } from './body-limit.ts';
import { coreCors } from './cors.ts';
import { ApiError, onError } from './errors.ts';
import { statusOf } from '../base/http-status.ts';
import { v1Routes } from './routes-v1.ts';
import { dohRoutes } from './doh.ts';
import { STACKS_PREFIX, stacksRoutes } from './routes-stacks.ts';
import type { NameView } from './view.ts';

export interface AppOptions {
  /** Called with (method, route, status, seconds) after each request (the node feeds Prometheus). */
  onRequest?: (method: string, path: string, status: number, seconds: number) => void;
  /** Extra sub-apps mounted by the node (e.g. `/metrics`, the storage hub, Atlas). */
  mounts?: { path: string; app: Hono }[];
  /** Body caps by path prefix for mounted routes (e.g. Atlas `/RPC2`); other routes get the default cap. */
  bodyLimits?: BodyLimit[];
  /** Called for every 5xx answer with its error (the node logs it). */
  onServerError?: (err: Error, path: string) => void;
}

export function createApp(view: NameView, opts: AppOptions = {}): Hono {
  const app = new Hono();
  app.use('*', coreCors());
  if (opts.onRequest) {
    const rec = opts.onRequest;
    app.use('*', async (c, next) => {
      const t0 = performance.now();
      await next();
      rec(c.req.method, c.req.routePath, c.res.status, (performance.now() - t0) / 1000);
    });
  }
  app.use('*', bodyLimit(opts.bodyLimits));
  app.route('/', v1Routes(view));
  app.route(STACKS_PREFIX, stacksRoutes(view));
  app.route('/', dohRoutes(view));
  for (const m of opts.mounts ?? []) app.route(m.path, m.app);
  app.notFound((c) => c.json({ error: 'Not found' }, statusOf('E_NOT_FOUND', 404) as 404));
  app.onError((err, c) => {
    const res = onError(err, c);
    if (res.status >= 500) opts.onServerError?.(err, c.req.path);
    return res;
  });
  return app;
}

export { ApiError };
