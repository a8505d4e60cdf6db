/**
 * Pubsub across processes, end to end with real processes: one writer (`blockstack start --db postgres://…
 * --auth-approve alice.id --pubsub-broker nats://…`: devnet, demo names with profiles on its hub) and
 * `blockstack api serve --read-only` processes on the same throwaway PostgreSQL database — two on NATS, two on
 * Redis. alice.id signs in (an unmodified @stacks/auth request) and gets her app key; a WebSocket subscriber
 * on reader 1 receives, exactly once, a pointer published to reader 2 (and the writer's subscriber too); a
 * forged publish is refused by the reader it is sent to, and a forgery injected into the broker reaches no one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, UserSession } from '@stacks/auth';
import { connectPubsub, makeTopic, Publisher, signMessage, type PubsubMessage, type PubsubTransport } from '../../bindings/pubsub/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/pg.ts';
import { haveTool } from '../helpers/tools.ts';
import { until } from '../helpers/until.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/blockstack.js');
const NATS = 'nats://127.0.0.1:4222';
const REDIS = 'redis://127.0.0.1:6379';
const home = mkdtempSync(join(tmpdir(), 'bsk-pgps-'));
const procs: ChildProcess[] = [];
const clients: PubsubTransport[] = [];
let pgdb: TestDatabase;
let writer: { api: string; pubsub: string };
const readers: { api: string; pubsub: string; broker: string }[] = [];

function startJson(args: string[], env: Record<string, string> = {}): Promise<Record<string, any>> {
  return new Promise((ok, fail) => {
    const proc = spawn(process.execPath, [CLI, ...args, '--json'], { cwd: ROOT, env: { ...process.env, BLOCKSTACK_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(proc);
    let out = '', err = '';
    const t = setTimeout(() => fail(new Error(`${args.slice(0, 2).join(' ')} did not start: ${err}`)), 60_000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      try { const j = JSON.parse(out); clearTimeout(t); ok(j); } catch { /* incomplete */ }
    });
    proc.on('exit', (code) => { clearTimeout(t); fail(new Error(`${args.slice(0, 2).join(' ')} exited ${code}: ${err}`)); });
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pointer = (n: number) => ({ path: `posts/${n}.json`, size: 100 + n, sha256: (n % 16).toString(16).repeat(64), version: n });

describe('pubsub across a writer and read-only API processes (PostgreSQL, NATS and Redis brokers)', () => {
  let appKey = '';
  const origin = 'http://localhost:5173';
  beforeAll(async () => {
    haveTool('nats-server');
    haveTool('redis-server');
    pgdb = await createTestDatabase('bsk_pubsub');
    writer = (await startJson(['start', '--db', pgdb.url, '--auth-approve', 'alice.id', '--pubsub-broker', NATS, '--port', '0', '--hub-port', '0', '--rpc-port', '0', '--no-crawl'])) as { api: string; pubsub: string };
    for (const broker of [NATS, NATS, REDIS, REDIS]) {
      const j = await startJson(['api', 'serve', '--db', pgdb.url, '--read-only', '--port', '0', '--pubsub-broker', broker]);
      readers.push({ api: j.api, pubsub: j.pubsub, broker });
    }
    // the readers hold alice.id's zone file (key discovery: name → zone file → profile on the writer's hub)
    const want = await (await fetch(`${writer.api}/v1/names/alice.id`)).json();
    expect(want.zonefile).toBeTruthy();
    for (const r of readers) await until('each reader to serve the new zone file', async () => (await (await fetch(`${r.api}/v1/names/alice.id`)).json()).zonefile === want.zonefile, 10_000);
    // alice signs in to the app (auto-approved): her app key, and the apps entry in her profile
    const session = new UserSession({ appConfig: new AppConfig(['store_write', 'publish_data'], origin, '/', '/manifest.json', `${writer.api}/stacks`) });
    const res = await fetch(`${writer.api}/auth?authRequest=${session.makeAuthRequestToken()}`, { headers: { Accept: 'application/json' } });
    const data = await session.handlePendingSignIn(((await res.json()) as { authResponse: string }).authResponse);
    appKey = data.appPrivateKey;
  }, 180_000);
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((ok) => p.once('exit', ok)) : null)));
    await pgdb?.drop();
    rmSync(home, { recursive: true, force: true });
  });

  const client = async (u: string) => { const c = await connectPubsub(u); clients.push(c); return c; };
  const rawSub = async (u: string, topic: string) => { const got: PubsubMessage[] = []; await (await client(u)).subscribe(topic, (m) => void got.push(m as PubsubMessage)); return got; };

  it.each([['NATS', 0], ['Redis', 2]] as const)('%s: a publish to reader 2 reaches reader 1\'s subscriber once; forgeries are refused', async (_kind, first) => {
    const [r1, r2] = [readers[first], readers[first + 1]];
    const topic = makeTopic('alice.id', origin, `e2e-${first}-${Date.now()}`);
    const on1 = await rawSub(r1.pubsub, topic);
    const on2 = await rawSub(r2.pubsub, topic);
    const onWriter = r1.broker === NATS ? await rawSub(writer.pubsub, topic) : null;
    const pub2 = await client(r2.pubsub);
    const alice = new Publisher(appKey);
    await alice.publish(pub2, topic, pointer(1));
    await until('one delivery to each subscriber', () => on1.length === 1 && on2.length === 1 && (!onWriter || onWriter.length === 1), 10_000);
    await alice.publish(pub2, topic, pointer(2));
    await until('on1.length === 2 && on2.length === 2', () => on1.length === 2 && on2.length === 2, 10_000);
    await sleep(500); // a duplicate or an echo would have arrived by now
    expect(on1.map((m) => m.pointer.version)).toEqual([1, 2]);
    expect(on2.map((m) => m.pointer.version)).toEqual([1, 2]);
    if (onWriter) expect(onWriter.map((m) => m.pointer.version)).toEqual([1, 2]);

    // forged: signed by a key that is not alice's app key for this app — refused by reader 2, relayed nowhere
    const mallory = 'a1'.repeat(32);
    await expect(pub2.publish(signMessage(mallory, topic, Date.now() + 5, pointer(3)))).rejects.toMatchObject({ code: 'E_UNKNOWN_KEY' });
    // the same forgery and a tampered copy of a real message injected straight into the broker: refused by reader 1
    const direct = await connectPubsub(r1.broker);
    clients.push(direct);
    await direct.publish(signMessage(mallory, topic, Date.now() + 10, pointer(4)));
    const real = alice.sign(topic, pointer(5));
    await direct.publish({ ...real, pointer: { ...real.pointer, path: 'posts/evil.json' } });
    await sleep(1000);
    expect(on1.map((m) => m.pointer.version)).toEqual([1, 2]);
    expect(on2.map((m) => m.pointer.version)).toEqual([1, 2]);
    const metrics = await (await fetch(`${r1.api}/metrics`)).text();
    expect(Number(/blockstack_pubsub_relay_total\{kind="refused"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    // the genuine message still gets through afterwards
    await direct.publish(alice.sign(topic, pointer(6)));
    await until('on1.length === 3 && on2.length === 3', () => on1.length === 3 && on2.length === 3, 10_000);
    expect(on1[2].pointer.version).toBe(6);
  }, 60_000);
});
