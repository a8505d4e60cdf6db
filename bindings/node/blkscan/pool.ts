/**
 * @module node/blkscan/pool — worker threads running `worker.ts`, each with its own WASM core. Jobs go
 * round-robin with a bounded number in flight (memory stays bounded); `map` yields results in job order.
 * Workers get this thread's compiled core (`workerData.core`): compiled once, not once per worker and run.
 * The worker script is `blkscan-worker.js` beside the bundle (dist/); from the TypeScript sources (tests)
 * it is bundled on the fly with esbuild into the temp directory.
 */
import { Worker } from 'node:worker_threads';
import { ChainError } from '../../chain/errors.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { workerUrl } from '../worker-url.ts';
import { coreModule } from '../../core/wasm.ts';

export class ScanPool {
  private workers: Worker[] = [];
  private waiting = new Map<number, { ok: (r: unknown[]) => void; fail: (e: Error) => void }>();
  private nextId = 0;

  static async start(n: number): Promise<ScanPool> {
    const p = new ScanPool();
    const url = await workerUrl(new URL('./blkscan-worker.js', import.meta.url), new URL('./worker.ts', import.meta.url), 'blkscan');
    for (let i = 0; i < Math.max(1, n); i++) {
      const w = new Worker(url, { workerData: { core: coreModule() } }); // the compiled core, shared (wasm.ts)
      w.on('message', (m: FromWorker) => {
        const t = p.waiting.get(m.id);
        if (!t) return;
        p.waiting.delete(m.id);
        if (m.type === 'done') t.ok(m.results); else t.fail(m.code ? new ChainError(m.code, m.message) : new Error(m.message));
      });
      w.on('error', (e) => { for (const t of p.waiting.values()) t.fail(e); p.waiting.clear(); });
      p.workers.push(w);
    }
    return p;
  }

  get size(): number { return this.workers.length; }
  broadcast(m: ToWorker): void { for (const w of this.workers) w.postMessage(m); }

  private run<R>(worker: number, msg: (id: number) => ToWorker): Promise<R[]> {
    const id = this.nextId++;
    return new Promise<R[]>((ok, fail) => {
      this.waiting.set(id, { ok: ok as (r: unknown[]) => void, fail });
      this.workers[worker].postMessage(msg(id));
    });
  }

  /** Runs every job (round-robin, `depth` per worker in flight) and yields the results in job order. */
  async *map<J, R>(jobs: Iterable<J>, msg: (id: number, job: J) => ToWorker, depth = 2): AsyncGenerator<R[]> {
    const inflight: Promise<R[]>[] = [];
    let k = 0;
    for (const j of jobs) {
      inflight.push(this.run<R>(k++ % this.workers.length, (id) => msg(id, j)));
      if (inflight.length >= this.workers.length * depth) yield await inflight.shift()!;
    }
    while (inflight.length) yield await inflight.shift()!;
  }

  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.terminate())); this.workers = []; }
}
