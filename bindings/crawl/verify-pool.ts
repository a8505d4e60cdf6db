/**
 * @module crawl/verify-pool — signature checks on worker threads (crawl/verify-worker), so the crawler's own
 * thread (HTTP, SQLite) is not also the one verifying ~1.4 ECDSA signatures per profile. Jobs go round-robin;
 * errors come back as the same classes the inline checks throw. The worker script is
 * `crawl-verify-worker.js` beside the bundle (dist/); from the TypeScript sources (tests) it is bundled on the
 * fly with esbuild into the temp directory. Workers are unref'd: an idle pool does not keep a process alive.
 */
import { workerUrl } from '../node/worker-url.ts';
import { WorkerPool } from '../node/worker-pool.ts';
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
  private constructor(private readonly pool: WorkerPool<FromVerify>) {}

  static async start(n: number): Promise<VerifyPool> {
    const url = await workerUrl(new URL('./crawl-verify-worker.js', import.meta.url), new URL('./verify-worker.ts', import.meta.url), 'crawl-verify');
    return new VerifyPool(new WorkerPool<FromVerify>(url, n, { unrefIdle: true }));
  }

  private async run<R>(msg: (id: number) => ToVerify): Promise<R> {
    const m = await this.pool.request(msg);
    if (m.err) throw errorOf(m.err);
    return m.ok as R;
  }

  token(body: Uint8Array, address: string): Promise<VerifiedToken> { return this.run((id) => ({ id, kind: 'token', body, address })); }
  file(body: Uint8Array, sidecar: Uint8Array, address: string, metaKey?: string): Promise<unknown> {
    return this.run((id) => ({ id, kind: 'file', body, sidecar, address, metaKey }));
  }

  close(): Promise<void> { return this.pool.close(); }
}
