// The three pages in headless Chromium (Debian chromium via playwright-core), two users in two browser
// contexts (separate storage, like two profiles) on one node: redirect sign-in through the node's consent
// page, then share → open, send → read, follow → live post over /pubsub. A tampered shared file shows an
// error in the page. The node runs its mail notice relay against a real SMTP server on loopback
// (smtp-server): the mail page's notice goes out through it; without a relay the page offers a mailto: link. Screenshots of each page: docs/apps/<app>.png (the README shows them; UPDATE_SCREENSHOTS=1 rewrites them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { haveChromium, launchChromium } from '../helpers/browser.ts';
import { inCI } from '../helpers/tools.ts';
import { SMTPServer } from 'smtp-server';
import { hubFile, root, startNode, type TestNode } from './node.ts';

const can = haveChromium();
let n: TestNode;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const mails: { to: string; raw: string }[] = [];
let smtp: SMTPServer | null = null;
beforeAll(async () => {
  if (!can) return;
  smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, cb) { let raw = ''; stream.on('data', (d) => { raw += d; }); stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw }); cb(); }); } });
  await new Promise<void>((r) => smtp!.listen(0, '127.0.0.1', () => r()));
  n = await startNode({ BLOCKSTACK_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` });
  browser = await launchChromium();
}, 150_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close(); await n?.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

async function user(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 700 } });
  contexts.push(ctx);
  const p = await ctx.newPage();
  p.on('pageerror', (e) => errors.push(e.message));
  return p;
}

async function signIn(p: Page, appName: string, name: string): Promise<void> {
  await p.goto(`${n.api}/apps/${appName}/`);
  await p.click('#signin');
  await p.waitForURL(/\/auth\?authRequest=/);
  expect(await p.textContent('h1')).toContain(`${n.api}/apps/${appName}`);
  await p.selectOption('select[name=name]', name);
  await p.click('button[value=approve]');
  await p.waitForSelector('body[data-state=signed-in]', { timeout: 30_000 });
  expect(await p.textContent('#who')).toContain(name);
}

// the README's screenshots: taken on every run; written to docs/apps/ when missing or UPDATE_SCREENSHOTS=1
// (so ordinary test runs leave the tracked files alone)
const shot = async (p: Page, appName: string) => {
  const png = await p.screenshot({ fullPage: true });
  expect(png.byteLength).toBeGreaterThan(5000);
  const file = join(root, 'docs/apps', `${appName}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(file)) { mkdirSync(join(root, 'docs/apps'), { recursive: true }); writeFileSync(file, png); }
};
async function status(p: Page, id: string, re: RegExp): Promise<void> {
  try {
    await p.waitForFunction(([i, src]) => new RegExp(src).test(document.getElementById(i)!.textContent ?? ''), [id, re.source] as const, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`#${id} never matched ${re}: ${JSON.stringify(await p.textContent(`#${id}`))}; page errors: ${errors.join(' | ')}`);
  }
}

describe.skipIf(!inCI && !can)('example apps in Chromium', () => {
  it('file sharing: alice shares, bob opens it decrypted; a tampered file is an error in the page', async () => {
    const [a, b] = [await user(), await user()];
    await signIn(a, 'filesharing', 'alice.id');
    await signIn(b, 'filesharing', 'bob.id');
    await a.fill('#to', 'bob.id');
    await a.fill('#fname', 'plan.txt');
    await a.fill('#text', 'meet at the bridge at noon');
    await a.click('#share');
    await status(a, 'share-status', /shared plan\.txt/);
    await b.fill('#from', 'alice.id');
    await b.click('#list');
    await status(b, 'list-status', /1 file/);
    await b.click('button[data-path="plan.txt"]');
    await status(b, 'list-status', /verified and decrypted/);
    expect(await b.textContent('#content')).toBe('meet at the bridge at noon');
    await shot(b, 'filesharing');
    const f = hubFile(n, 'shared/bob.id/plan.txt');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/"signature":"30/, '"signature":"31'));
    await b.click('button[data-path="plan.txt"]');
    await b.waitForSelector('#list-status.error');
    expect(await b.textContent('#content')).toBe('');
  }, 120_000);

  it('mail: alice writes, the node relays the notice over SMTP (no message in it), bob reads it; without a relay the page offers a mailto: link', async () => {
    const [a, b] = [await user(), await user()];
    await signIn(a, 'mail', 'alice.id');
    await signIn(b, 'mail', 'bob.id');
    await a.fill('#to', 'bob.id');
    await a.fill('#subject', 'Dinner');
    await a.fill('#body', 'table for two at 8');
    await a.click('#send');
    // the node's relay: a request signed by alice's app key in the page, a real SMTP delivery
    await status(a, 'send-status', /notice sent to bob@example\.org by the node/);
    expect(await a.isHidden('#notice')).toBe(true);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('bob@example.org');
    expect(mails[0].raw).toMatch(/^Subject: You've got mail from alice\.id\r?$/m);
    expect(mails[0].raw.split(/\r?\n\r?\n/).slice(1).join('\n\n').trim()).toBe("You've got mail from alice.id");
    expect(mails[0].raw).not.toContain('table for two');
    expect(mails[0].raw).not.toContain('Dinner');
    // a node without the relay (its route answers 404): the page falls back to a mailto: link
    await a.route('**/v1/mail/notice', (r) => r.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not found","code":"E_NOT_FOUND"}' }));
    await a.fill('#subject', 'Dessert');
    await a.fill('#body', 'and cake after');
    await a.click('#send');
    await status(a, 'send-status', /notify bob@example\.org \(this node has no mail notice relay\)/);
    await a.unroute('**/v1/mail/notice');
    const href = await a.getAttribute('#notice', 'href');
    expect(href).toMatch(/^mailto:bob@example\.org\?subject=You've%20got%20mail%20from%20alice\.id/);
    expect(decodeURIComponent(href!)).not.toContain('and cake');
    expect(mails).toHaveLength(1);
    await b.fill('#senders', 'alice.id');
    await b.click('#check');
    await status(b, 'inbox-status', /2 message/);
    expect(await b.textContent('#inbox')).toContain('table for two at 8');
    expect(await b.textContent('#inbox')).toContain('and cake after');
    await shot(b, 'mail');
  }, 120_000);

  it('microblog: bob follows alice; her post appears in his timeline live (pubsub), and after a reload (storage)', async () => {
    const [a, b] = [await user(), await user()];
    await signIn(a, 'microblog', 'alice.id');
    await signIn(b, 'microblog', 'bob.id');
    await b.fill('#followee', 'alice.id');
    await b.click('#follow');
    await status(b, 'live', /^on$/);
    await a.fill('#text', 'first post from the browser');
    await a.click('#post');
    await status(a, 'post-status', /^posted \S+$/);
    await status(b, 'timeline', /alice\.id: first post from the browser/);
    await shot(b, 'microblog');
    await b.reload();
    await status(b, 'timeline', /alice\.id: first post from the browser/);
    expect(errors).toEqual([]);
  }, 120_000);
});
