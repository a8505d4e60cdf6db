/**
 * @module node/worker-pool — worker threads of one script behind request/reply promises, for the blkscan pool
 * and the crawl verify pool: each request carries an `id` that its reply echoes; a worker that dies fails
 * every request still waiting. With `unrefIdle`, workers are unref'd while nothing waits, so an idle pool
 * does not keep the process alive.
 */
import { Worker } from 'node:worker_threads';

export class WorkerPool<Reply extends { id: number }> {
  private workers: Worker[] = [];
  private waiting = new Map<number, { ok: (r: Reply) => void; fail: (e: Error) => void }>();
  private nextId = 0;

  constructor(url: URL, n: number, private readonly opts: { workerData?: unknown; unrefIdle?: boolean } = {}) {
    for (let i = 0; i < Math.max(1, n); i++) {
      const w = new Worker(url, { workerData: opts.workerData });
      w.on('message', (m: Reply) => {
        const t = this.waiting.get(m.id);
        if (!t) return;
        this.waiting.delete(m.id);
        t.ok(m);
        if (opts.unrefIdle && !this.waiting.size) for (const x of this.workers) x.unref();
      });
      w.on('error', (e) => { for (const t of this.waiting.values()) t.fail(e); this.waiting.clear(); });
      if (opts.unrefIdle) w.unref();
      this.workers.push(w);
    }
  }

  get size(): number { return this.workers.length; }

  /** Posts `msg(id)` to worker `worker` (default: round-robin by id); resolves with the reply carrying that id. */
  request(msg: (id: number) => unknown, worker?: number): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      const w = this.workers[(worker ?? id) % this.workers.length];
      if (this.opts.unrefIdle) w.ref();
      w.postMessage(msg(id));
    });
  }

  broadcast(m: unknown): void { for (const w of this.workers) w.postMessage(m); }
  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.terminate())); this.workers = []; }
}
