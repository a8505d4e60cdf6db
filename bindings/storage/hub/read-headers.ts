/**
 * @module storage/hub/read-headers — what a hub read answers besides the body, in one place for the hono read
 * route (app.ts) and the Node fast path (read-fast.ts): the read path pattern, the CORS headers every answer
 * carries, and the headers and status of a read (304 when `If-None-Match` names the stored ETag).
 */

export const READ_PATH = /^\/read\/([a-zA-Z0-9]+(?:-auth)?)\/(.+)$/;

export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
} as const;

export interface ReadAnswer { status: 200 | 304; headers: Record<string, string> }

/** Status and headers of a read of a stored file (Content-Length is added for a 200 only). */
export function readAnswer(file: { contentType: string; etag: string; size: number }, cacheControl: string, ifNoneMatch: string | null | undefined): ReadAnswer {
  const headers: Record<string, string> = { ...CORS, 'Content-Type': file.contentType, ETag: file.etag, 'Cache-Control': cacheControl };
  if (ifNoneMatch === file.etag) return { status: 304, headers };
  headers['Content-Length'] = String(file.size);
  return { status: 200, headers };
}
