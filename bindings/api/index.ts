/** @module api — the REST API (hono) over a NameView. */
export { createApp, type AppOptions } from './app.ts';
export { ApiError } from './errors.ts';
export { serveNode } from './serve-node.ts';
export { STACKS_PREFIX } from './routes-stacks.ts';
export { c32address } from '../base/c32.ts';
export type { NameView, NameInfo, NodeInfo } from './view.ts';
