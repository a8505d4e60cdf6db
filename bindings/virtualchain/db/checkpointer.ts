/**
 * @module virtualchain/db/checkpointer — WAL checkpoints of a SQLite file on a worker thread (Node).
 *
 * A checkpoint copies the WAL's pages into the database file between two fsyncs (synchronous = NORMAL syncs
 * nothing else). Run by SQLite's auto-checkpoint it happens inside a commit, on the indexer's thread: every
 * 8,192 frames one commit stalls ~80 ms. Here the writer's connection never checkpoints
 * (wal_autocheckpoint = 0): a second connection on a worker thread does, while the writer goes on. The writer
 * only counts its commits in shared memory (no message, so a synchronous indexing loop never has to yield).
 *
 * The worker wakes every `every` commits (or `idleMs` after the last one) and copies the WAL in PASSIVE passes,
 * which never block the writer. But SQLite writes a WAL from its beginning again only when a commit starts
 * with every frame copied, which never happens while the writer commits faster than a pass (two fsyncs)
 * takes: so once the WAL holds `restartFrames` frames, or when the writer has gone idle, the worker parks the
 * writer before its next commit (shared-memory handshake) and runs one RESTART checkpoint: it copies the last
 * few frames and syncs — a few fsync-bound milliseconds every `restartFrames` frames.
 * If the worker falls `maxLag` requests behind (stuck disk, died), the writer checkpoints inline again, so
 * the WAL stays bounded. Durability and crash safety are SQLite's own: which connection checkpoints changes
 * neither.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Slots of the shared control array. */
const COMMITS = 0, REQ = 1, DONE = 2, STOP = 3, CLOSED = 4, FAILED = 5, PASSES = 6, RESTARTS = 7, HOLD = 8, STATE = 9;
/** STATE: the worker claims the database (0 → 1) before opening it; a close before that cancels it (0 → 2). */
const CLAIMED = 1, CANCELLED = 2;

// The worker, eval'd (the same code whether the host runs it as CommonJS or as a module).
const WORKER = `(async () => {
  const { workerData: w } = await import('node:worker_threads');
  const ctl = new Int32Array(w.ctl);
  let db = null;
  try {
    const Database = (await import(w.driver)).default;
    if (Atomics.compareExchange(ctl, ${STATE}, 0, ${CLAIMED}) !== 0) return;
    db = new Database(w.path, { fileMustExist: true, timeout: w.busyMs });
    db.pragma('synchronous = NORMAL');
    let req = 0, seen = 0, log = 0;
    // HOLD handshake: 1 = asking the writer to park before its next commit, 2 = parked; the worker waits (≤ 1 s)
    // for the writer, restarts, then sets 0 and wakes it (the writer never sleeps in SQLite's busy back-off).
    const restart = () => {
      Atomics.store(ctl, ${HOLD}, 1);
      Atomics.wait(ctl, ${HOLD}, 1, 1000);
      try { db.pragma('wal_checkpoint(RESTART)'); } finally { Atomics.store(ctl, ${HOLD}, 0); Atomics.notify(ctl, ${HOLD}); }
      log = 0;
      Atomics.add(ctl, ${RESTARTS}, 1);
    };
    while (!Atomics.load(ctl, ${STOP})) {
      Atomics.wait(ctl, ${REQ}, req, w.idleMs);
      if (Atomics.load(ctl, ${STOP})) break;
      req = Atomics.load(ctl, ${REQ});
      const commits = Atomics.load(ctl, ${COMMITS});
      if (commits !== seen) {
        seen = commits;
        for (let i = 0; i < 4; i++) {
          const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
          log = r.log;
          Atomics.add(ctl, ${PASSES}, 1);
          if (r.busy || r.log - r.checkpointed <= w.tail) break;
        }
        if (log >= w.restartFrames) restart();
      } else if (log > 0) restart(); // no commit for idleMs
      Atomics.store(ctl, ${DONE}, req);
    }
  } catch (e) {
    Atomics.store(ctl, ${FAILED}, 1);
  } finally {
    try { db?.close(); } catch {}
    Atomics.store(ctl, ${CLOSED}, 1);
    Atomics.notify(ctl, ${CLOSED});
  }
})();`;

export interface CheckpointerOptions {
  /** Commits between checkpoint requests (default 1024; `idleMs` after the last commit otherwise). */
  every?: number;
  /** WAL size (frames) at which the worker makes the writer start the WAL over (default 16384: 64 MiB of 4 KiB pages). */
  restartFrames?: number;
  /** PASSIVE passes run until at most this many frames are left to copy (default 256). */
  tail?: number;
  /** Requests the worker may lag behind before the writer checkpoints inline (default 8). */
  maxLag?: number;
  /** Checkpoint this long after the last commit when fewer than `every` came (ms, default 1000). */
  idleMs?: number;
}

export class Checkpointer {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(10 * 4));
  private readonly worker: Worker;
  private readonly every: number;
  private readonly maxLag: number;
  private closed = false;

  /**
   * Starts the worker on the WAL database at `path`. `inline` checkpoints on the writer's own connection (the
   * fallback when the worker lags); the caller has set wal_autocheckpoint = 0 on it.
   */
  constructor(path: string, private readonly inline: () => void, opts: CheckpointerOptions = {}) {
    this.every = Math.max(1, opts.every ?? 1024);
    this.maxLag = Math.max(1, opts.maxLag ?? 8);
    const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    const workerData = {
      ctl: this.ctl.buffer, path, driver, idleMs: opts.idleMs ?? 1000, tail: opts.tail ?? 256, restartFrames: opts.restartFrames ?? 16384,
      busyMs: 250,
    };
    this.worker = new Worker(WORKER, { eval: true, workerData });
    this.worker.unref();
    this.worker.on('error', () => Atomics.store(this.ctl, FAILED, 1));
  }

  /** Before each commit of the writer: parks it while the worker restarts the WAL (see WORKER). */
  beforeCommit(): void {
    if (Atomics.compareExchange(this.ctl, HOLD, 1, 2) !== 1) return;
    Atomics.notify(this.ctl, HOLD);
    Atomics.wait(this.ctl, HOLD, 2, 5000);
  }

  /** After each commit of the writer. */
  committed(): void {
    const n = Atomics.add(this.ctl, COMMITS, 1) + 1;
    if (n % this.every !== 0) return;
    const req = Atomics.add(this.ctl, REQ, 1) + 1;
    Atomics.notify(this.ctl, REQ);
    if (Atomics.load(this.ctl, FAILED) || req - Atomics.load(this.ctl, DONE) > this.maxLag) this.inline();
  }

  /** What the worker did: PASSIVE passes, RESTART checkpoints, whether it failed (tests, diagnostics). */
  stats(): { passes: number; restarts: number; failed: boolean } {
    return { passes: Atomics.load(this.ctl, PASSES), restarts: Atomics.load(this.ctl, RESTARTS), failed: Atomics.load(this.ctl, FAILED) === 1 };
  }

  /**
   * Stops the worker and, if it has opened the database, waits (≤ 5 s) until its connection is closed, so the
   * writer's close is the last one (which checkpoints and removes the WAL).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, STOP, 1);
    Atomics.notify(this.ctl, REQ);
    if (Atomics.compareExchange(this.ctl, STATE, 0, CANCELLED) !== 0) Atomics.wait(this.ctl, CLOSED, 0, 5000);
    void this.worker.terminate();
  }
}
