/**
 * The package's browser build in headless Chromium (Debian `chromium`, playwright-core): an esbuild bundle of
 * dist/browser.js in a page served from loopback. In the page: `await ready()`, every NIST SHA-256 vector,
 * parseBlock of block 413567 (every txid), verifyBatch of the 3,957 real signatures of that block,
 * `resolve('alice.id', { api })` against a running devnet node (CORS; profile signature checked), the same
 * name through a proxy that tampers with the zone file (refused), and a DNS-over-HTTPS query from the page.
 * The page's parseBlock and verify timings are printed beside Node's (bench/RESULTS.md records them).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBlock, verifyBatch } from '../../bindings/index.ts';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo, DEMO_NAMES } from '../../bindings/node/demo.ts';
import { AuthService, HubService } from '../../bindings/node/services.ts';
import { haveChromium, launchChromium } from '../helpers/browser.ts';
import { inCI } from '../helpers/tools.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(root, '../shared/data');
const home = mkdtempSync(join(tmpdir(), 'bsk-browser-'));
const can = haveChromium();
let browser: Browser;
let page: Page;
let node: BlockstackNode;
let site: Server;
let proxy: Server;
let siteUrl = '';
let proxyUrl = '';

const listen = (s: Server): Promise<string> => new Promise((ok) => s.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(s.address() as { port: number }).port}`)));

describe.runIf(inCI || can)('browser build in headless Chromium', () => {
  beforeAll(async () => {
    const bundle = await build({ entryPoints: [join(root, 'test/browser/page-entry.js')], bundle: true, write: false, format: 'esm', platform: 'browser', external: ['node:*'], logLevel: 'silent' });
    const files: Record<string, [string, Buffer | string]> = {
      '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>blockstack-wasm</title><script type="module" src="/bundle.js"></script>'],
      '/bundle.js': ['text/javascript', bundle.outputFiles[0].text],
      '/block413567.raw': ['application/octet-stream', readFileSync(join(DATA, 'block413567.raw'))],
      '/block413567.expected.json': ['application/json', readFileSync(join(DATA, 'block413567.expected.json'))],
      '/sigs.json': ['application/json', readFileSync(join(DATA, 'block413567_p2pkh_sigs.json'))],
      '/nist.json': ['application/json', readFileSync(join(DATA, 'sha256_nist_cavp.json'))],
    };
    site = createServer((q, s) => { const f = files[q.url ?? '']; if (!f) { s.writeHead(404).end(); return; } s.writeHead(200, { 'content-type': f[0] }).end(f[1]); });
    siteUrl = await listen(site);

    const cfg = loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' }, hub: { port: 0 } }, { BLOCKSTACK_HOME: home });
    const hub = new HubService(cfg);
    const auth = new AuthService(hub);
    node = await BlockstackNode.start(cfg, { logToStderr: 'silent', services: [hub, auth] });
    const zonefiles = await auth.publishDemoProfiles([...DEMO_NAMES]);
    await createDemo(node, { zonefiles });
    // a proxy of the node's API that serves alice.id with one byte of its zone file changed
    proxy = createServer(async (q, s) => {
      const r = await fetch(node.apiUrl + q.url);
      let body = Buffer.from(await r.arrayBuffer());
      if (q.url === '/v1/names/alice.id') {
        const j = JSON.parse(body.toString());
        j.zonefile = j.zonefile.replace('$TTL 3600', '$TTL 3601');
        body = Buffer.from(JSON.stringify(j));
      }
      s.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json', 'access-control-allow-origin': '*' }).end(body);
    });
    proxyUrl = await listen(proxy);

    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(siteUrl + '/');
    await page.waitForFunction(() => (window as any).bs !== undefined);
    await page.evaluate(() => (window as any).bs.ready());
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await node?.stop();
    site?.close();
    proxy?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('hashes every NIST SHA-256 vector', async () => {
    const r = await page.evaluate(async () => {
      const { sha256 } = (window as any).bs;
      const { vectors } = await fetch('/nist.json').then((x) => x.json());
      const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const un = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
      return { n: vectors.length, bad: vectors.filter((v: any) => hex(sha256(un(v.msg_hex))) !== v.md_hex).length };
    });
    expect(r).toEqual({ n: 129, bad: 0 });
  });

  it('parseBlock 413567 (every txid) and verifies the 3,957 real signatures; timings beside Node', async () => {
    const r = await page.evaluate(async () => {
      const { parseBlock, verifyBatch } = (window as any).bs;
      const blk = new Uint8Array((await fetch('/block413567.raw').then((x) => x.arrayBuffer())) as ArrayBuffer);
      const exp = await fetch('/block413567.expected.json').then((x) => x.json());
      const b = parseBlock(blk);
      const txids = b.txs.map((t: any) => t.txid);
      const un = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
      const { vectors } = await fetch('/sigs.json').then((x) => x.json());
      const items = vectors.map((v: any) => ({ digest: un(v.sighash_hex), signature: un(v.sig_der_hex), publicKey: un(v.pubkey_hex) }));
      const ok = verifyBatch(items, { lowS: false });
      let t0 = performance.now();
      for (let i = 0; i < 10; i++) parseBlock(blk);
      const parseMs = (performance.now() - t0) / 10;
      t0 = performance.now();
      verifyBatch(items, { lowS: false });
      const verifyPerS = items.length / ((performance.now() - t0) / 1000);
      return { hash: b.hash, merkleOk: b.merkleOk, txidsEqual: JSON.stringify(txids) === JSON.stringify(exp.txids), n: txids.length, sigs: items.length, valid: ok.filter(Boolean).length, parseMs, verifyPerS, ua: navigator.userAgent };
    });
    expect(r).toMatchObject({ hash: '0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069', merkleOk: true, txidsEqual: true, n: 1557, sigs: 3957, valid: 3957 });
    // the same work in Node, same process conditions
    const blk = new Uint8Array(readFileSync(join(DATA, 'block413567.raw')));
    const un = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
    const items = JSON.parse(readFileSync(join(DATA, 'block413567_p2pkh_sigs.json'), 'utf8')).vectors.map((v: any) => ({ digest: un(v.sighash_hex), signature: un(v.sig_der_hex), publicKey: un(v.pubkey_hex) }));
    parseBlock(blk); verifyBatch(items, { lowS: false });
    let t0 = performance.now();
    for (let i = 0; i < 10; i++) parseBlock(blk);
    const nodeParse = (performance.now() - t0) / 10;
    t0 = performance.now();
    verifyBatch(items, { lowS: false });
    const nodeVerify = items.length / ((performance.now() - t0) / 1000);
    console.log(`[browser vs node] parseBlock 413567: Chromium ${r.parseMs.toFixed(1)} ms, Node ${nodeParse.toFixed(1)} ms; verify: Chromium ${Math.round(r.verifyPerS)}/s, Node ${Math.round(nodeVerify)}/s (${r.ua.match(/Chrome\/[\d.]+/)?.[0]}, ${process.version})`);
  }, 60_000);

  it('resolves alice.id against the node (CORS, profile signature checked); a tampered zone file is refused', async () => {
    const r = await page.evaluate(async ([api, bad]) => {
      const { resolve } = (window as any).bs;
      const ok = await resolve('alice.id', { api });
      let err: any = null;
      try { await resolve('alice.id', { api: bad }); } catch (e: any) { err = { code: e.code, message: e.message }; }
      let missing: any = null;
      try { await resolve('nobody.id', { api }); } catch (e: any) { missing = e.code; }
      return { name: ok.name, verified: ok.verified, hash: ok.zonefile_hash, profileUrl: ok.profileUrl, hasProfile: !!ok.profile, err, missing };
    }, [node.apiUrl, proxyUrl]);
    const rec = await fetch(node.apiUrl + '/v1/names/alice.id').then((x) => x.json());
    expect(r).toMatchObject({ name: 'alice.id', verified: true, hash: rec.zonefile_hash, hasProfile: true, missing: 'E_NAME_NOT_FOUND' });
    expect(r.err?.code).toBe('E_ZONEFILE_HASH_MISMATCH');
  }, 60_000);

  it('asks the node over DNS-over-HTTPS (RFC 8484 GET) from the page', async () => {
    const r = await page.evaluate(async (api) => {
      // query: id 0, no flags, 1 question: _http._tcp.alice.id type URI (256) class IN
      const labels = ['_http', '_tcp', 'alice', 'id'];
      const q = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
      for (const l of labels) { q.push(l.length); for (const c of l) q.push(c.charCodeAt(0)); }
      q.push(0, 1, 0, 0, 1);
      const b64 = btoa(String.fromCharCode(...q)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const res = await fetch(`${api}/dns-query?dns=${b64}`);
      const a = new Uint8Array(await res.arrayBuffer());
      const text = new TextDecoder().decode(a);
      return { status: res.status, type: res.headers.get('content-type'), rcode: a[3] & 15, aa: (a[2] & 4) !== 0, ancount: (a[6] << 8) | a[7], hasUrl: /\/profile\.json|https?:\/\//.test(text) };
    }, node.apiUrl);
    expect(r).toEqual({ status: 200, type: 'application/dns-message', rcode: 0, aa: true, ancount: 1, hasUrl: true });
  });
});
