// The three example apps from their CLIs, two users (alice.id, bob.id) on a real devnet node: sign-in
// through /auth (JSON flow), key discovery through zone files and profiles, real hub, real SMTP on
// loopback (smtp-server receives what nodemailer sends), the node's /pubsub for microblog notifications.
// Forged, tampered and replayed data is refused in each app.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { app, hubFile, root, startNode, type Run, type TestNode } from './node.ts';

let n: TestNode;
beforeAll(async () => { n = await startNode(); }, 120_000);
afterAll(async () => { await n?.stop(); });

const ok = async (p: Promise<Run>) => { const r = await p; if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}${r.out}`); return r; };

describe('example apps from the CLI', () => {
  it('npm start prints the pages and the pubsub URL; zone files carry _pubsub and mailto', async () => {
    for (const a of ['filesharing', 'mail', 'microblog']) expect(n.out).toContain(`${n.api}/apps/${a}/`);
    expect(n.out).toContain(`ws://127.0.0.1:${new URL(n.api).port}/pubsub`);
    const bob = await (await fetch(`${n.api}/v1/names/bob.id`)).json();
    expect(bob.zonefile).toContain('"mailto:bob@example.org"');
    expect(bob.zonefile).toMatch(/_pubsub\tIN\tURI\t10\t1\t"ws:\/\/127\.0\.0\.1:\d+\/pubsub"/);
    const page = await fetch(`${n.api}/apps/mail/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Mail without PGP');
    expect((await fetch(`${n.api}/apps/nope/`)).status).toBe(404);
    expect((await fetch(`${n.api}/pubsub`)).status).toBe(426);
    // no --smtp-url / BLOCKSTACK_SMTP_URL: no mail notice relay (the mail page falls back to a mailto: link)
    const relay = await fetch(`${n.api}/v1/mail/notice`);
    expect(relay.status).toBe(404);
    expect(n.out).not.toContain('mail notices');
  });

  it('sign-in (JSON flow) gives each app its own app domain and key', async () => {
    for (const a of ['filesharing', 'mail', 'microblog']) for (const u of ['alice.id', 'bob.id']) {
      const r = await ok(app(n, a, ['login', '--name', u, '--json']));
      expect(r.json()).toMatchObject({ username: u, appDomain: `${n.api}/apps/${a}` });
    }
    const s = (a: string) => JSON.parse(readFileSync(join(n.appsHome, a, 'alice.id.json'), 'utf8'));
    expect(new Set(['filesharing', 'mail', 'microblog'].map((a) => s(a).appPrivateKey)).size).toBe(3);
    const refused = await app(n, 'mail', ['login', '--name', 'mallory.id']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/sign-in refused/);
  });

  it('file sharing: alice → bob; carol, a tampered and a replayed file are refused', async () => {
    const f = join(n.home, 'report.txt');
    writeFileSync(f, 'quarterly numbers: 42');
    await ok(app(n, 'filesharing', ['share', 'bob.id', f, '--as', 'alice.id']));
    const l = (await ok(app(n, 'filesharing', ['list', 'alice.id', '--as', 'bob.id', '--json']))).json();
    expect(l.map((x: { path: string }) => x.path)).toEqual(['report.txt']);
    const got = (await ok(app(n, 'filesharing', ['get', 'alice.id', 'report.txt', '--as', 'bob.id', '--json']))).json();
    expect(got.text).toBe('quarterly numbers: 42');
    // a third user: nothing shared with them; and the ciphertext is not for their key
    await ok(app(n, 'filesharing', ['login', '--name', 'carol.id']));
    const carol = await app(n, 'filesharing', ['get', 'alice.id', 'report.txt', '--as', 'carol.id']);
    expect(carol.code).toBe(1);
    expect(carol.err).toMatch(/has not shared report\.txt with carol\.id/);
    // replay: keep v1 (file + manifest), share v2, bob reads v2, the hub serves v1 again → refused
    const file = hubFile(n, 'shared/bob.id/report.txt');
    copyFileSync(file, `${file}.v1`); copyFileSync(`${file}.manifest.jwt`, `${file}.manifest.v1`);
    writeFileSync(f, 'quarterly numbers: 43 (corrected)');
    await ok(app(n, 'filesharing', ['share', 'bob.id', f, '--as', 'alice.id']));
    expect((await ok(app(n, 'filesharing', ['get', 'alice.id', 'report.txt', '--as', 'bob.id', '--json']))).json().text).toBe('quarterly numbers: 43 (corrected)');
    copyFileSync(`${file}.v1`, file); copyFileSync(`${file}.manifest.v1`, `${file}.manifest.jwt`);
    const replay = await app(n, 'filesharing', ['get', 'alice.id', 'report.txt', '--as', 'bob.id']);
    expect(replay.code).toBe(1);
    expect(replay.err).toMatch(/rollback|older|does not match|version/i);
    // tampered ciphertext
    const t = readFileSync(file, 'utf8');
    writeFileSync(file, t.replace(/"cipherText":"\{\\"iv\\":\\"([0-9a-f])/, (_m, c) => `"cipherText":"{\\"iv\\":\\"${c === '0' ? '1' : '0'}`));
    const tampered = await app(n, 'filesharing', ['get', 'alice.id', 'report.txt', '--as', 'bob.id']);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/error:/);
  }, 120_000);

  it('mail: stored encrypted, SMTP notice without the message, bob reads it; tampered and replayed outboxes refused', async () => {
    const mails: { to: string; raw: string }[] = [];
    const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, cb) { let raw = ''; stream.on('data', (d) => { raw += d; }); stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw }); cb(); }); } });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
    try {
      const sent = (await ok(app(n, 'mail', ['send', 'bob.id', 'Lunch', 'the secret is 7731', '--as', 'alice.id', '--smtp', smtpUrl, '--json']))).json();
      expect(sent.notice.to).toBe('bob@example.org');
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe('bob@example.org');
      expect(mails[0].raw).toContain("You've got mail from alice.id");
      expect(mails[0].raw).not.toContain('7731');
      expect(mails[0].raw).not.toContain('Lunch');
      const inbox = (await ok(app(n, 'mail', ['inbox', 'alice.id', '--as', 'bob.id', '--json']))).json();
      expect(inbox.map((m: { body: string }) => m.body)).toEqual(['the secret is 7731']);
      // the ciphertext on the hub does not contain it either
      expect(readFileSync(hubFile(n, `mail/outbox/bob.id/${sent.id}.json`), 'utf8')).not.toContain('7731');
      // replay: an older outbox index served again after bob saw the newer one
      const idx = hubFile(n, 'mail/outbox/bob.id/index.json');
      copyFileSync(idx, `${idx}.v1`); copyFileSync(`${idx}.manifest.jwt`, `${idx}.mv1`); copyFileSync(`${idx}.sig`, `${idx}.sv1`);
      await ok(app(n, 'mail', ['send', 'bob.id', 'Again', 'second', '--as', 'alice.id', '--smtp', smtpUrl]));
      expect((await ok(app(n, 'mail', ['inbox', 'alice.id', '--as', 'bob.id', '--json']))).json()).toHaveLength(2);
      copyFileSync(`${idx}.v1`, idx); copyFileSync(`${idx}.mv1`, `${idx}.manifest.jwt`); copyFileSync(`${idx}.sv1`, `${idx}.sig`);
      const replay = await app(n, 'mail', ['inbox', 'alice.id', '--as', 'bob.id']);
      expect(replay.code).toBe(1);
      // forged: the index rewritten by someone without alice's key (signature no longer verifies)
      writeFileSync(idx, readFileSync(idx, 'utf8').replace('"from":"alice.id"', '"from":"alice.id" '));
      const forged = await app(n, 'mail', ['inbox', 'alice.id', '--as', 'bob.id']);
      expect(forged.code).toBe(1);
      expect(forged.err).toMatch(/error:/);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 120_000);

  it('microblog: bob follows alice, gets her post live over /pubsub, rebuilds from storage; a forged post is dropped', async () => {
    await ok(app(n, 'microblog', ['follow', 'alice.id', '--as', 'bob.id']));
    const watch = spawn(process.execPath, [join(root, 'dist/apps/microblog-cli.js'), 'watch', '--as', 'bob.id', '--json'], { env: { ...process.env, BLOCKSTACK_APPS_HOME: n.appsHome }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    watch.stdout!.on('data', (d) => { out += d; });
    watch.stderr!.on('data', (d) => { err += d; });
    const until = async (re: RegExp, ms = 20_000) => { const t0 = Date.now(); while (!re.test(out)) { if (Date.now() - t0 > ms) throw new Error(`timeout waiting for ${re}\n${out}\n${err}`); await new Promise((r) => setTimeout(r, 100)); } };
    try {
      await until(/"watching":true/);
      const posted = (await ok(app(n, 'microblog', ['post', 'hello from alice', '--as', 'alice.id', '--json']))).json();
      expect(posted.published).toBe(true);
      await until(/hello from alice/);
    } finally { watch.kill('SIGINT'); }
    // TEAM.md format in alice's bucket
    const idx = JSON.parse(readFileSync(hubFile(n, 'microblog/posts.json'), 'utf8'));
    expect(idx).toMatchObject({ version: 1, author: 'alice.id', posts: [{ id: expect.any(String), path: expect.stringMatching(/^microblog\/posts\//), size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), createdAt: expect.any(String) }] });
    expect(JSON.parse(readFileSync(hubFile(n, 'microblog/follows.json'), 'utf8'))).toEqual({ version: 1, follows: ['alice.id'] });
    // restart: the timeline comes back from storage
    await ok(app(n, 'microblog', ['post', 'second post', '--as', 'alice.id']));
    const tl = (await ok(app(n, 'microblog', ['timeline', '--as', 'bob.id', '--json']))).json();
    expect(tl.posts.map((p: { text: string }) => p.text)).toEqual(['hello from alice', 'second post']);
    // a forged post (content changed without alice's key): dropped, the rest stays
    const p2 = hubFile(n, `microblog/posts/${tl.posts[1].id}.json`);
    writeFileSync(p2, readFileSync(p2, 'utf8').replace('second post', 'forged post'));
    const r = await ok(app(n, 'microblog', ['timeline', '--as', 'bob.id', '--json']));
    expect(r.json().posts.map((p: { text: string }) => p.text)).toEqual(['hello from alice']);
    expect(r.json().dropped.length).toBe(1);
  }, 120_000);
});
