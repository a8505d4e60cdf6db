/**
 * @module api/errors — the API's error bodies: `ApiError(code, body)` carries the exact JSON body naming.md §4
 * documents ({"error": ...} or {"status": ...}); its status comes from the one table (base/http-status.ts), as
 * does the status of any other error with a code there that reaches the API (e.g. a stray BaseError: bad hex →
 * 400 `{"error": message, "code": "E_BAD_HEX"}`). Anything else is a 500.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HTTP_STATUS, statusOf } from '../base/http-status.ts';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, readonly body: Record<string, unknown>) {
    super(String(body.error ?? body.status ?? 'error'));
    this.code = code;
    this.status = statusOf(code, 500);
  }
}

export const badRequest = (error: string): ApiError => new ApiError('E_BAD_REQUEST', { error });
export const notFound = (error: string): ApiError => new ApiError('E_NOT_FOUND', { error });

/** The table's status of an error's `code`, or undefined when it has none there. */
function codedStatus(err: Error): number | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code) ? HTTP_STATUS[code] : undefined;
}

export function onError(err: Error, c: Context): Response {
  // 204 cannot carry a body over HTTP (Core sent one anyway); the message goes in a header instead.
  if (err instanceof ApiError && err.status === 204) return new Response(null, { status: 204, headers: { 'x-blockstack-error': String(err.body.error), 'access-control-allow-origin': '*' } });
  if (err instanceof ApiError) return c.json(err.body, err.status as 400);
  if (err instanceof HTTPException) return c.json({ error: err.message || 'HTTP error' }, err.status);
  const status = codedStatus(err);
  if (status !== undefined && status >= 400) return c.json({ error: err.message, code: (err as unknown as { code: string }).code }, status as 400);
  return c.json({ error: 'Internal server error' }, 500);
}
