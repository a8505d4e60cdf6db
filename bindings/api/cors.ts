/**
 * @module api/cors — CORS as Blockstack Core answers it: `Access-Control-Allow-Origin: *` on every reply and
 * preflights answered with 204. Written out rather than `hono/cors` because that middleware rebuilds each
 * response after the handler, which pushed @hono/node-server off its fast path: GET /v1/names/{name} went
 * from 16.5k to 6.5k req/s on this 2-core machine (autocannon, 32 connections, 2026-11-25).
 */
import type { MiddlewareHandler } from 'hono';

const PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, If-Match, If-None-Match',
  'Access-Control-Max-Age': '86400',
};

export function coreCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, PREFLIGHT);
    c.header('Access-Control-Allow-Origin', '*');
    await next();
  };
}
