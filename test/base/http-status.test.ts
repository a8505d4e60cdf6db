/** One code → HTTP status table (base/http-status.ts) serves routing, auth and the hub. */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HTTP_STATUS, statusOf } from '../../bindings/base/http-status.ts';
import { RoutingError } from '../../bindings/routing/errors.ts';
import { AuthError } from '../../bindings/auth/errors.ts';
import { hubError, errorResponse } from '../../bindings/storage/hub/hub-error.ts';

const BINDINGS = join(import.meta.dirname, '../../bindings');
const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.ts') ? [join(d, n)] : []));

describe('HTTP status table', () => {
  it('layers take their statuses from it', () => {
    expect(new RoutingError('ZONEFILE_NOT_FOUND', 'x').status).toBe(404);
    expect(new RoutingError('ATLAS_TIMEOUT', 'x').status).toBe(504);
    expect(new AuthError('consent-denied', 'x').status).toBe(403);
    expect(new AuthError('bad-key', 'x').status).toBe(400);
    expect(errorResponse(hubError('ConflictError', 'x'))).toEqual({ status: 409, body: { message: 'x', error: 'ConflictError' } });
    expect(errorResponse(hubError('PreconditionFailedError', 'x', { etag: 'e' })).body).toEqual({ message: 'x', error: 'PreconditionFailedError', etag: 'e' });
    expect(statusOf('NO_SUCH_CODE', 418)).toBe(418);
    for (const v of Object.values(HTTP_STATUS)) expect(v >= 400 && v < 600).toBe(true);
  });
  it('no other file keeps a code → status map', () => {
    for (const f of files(BINDINGS)) {
      if (f.endsWith('http-status.ts')) continue;
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/const STATUS\s*:/);
    }
  });
});
