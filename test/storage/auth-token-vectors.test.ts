/** gaia_auth_tokens.json: every verdict of the Gaia hub's auth module, incl. scope path decisions. */
import { describe, expect, it } from 'vitest';
import { validateAuthorization } from '../../bindings/storage/hub/auth-token.ts';
import { HubServer } from '../../bindings/storage/hub/hub-server.ts';
import { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import { errorResponse } from '../../bindings/storage/hub/hub-error.ts';
import { tempDir, vectors } from './helpers.ts';

const v = vectors('gaia_auth_tokens.json');

describe('gaia_auth_tokens.json', () => {
  for (const c of v.cases) {
    it(c.label, async () => {
      const serverName = c.serverName ?? v.serverNameDefault;
      const opts = {
        serverName, requireCorrectHubUrl: !!c.requireCorrectHubUrl, validHubUrls: c.validHubUrls, whitelist: c.whitelist ?? null,
        oldestValidTokenTimestamp: c.oldestValidTokenTimestamp, now: v.evaluatedAtUnix,
      };
      if (c.expected.valid) {
        const r = validateAuthorization(c.authorization, c.address, opts);
        expect(r.signingAddress).toBe(c.expected.signingAddress);
        expect(r.scopes).toEqual(c.expected.parsedScopes);
      } else {
        let err: unknown;
        try {
          validateAuthorization(c.authorization, c.address, opts);
        } catch (e) {
          err = e;
        }
        expect(err, 'must be rejected').toBeDefined();
        const { status, body } = errorResponse(err);
        expect(status).toBe(c.expected.httpStatus);
        expect(body).toEqual({ message: c.expected.message, error: c.expected.error });
      }
      if (c.pathDecisions) {
        const hub = new HubServer({ serverName, driver: new DiskDriver({ storageRootDirectory: tempDir() }), now: () => v.evaluatedAtUnix });
        for (const d of c.pathDecisions) {
          let status = 202;
          let message: string | undefined;
          try {
            if (d.op === 'store') {
              await hub.handleStore({ address: c.address, path: d.path, authorization: c.authorization, readBody: async () => new Uint8Array([1]) });
            } else {
              await hub.handleDelete(c.address, d.path, c.authorization);
            }
          } catch (e) {
            ({ status } = errorResponse(e));
            message = (errorResponse(e).body as { message: string }).message;
          }
          if (d.allowed) expect([202, 404], `${d.op} ${d.path}`).toContain(status);
          else expect({ status, message }).toEqual({ status: 401, message: d.message });
        }
      }
    });
  }
});
