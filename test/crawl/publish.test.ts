// `blockstack crawl publish`: the node's search snapshot signed with the developer's app key and written to
// their Gaia bucket; verified in Node and in headless Chromium (the page searches client-side with MiniSearch,
// no node involved); a tampered snapshot or the wrong key is refused.
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../bindings/cli/main.ts';
import { searchPageHtml } from '../../bindings/crawl/page/html.ts';
import type { CrawlService } from '../../bindings/crawl/service.ts';
import { MANIFEST_PATH, SNAPSHOT_PATH, verifySnapshot } from '../../bindings/crawl/snapshot.ts';
import type { BlockstackNode } from '../../bindings/node/node.ts';
import type { DiskDriver } from '../../bindings/storage/drivers/disk.ts';
import type { RunningHub } from '../../bindings/storage/hub/server.ts';
import { startCrawlDevnet, type CrawlDevnet } from '../helpers/crawl-devnet.ts';
import { haveChromium, launchChromium } from '../helpers/browser.ts';
import { inCI } from '../helpers/tools.ts';

const N = 60;
let w: CrawlDevnet;
let home: string, driver: DiskDriver, hub: RunningHub, node: BlockstackNode, crawl: CrawlService, pageServer: Server;
let pageUrl = '';
let published: { manifestUrl: string; bucketUrl: string; publicKey: string; count: number };
const bytes = async (u: string) => new Uint8Array(await (await fetch(u)).arrayBuffer());

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => { lines.push(String(s)); });
  const err = vi.spyOn(console, 'error').mockImplementation((s: unknown) => { lines.push(String(s)); });
  try { return { code: await main(['node', 'blockstack', ...args]), out: lines.join('\n') }; } finally { log.mockRestore(); err.mockRestore(); }
}

describe('crawl publish: signed snapshot in the developer bucket', () => {
  beforeAll(async () => {
    w = await startCrawlDevnet({ users: N, namespace: 'pub', origin: 'https://microblog.local', microblogEvery: 4, seed: 'pub', perBlock: N, nodeSubdir: 'node' });
    ({ home, driver, hub, node, crawl } = w);
    expect((await crawl.crawler.pass()).outcomes.indexed).toBe(N);
    // the page, bundled exactly as scripts/build.mjs bundles dist/crawl-page.js
    const js = (await build({ entryPoints: ['bindings/crawl/page/search-page.ts'], bundle: true, format: 'esm', platform: 'browser', write: false })).outputFiles[0].text;
    pageServer = createServer((req, res) => {
      if (req.url?.startsWith('/page.js')) { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(js); }
      res.writeHead(200, { 'content-type': 'text/html' }); res.end(searchPageHtml('/page.js'));
    });
    await new Promise<void>((ok) => pageServer.listen(0, '127.0.0.1', ok));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  }, 180_000);
  afterAll(async () => {
    pageServer?.close();
    delete process.env.BLOCKSTACK_HOME; delete process.env.BLOCKSTACK_PASSWORD;
    await w?.stop();
  });

  it('blockstack crawl publish --as alice.id --app microblog.local writes a verifiable snapshot', async () => {
    process.env.BLOCKSTACK_HOME = join(home, 'wallet');
    process.env.BLOCKSTACK_PASSWORD = 'devnet';
    expect((await cli(['setup', '--devnet'])).code).toBe(0);
    const bad = await cli(['crawl', 'publish', '--as', 'nobody.id', '--app', 'microblog.local', '--api', node.apiUrl, '--hub', hub.url]);
    expect(bad.code).not.toBe(0);
    const r = await cli(['crawl', 'publish', '--as', 'alice.id', '--app', 'microblog.local', '--api', node.apiUrl, '--hub', hub.url, '--json']);
    expect(r.code, r.out).toBe(0);
    published = JSON.parse(r.out);
    expect(published.count).toBe(N);
    expect(published.manifestUrl).toBe(`${published.bucketUrl}${MANIFEST_PATH}`);
    const v = verifySnapshot(await bytes(published.manifestUrl), await bytes(published.manifestUrl + '.sig'), await bytes(published.bucketUrl + SNAPSHOT_PATH), published.publicKey);
    expect(v.manifest).toMatchObject({ publisher: 'alice.id', app: 'microblog.local' });
    expect(v.snapshot.docs.map((d) => d.n)).toContain('user7.pub');
    expect(v.snapshot.stats).toMatchObject({ app: 'microblog.local', users: N / 4 });
    // wrong key, tampered snapshot, tampered manifest
    const mBytes = await bytes(published.manifestUrl), mSig = await bytes(published.manifestUrl + '.sig');
    const snap = await bytes(published.bucketUrl + SNAPSHOT_PATH);
    const forged = new TextEncoder().encode(new TextDecoder().decode(snap).replace('user7.pub', 'evil7.pub'));
    expect(() => verifySnapshot(mBytes, mSig, forged, published.publicKey)).toThrow(/does not match the manifest/);
    expect(() => verifySnapshot(mBytes, mSig, snap, '02' + '11'.repeat(32))).toThrow(/not the app key/);
    const m2 = new TextEncoder().encode(new TextDecoder().decode(mBytes).replace('alice.id', 'mallory.id'));
    expect(() => verifySnapshot(m2, mSig, snap, published.publicKey)).toThrow(/does not verify/);
  }, 60_000);

  it.runIf(inCI || haveChromium())('headless Chromium verifies the snapshot against the app key and searches it client-side', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (q) => requests.push(q.url()));
      await page.goto(`${pageUrl}?bucket=${encodeURIComponent(published.bucketUrl)}&key=${published.publicKey}`);
      const info = await page.evaluate(() => (window as any).crawlSearch.ready);
      expect(info).toEqual({ count: N, app: 'microblog.local', publisher: 'alice.id' });
      await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('verified'));
      const first = await page.evaluate(() => (window as any).crawlSearch.search('user7.pub'));
      expect(first[0].n).toBe('user7.pub');
      const typo = await page.evaluate(() => (window as any).crawlSearch.search('jonex'));
      expect(typo.length).toBeGreaterThan(0);
      for (const d of typo) expect(d.d.toLowerCase()).toContain('jones');
      await page.fill('#q', 'user1');
      await page.waitForFunction(() => document.querySelectorAll('#results li').length > 0);
      expect(requests.filter((u) => u.startsWith(node.apiUrl))).toEqual([]);
      // wrong key → not verified
      await page.goto(`${pageUrl}?bucket=${encodeURIComponent(published.bucketUrl)}&key=02${'11'.repeat(32)}`);
      await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('NOT verified'));
      // tampered snapshot in the bucket → not verified
      const addr = published.bucketUrl.split('/').filter(Boolean).pop()!;
      const snap = new TextDecoder().decode(await bytes(published.bucketUrl + SNAPSHOT_PATH));
      await driver.performWrite({ bucket: addr, path: SNAPSHOT_PATH, contentType: 'application/json', body: new TextEncoder().encode(snap.replace('user7.pub', 'evil7.pub')) });
      await page.goto(`${pageUrl}?bucket=${encodeURIComponent(published.bucketUrl)}&key=${published.publicKey}`);
      await page.waitForFunction(() => document.getElementById('status')!.textContent!.startsWith('NOT verified'));
      expect(await page.textContent('#status')).toMatch(/does not match the manifest/);
    } finally { await browser.close(); }
  }, 60_000);

  it('the node serves the search page', async () => {
    const r = await fetch(`${node.apiUrl}/crawl/search/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<script type="module" src="./page.js">');
  });
});

