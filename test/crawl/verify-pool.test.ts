// Signature checks on worker threads give the same answers as inline: a valid profile token and app file pass
// with the same claim / JSON; a token signed by another key, a malformed token file and a tampered app file fail
// with the same error class and reason.
import { afterAll, describe, expect, it } from 'vitest';
import { signProfileToken, wrapProfileToken } from '../../bindings/auth/profile-token.ts';
import { signECDSA } from '../../bindings/base/index.ts';
import { AppFileError } from '../../bindings/crawl/apps.ts';
import { makeUser } from '../../bindings/crawl/gen/users.ts';
import { Reject, verifyAppFile, verifyTokenFile } from '../../bindings/crawl/verify.ts';
import { VerifyPool } from '../../bindings/crawl/verify-pool.ts';
import { ResolverError } from '../../bindings/resolver/errors.ts';

const a = makeUser(1, 10, { seed: 'vp' }), b = makeUser(2, 10, { seed: 'vp' });
const enc = (s: string) => Buffer.from(s, 'utf8');
const tokenFile = enc(JSON.stringify([wrapProfileToken(signProfileToken({ '@type': 'Person', name: 'Ada' }, a.ownerKey))]));
const body = JSON.stringify({ version: 1, follows: ['user2.id'] });
const sidecar = enc(JSON.stringify(signECDSA(a.appKey, body)));
let pool: VerifyPool;
afterAll(() => pool?.close());

const outcome = async (f: () => unknown): Promise<unknown> => {
  try { return { ok: await f() }; } catch (e) { return { err: (e as Error).constructor.name, reason: (e as Reject).reason ?? (e as ResolverError).code, message: (e as Error).message }; }
};

describe('VerifyPool', () => {
  it('answers as the inline checks do, valid and invalid', async () => {
    pool = await VerifyPool.start(2);
    const cases: [string, () => unknown, () => unknown][] = [
      ['token ok', () => verifyTokenFile(tokenFile, a.ownerAddress), () => pool.token(tokenFile, a.ownerAddress)],
      ['token of another owner', () => verifyTokenFile(tokenFile, b.ownerAddress), () => pool.token(tokenFile, b.ownerAddress)],
      ['token file not JSON', () => verifyTokenFile(enc('nope'), a.ownerAddress), () => pool.token(enc('nope'), a.ownerAddress)],
      ['app file ok', () => verifyAppFile(enc(body), sidecar, a.appAddress), () => pool.file(enc(body), sidecar, a.appAddress)],
      ['app file tampered', () => verifyAppFile(enc(body + ' '), sidecar, a.appAddress), () => pool.file(enc(body + ' '), sidecar, a.appAddress)],
    ];
    const seen: Record<string, unknown> = {};
    for (const [what, inline, pooled] of cases) {
      const x = await outcome(inline), y = await outcome(pooled);
      expect(y, what).toEqual(x);
      seen[what] = x;
    }
    expect((seen['token ok'] as { ok: { claim: { name: string } } }).ok.claim.name).toBe('Ada');
    expect(seen['token of another owner']).toMatchObject({ err: ResolverError.name, reason: 'E_PROFILE_SIGNER_MISMATCH' });
    expect(seen['token file not JSON']).toMatchObject({ err: Reject.name, reason: 'profile_malformed' });
    expect(seen['app file ok']).toEqual({ ok: JSON.parse(body) });
    expect(seen['app file tampered']).toMatchObject({ err: AppFileError.name, reason: 'app_signature' });
  });
});
