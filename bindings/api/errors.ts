/**
 * @module api/errors — the API's error bodies: `ApiError(status, body)` carries the
 * exact JSON body naming.md §4 documents ({"error": ...} or {"status": ...}); anything else is a 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

export class ApiError extends Error {
  readonly code: string;
  constructor(readonly status: 200 | 204 | 301 | 400 | 404 | 500 | 503, readonly body: Record<string, unknown>, code = 'API_ERROR') {
    super(String(body.error ?? body.status ?? 'error'));
    this.code = code;
  }
}

export const badRequest = (error: string): ApiError => new ApiError(400, { error }, 'BAD_REQUEST');
export const notFound = (error: string): ApiError => new ApiError(404, { error }, 'NOT_FOUND');

export function onError(err: Error, c: Context): Response {
  // 204 cannot carry a body over HTTP (Core sent one anyway); the message goes in a header instead.
  if (err instanceof ApiError && err.status === 204) return new Response(null, { status: 204, headers: { 'x-blockstack-error': String(err.body.error), 'access-control-allow-origin': '*' } });
  if (err instanceof ApiError) return c.json(err.body, err.status as 400);
  if (err instanceof HTTPException) return c.json({ error: err.message || 'HTTP error' }, err.status);
  return c.json({ error: 'Internal server error' }, 500);
}
