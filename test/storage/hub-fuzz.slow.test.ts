/**
 * Fuzz: mutated Authorization headers never crash the validator (always a 401 StorageError, never a
 * TypeError/500) and never pass unless they still carry a valid signature; random hostile paths never resolve
 * outside the bucket directory.
 */
import { describe, expect, it } from 'vitest';
import { resolve, sep } from 'node:path';
import { validateAuthorization } from '../../bindings/storage/hub/auth-token.ts';
import { errorResponse } from '../../bindings/storage/hub/hub-error.ts';
import { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import { StorageError } from '../../bindings/storage/errors.ts';
import { APP_ADDRESS, APP_KEY, tempDir, v1Header, vectors } from './helpers.ts';

let seed = 7;
const rnd = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 * n);
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:=+/ \\%"{}[],\0é';

function mutate(s: string): string {
  const a = [...s];
  const k = 1 + rnd(3);
  for (let i = 0; i < k; i++) {
    const op = rnd(4);
    const at = rnd(a.length + 1);
    if (op === 0) a.splice(at, 1);
    else if (op === 1) a.splice(at, 0, ALPHABET[rnd(ALPHABET.length)]);
    else if (op === 2) a[at] = ALPHABET[rnd(ALPHABET.length)];
    else a.splice(at, rnd(20));
  }
  return a.join('');
}

describe('fuzz', () => {
  it('20,000 mutated Authorization headers: only 401s, and no forged acceptance', () => {
    const seeds = [v1Header(APP_KEY, 'hub.example.org'), v1Header(APP_KEY, 'hub.example.org', { scopes: [{ scope: 'putFile', domain: 'a' }], iat: 1, exp: 9e9 }),
      ...vectors('gaia_auth_tokens.json').cases.map((c: any) => c.authorization).filter(Boolean)];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const original = seeds[rnd(seeds.length)];
      const h = mutate(original);
      try {
        validateAuthorization(h, APP_ADDRESS, { serverName: 'hub.example.org', now: 1750000000 });
        accepted++;
        // an accepted mutant must keep the exact signed JWT (mutations only in the case-insensitive prefix)
        expect(h.slice(7)).toBe(original.slice(7));
      } catch (e) {
        expect(e, `header ${JSON.stringify(h)}`).toBeInstanceOf(StorageError);
        expect(errorResponse(e).status).toBe(401);
      }
    }
    expect(accepted).toBeLessThan(2000);
  });

  it('10,000 hostile paths never resolve outside the bucket', async () => {
    const root = tempDir();
    const d = new DiskDriver({ storageRootDirectory: root });
    const bucketDir = resolve(root, APP_ADDRESS);
    const parts = ['..', '.', '', 'a', '%2e%2e', '\\..', '/', '//', '\0', 'x'.repeat(50), '..\\..', 'é'];
    const resolveIn = (d as unknown as { dataPath(b: string, p: string): string }).dataPath.bind(d);
    for (let i = 0; i < 10_000; i++) {
      const n = 1 + rnd(6);
      const p = Array.from({ length: n }, () => parts[rnd(parts.length)]).join(rnd(2) ? '/' : '');
      try {
        const full = resolveIn(APP_ADDRESS, p);
        expect(full.startsWith(bucketDir + sep), p).toBe(true);
      } catch (e) {
        expect(errorResponse(e), p).toEqual({ status: 403, body: { message: 'Invalid Path', error: 'BadPathError' } });
      }
    }
  });
});
