/**
 * @module crawl/verify-pool — signature checks on worker threads (crawl/verify-worker), so the crawler's own
 * thread (HTTP, SQLite) is not also the one verifying ~1.4 ECDSA signatures per profile. Jobs go round-robin;
 * errors come back as the same classes the inline checks throw. The worker script is
 * `crawl-verify-worker.js` beside the bundle (dist/); from the TypeScript sources (tests) it is bundled on the
 * fly with esbuild into the temp directory. Workers are unref'd: an idle pool does not keep a process alive.
 */
import { Worker } from 'node:worker_threads';
import { workerUrl } from '../node/worker-url.ts';
import { ResolverError, type ResolverCode } from '../resolver/errors.ts';
import { AppFileError } from './apps.ts';
import { Reject, type VerifiedToken } from './verify.ts';

export type ToVerify =
  | { id: number; kind: 'token'; body: Uint8Array; address: string }
  | { id: number; kind: 'file'; body: Uint8Array; sidecar: Uint8Array; address: string; metaKey?: string };
export type FromVerify = { id: number; ok: unknown; err?: undefined } | { id: number; ok?: undefined; err: { type: 'reject' | 'resolver' | 'app' | 'error'; reason: string; message: string } };

function errorOf(e: NonNullable<FromVerify['err']>): Error {
  if (e.type === 'reject') return new Reject(e.reason, e.message);
  if (e.type === 'app') return new AppFileError(e.reason as AppFileError['reason'], e.message);
  if (e.type === 'resolver') return Object.assign(new ResolverError(e.reason as ResolverCode, ''), { message: e.message });
  return new Error(e.message);
}

export class VerifyPool {
  private workers: Worker[] = [];
  private waiting = new Map<number, { ok: (r: unknown) => void; fail: (e: Error) => void }>();
  private nextId = 0;

  static async start(n: number): Promise<VerifyPool> {
    const p = new VerifyPool();
    const url = await workerUrl(new URL('./crawl-verify-worker.js', import.meta.url), new URL('./verify-worker.ts', import.meta.url), 'crawl-verify');
    for (let i = 0; i < Math.max(1, n); i++) {
      const w = new Worker(url);
      w.on('message', (m: FromVerify) => {
        const t = p.waiting.get(m.id);
        if (!t) return;
        p.waiting.delete(m.id);
        if (m.err) t.fail(errorOf(m.err)); else t.ok(m.ok);
        if (!p.waiting.size) for (const x of p.workers) x.unref();
      });
      w.on('error', (e) => { for (const t of p.waiting.values()) t.fail(e); p.waiting.clear(); });
      w.unref();
      p.workers.push(w);
    }
    return p;
  }

  private run<R>(msg: ToVerify): Promise<R> {
    return new Promise<R>((ok, fail) => {
      this.waiting.set(msg.id, { ok: ok as (r: unknown) => void, fail });
      const w = this.workers[msg.id % this.workers.length];
      w.ref();
      w.postMessage(msg);
    });
  }

  token(body: Uint8Array, address: string): Promise<VerifiedToken> { return this.run({ id: this.nextId++, kind: 'token', body, address }); }
  file(body: Uint8Array, sidecar: Uint8Array, address: string, metaKey?: string): Promise<unknown> {
    return this.run({ id: this.nextId++, kind: 'file', body, sidecar, address, metaKey });
  }

  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.terminate())); this.workers = []; }
}
