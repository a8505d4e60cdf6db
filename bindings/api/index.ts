/** @module api — the REST API (hono) over a NameView. */
export { createApp, type AppOptions } from './app.ts';
export { ApiError } from './errors.ts';
export { serveNode } from './serve-node.ts';
export { atlasRoutes, RPC_PATH } from './atlas-routes.ts';
export { subdomainView } from './subdomain-view.ts';
export { dohRoutes } from './doh.ts';
export { STACKS_PREFIX } from './routes-stacks.ts';
export { c32address } from '../base/c32.ts';
export type { NameView, NameInfo, NodeInfo } from './view.ts';
