/**
 * @module node/blkscan/pool — worker threads running `worker.ts`, each with its own WASM core. Jobs go to the
 * worker with the fewest outstanding, with a bounded number in flight (memory stays bounded); `map` yields results in job order.
 * Workers get this thread's compiled core (`workerData.core`): compiled once, not once per worker and run.
 * The worker script is `blkscan-worker.js` beside the bundle (dist/); from the TypeScript sources (tests)
 * it is bundled on the fly with esbuild into the temp directory.
 */
import { ChainError } from '../../chain/errors.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { workerUrl } from '../worker-url.ts';
import { WorkerPool } from '../worker-pool.ts';
import { coreModule } from '../../core/wasm.ts';

export class ScanPool {
  private constructor(private readonly pool: WorkerPool<FromWorker>) {}

  static async start(n: number): Promise<ScanPool> {
    const url = await workerUrl(new URL('./blkscan-worker.js', import.meta.url), new URL('./worker.ts', import.meta.url), 'blkscan');
    return new ScanPool(new WorkerPool<FromWorker>(url, n, { workerData: { core: coreModule() } })); // the compiled core, shared (wasm.ts)
  }

  get size(): number { return this.pool.size; }
  broadcast(m: ToWorker): void { this.pool.broadcast(m); }

  private async run<R>(worker: number, msg: (id: number) => ToWorker): Promise<R> {
    const m = await this.pool.request(msg, worker);
    if (m.type === 'done') return m.result as R;
    throw m.code ? new ChainError(m.code, m.message) : new Error(m.message);
  }

  /**
   * Runs every job (each to the worker with the fewest outstanding — round-robin let a worker's queue run dry
   * while the consumer waited on the other's oldest job — `depth` per worker in flight) and yields the results in job order. Jobs are
   * columns of block locations and results are small (no block bytes, no object per block), so the default depth of 8 costs little memory
   * and keeps the workers busy while the consumer works through a burst of blocks with operations (at 2 it
   * was ~20% slower: the workers idled whenever the state machine fell behind).
   */
  async *map<J, R>(jobs: Iterable<J>, msg: (id: number, job: J) => ToWorker, depth = 8): AsyncGenerator<R> {
    const inflight: Promise<R>[] = [];
    const load = new Array<number>(this.size).fill(0);
    try {
      for (const j of jobs) {
        let w = 0;
        for (let i = 1; i < load.length; i++) if (load[i] < load[w]) w = i;
        load[w]++;
        inflight.push(this.run<R>(w, (id) => msg(id, j)).finally(() => { load[w]--; }));
        if (inflight.length >= this.size * depth) yield await inflight.shift()!;
      }
      while (inflight.length) yield await inflight.shift()!;
    } finally {
      for (const p of inflight) p.catch(() => {}); // the consumer stopped early: nobody waits for these
    }
  }

  close(): Promise<void> { return this.pool.close(); }
}
