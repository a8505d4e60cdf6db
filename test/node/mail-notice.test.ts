// The node's mail notice relay (POST /v1/mail/notice) against a real SMTP server on loopback (smtp-server)
// with real keys: alice.id, bob.id signed in to the mail app on a real hub (published profiles, key
// discovery), bob's zone file with a mailto, carol.id registered without one. The one notice that goes out
// carries only "You've got mail from alice.id"; every refusal is a 4xx JSON {error, code} and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { MailNoticeService, mailtoOfZoneFile } from '../../bindings/node/mail-notice.ts';
import { signNoticeRequest, type NoticeRequest } from '../../bindings/node/mail-notice-request.ts';
import { clearDiscoveryCache } from '../../bindings/auth/discover.ts';
import { twoUsers, type Users } from '../pubsub/fixture.ts';

const MAIL = 'http://127.0.0.1:8555/apps/mail';
let users: Users;
let smtp: SMTPServer;
let smtpUrl = '';
const mails: { to: string; raw: string }[] = [];
let lookupName: Users['lookupName'];

beforeAll(async () => {
  users = await twoUsers(MAIL);
  lookupName = async (n) => {
    const r = await users.lookupName(n);
    if (r && n === 'bob.id') return { ...r, zonefile: `${r.zonefile.replace(/\n*$/, '\n')}@\tIN\tTXT\t"mailto:bob@example.org"\n` };
    return r;
  };
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, cb) { let raw = ''; stream.on('data', (d) => { raw += d; }); stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw }); cb(); }); },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
}, 30_000);
afterAll(async () => { await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r())); await users?.close(); clearDiscoveryCache(); });

const relay = (perMinute = 6) => new MailNoticeService({ smtpUrl, lookupName, perMinute, from: 'node@example.net' });
const post = async (svc: MailNoticeService, body: unknown) => {
  const res = await svc.routes().request('/v1/mail/notice', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code?: string; error?: string; sent?: boolean; to?: string } };
};
const req = (from: string, to: string, key = from, ts = Date.now()): NoticeRequest => signNoticeRequest(users.keys[key], from, to, MAIL, ts);

describe('mail notice relay', () => {
  it('sends exactly "You\'ve got mail from alice.id" to bob\'s mailto; a replay of the request is refused', async () => {
    const svc = relay();
    const info = await svc.routes().request('/v1/mail/notice');
    expect(await info.json()).toMatchObject({ enabled: true });
    const r = req('alice.id', 'bob.id');
    const ok = await post(svc, r);
    expect(ok).toMatchObject({ status: 200, body: { sent: true, to: 'bob@example.org' } });
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('bob@example.org');
    expect(mails[0].raw).toMatch(/^Subject: You've got mail from alice\.id\r?$/m);
    const body = mails[0].raw.split(/\r?\n\r?\n/).slice(1).join('\n\n').trim();
    expect(body).toBe("You've got mail from alice.id");
    expect(mails[0].raw).toMatch(/^From: node@example\.net\r?$/m);
    // the very same signed request again, and an older one
    expect(await post(svc, r)).toMatchObject({ status: 409, body: { code: 'E_REPLAY' } });
    expect(await post(svc, req('alice.id', 'bob.id', 'alice.id', r.timestamp - 1000))).toMatchObject({ status: 409, body: { code: 'E_REPLAY' } });
    expect(mails).toHaveLength(1);
    // a newer one goes out
    expect((await post(svc, req('alice.id', 'bob.id', 'alice.id', r.timestamp + 1))).status).toBe(200);
    expect(mails).toHaveLength(2);
  });

  it('refuses bad signatures, foreign keys, stale times, unknown recipients, missing mailtos and malformed bodies', async () => {
    const svc = relay();
    const before = mails.length;
    const r = req('alice.id', 'bob.id');
    // signed for bob, sent for carol: the signature does not cover this request
    expect(await post(svc, { ...r, to: 'carol.id' })).toMatchObject({ status: 403, body: { code: 'E_BAD_SIGNATURE' } });
    expect(await post(svc, { ...r, signature: r.signature.slice(0, -2) + (r.signature.endsWith('00') ? '01' : '00') })).toMatchObject({ status: 403, body: { code: 'E_BAD_SIGNATURE' } });
    // bob's (valid, published) app key signing as alice; carol never published a key for the app
    expect(await post(svc, req('alice.id', 'bob.id', 'bob.id'))).toMatchObject({ status: 403, body: { code: 'E_UNKNOWN_KEY' } });
    expect(await post(svc, req('carol.id', 'bob.id'))).toMatchObject({ status: 403, body: { code: 'E_UNKNOWN_KEY' } });
    expect(await post(svc, req('alice.id', 'bob.id', 'alice.id', Date.now() - 3_600_000))).toMatchObject({ status: 409, body: { code: 'E_STALE' } });
    expect(await post(svc, req('alice.id', 'nobody.id'))).toMatchObject({ status: 404, body: { code: 'E_UNKNOWN_RECIPIENT' } });
    expect(await post(svc, req('alice.id', 'carol.id'))).toMatchObject({ status: 422, body: { code: 'E_NO_MAILTO' } });
    expect(await post(svc, 'not json')).toMatchObject({ status: 400, body: { code: 'E_BAD_REQUEST' } });
    expect(await post(svc, { ...r, from: 'Alice' })).toMatchObject({ status: 400, body: { code: 'E_BAD_REQUEST' } });
    expect(await post(svc, { ...r, appDomain: 'javascript:x' })).toMatchObject({ status: 400, body: { code: 'E_BAD_REQUEST' } });
    const { timestamp: _t, ...noTime } = r;
    expect(await post(svc, noTime)).toMatchObject({ status: 400, body: { code: 'E_BAD_REQUEST', error: expect.stringContaining('timestamp') } });
    expect(mails.length).toBe(before);
    expect(svc.stats).toEqual({ sent: 0, refused: 11 });
  });

  it('rate-limits per sender (429) and sends nothing more', async () => {
    const svc = relay(2);
    const before = mails.length;
    const t = Date.now();
    expect((await post(svc, req('alice.id', 'bob.id', 'alice.id', t + 10))).status).toBe(200);
    expect((await post(svc, req('alice.id', 'bob.id', 'alice.id', t + 11))).status).toBe(200);
    expect(await post(svc, req('alice.id', 'bob.id', 'alice.id', t + 12))).toMatchObject({ status: 429, body: { code: 'E_RATE_LIMITED' } });
    expect(mails.length).toBe(before + 2);
  });

  it('reads the mailto from TXT records only in the mailto: form (no header injection)', () => {
    expect(mailtoOfZoneFile('$ORIGIN x.id\n$TTL 3600\n@\tIN\tTXT\t"mailto:x@example.org"\n')).toBe('x@example.org');
    expect(mailtoOfZoneFile('$ORIGIN x.id\n$TTL 3600\n@\tIN\tTXT\t"mailto:x@example.org\\r\\nBcc: y@evil"\n')).toBeNull();
    expect(mailtoOfZoneFile('$ORIGIN x.id\n$TTL 3600\n@\tIN\tTXT\t"hello"\n')).toBeNull();
  });
});
