/**
 * @module virtualchain/db/writer — the SQLite name store's writes on a worker thread (Node).
 *
 * The state machine runs on the indexer's thread; committing a block to SQLite (B-tree inserts, WAL frames,
 * and every 8,192 frames a checkpoint with two fsyncs) took ~40% of that thread's time. Here the indexer's
 * thread only hands each block's statements over (`commit`) and goes on with the next block, while a
 * second connection on a worker thread runs them — one transaction per block, in order, with SQLite's own
 * auto-checkpoint. The writer's progress is a counter in shared memory: `flush()` waits (synchronously) until
 * every block handed over is committed, and the handing over waits once `maxQueue` blocks are pending, so
 * the indexer is never more than that far ahead of the file. A kill -9 loses at most those pending blocks,
 * never part of one (the indexer applies them again from the chain, as after a group commit).
 *
 * Statements are sent once as SQL text with an id, then referred to by id. If the worker cannot start
 * (`failed() === 'start'`), nothing was written and the blocks pending can be written by the caller
 * (`pending()`); a failed commit (`failed() === 'commit'`, e.g. disk full) is final: `error()` says why.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** One statement of a block: statement id (`SqliteWriter.id`) and its parameters. */
export type Cmd = [id: number, args: unknown[]];

/** Slots of the shared control array. */
const COMMITTED = 0, FAILED = 1, STATE = 2, CLOSED = 3;
/** FAILED values. */
const START_FAILED = 2, COMMIT_FAILED = 1;
/** STATE: the worker claims the file (0 → 1) before opening it, then 2 once open; a close before that cancels it (0 → 3). */
const CLAIMED = 1, READY = 2, CANCELLED = 3;

// The worker, eval'd (the same code whether the host runs it as CommonJS or as a module).
const WORKER = `(async () => {
  const { workerData: w, parentPort } = await import('node:worker_threads');
  const ctl = new Int32Array(w.ctl);
  const fail = (code, e) => {
    try { w.errors.postMessage(String((e && e.message) || e)); } catch {}
    Atomics.store(ctl, ${FAILED}, code);
    Atomics.notify(ctl, ${COMMITTED});
  };
  const closed = () => { Atomics.store(ctl, ${CLOSED}, 1); Atomics.notify(ctl, ${CLOSED}); parentPort.close(); };
  let db = null;
  try {
    const Database = (await import(w.driver)).default;
    if (Atomics.compareExchange(ctl, ${STATE}, 0, ${CLAIMED}) !== 0) return closed();
    db = new Database(w.path, { fileMustExist: true, timeout: 5000 });
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = ' + w.autocheckpoint);
  } catch (e) {
    fail(${START_FAILED}, e);
    try { db?.close(); } catch {}
    return closed();
  }
  Atomics.store(ctl, ${STATE}, ${READY});
  const stmts = [];
  const tx = db.transaction((cmds) => { for (const [id, args] of cmds) stmts[id].run(...args); });
  parentPort.on('message', (m) => {
    if (m.close) { try { db.close(); } catch {} return closed(); }
    if (Atomics.load(ctl, ${FAILED})) return;
    try {
      if (m.sql !== undefined) { stmts[m.id] = db.prepare(m.sql); return; }
      tx(m.cmds);
      Atomics.store(ctl, ${COMMITTED}, m.seq);
      Atomics.notify(ctl, ${COMMITTED});
    } catch (e) { fail(${COMMIT_FAILED}, e); }
  });
})();`;

export interface WriterOptions {
  /** Transactions handed over and not yet committed before `commit` waits (default 64). */
  maxQueue?: number;
  /** The worker connection's wal_autocheckpoint (default 8192 frames, ~32 MiB of WAL). */
  autocheckpoint?: number;
}

export class SqliteWriter {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(4 * 4));
  private readonly worker: Worker;
  private readonly errors: MessagePort;
  private readonly ids = new Map<string, number>();
  private readonly sqls: string[] = [];
  private readonly maxQueue: number;
  /** Commits handed over before the worker had opened the file and not known to be committed (oldest first), for `pending()`. */
  private inflight: { seq: number; cmds: Cmd[] }[] = [];
  private seq = 0;
  private closed = false;
  private errorText: string | undefined;

  constructor(path: string, opts: WriterOptions = {}) {
    this.maxQueue = Math.max(1, opts.maxQueue ?? 64);
    const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
    const { port1, port2 } = new MessageChannel();
    this.errors = port1;
    port1.unref();
    const workerData = { ctl: this.ctl.buffer, path, driver, errors: port2, autocheckpoint: opts.autocheckpoint ?? 8192 };
    this.worker = new Worker(WORKER, { eval: true, workerData, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', (e) => {
      if (!Atomics.load(this.ctl, FAILED)) {
        this.errorText = e.message;
        // an error before the file was opened wrote nothing; after, a commit may have been cut short
        Atomics.store(this.ctl, FAILED, Atomics.load(this.ctl, STATE) === READY ? COMMIT_FAILED : START_FAILED);
      }
    });
  }

  /** The id of a statement (sent to the worker the first time). */
  id(sql: string): number {
    let id = this.ids.get(sql);
    if (id === undefined) {
      id = this.sqls.length;
      this.sqls.push(sql);
      this.ids.set(sql, id);
      this.worker.postMessage({ id, sql });
    }
    return id;
  }

  /** SQL text of a statement id. */
  sql(id: number): string { return this.sqls[id]; }

  /**
   * Hands one transaction over; waits while more than `maxQueue` are pending. Throws if the writer failed
   * (the transaction is then among `pending()`).
   */
  commit(cmds: Cmd[]): void {
    const seq = ++this.seq;
    // kept for a failure to start only: once the worker has the file open, nothing is kept (less for the GC)
    if (Atomics.load(this.ctl, STATE) !== READY) this.inflight.push({ seq, cmds });
    if (!this.failed()) this.worker.postMessage({ seq, cmds });
    this.trim();
    this.check();
    while (this.seq - Atomics.load(this.ctl, COMMITTED) > this.maxQueue) this.waitCommitted();
  }

  /** Waits until every transaction handed over is committed. Throws if the writer failed. */
  flush(): void {
    while (Atomics.load(this.ctl, COMMITTED) < this.seq) this.waitCommitted();
    this.trim();
  }

  /** 'start' (the worker never opened the file: nothing written), 'commit' (a commit failed), or null. */
  failed(): 'start' | 'commit' | null {
    const f = Atomics.load(this.ctl, FAILED);
    return f === START_FAILED ? 'start' : f === COMMIT_FAILED ? 'commit' : null;
  }

  /** Why the writer failed. */
  error(): string {
    const m = receiveMessageOnPort(this.errors);
    if (m) this.errorText = String(m.message);
    return this.errorText ?? 'the SQLite writer thread stopped';
  }

  /** After a failure to start: every transaction handed over, oldest first (none was written). */
  pending(): Cmd[][] { this.trim(); return this.inflight.map((x) => x.cmds); }

  /** Stops the worker once everything handed over is committed (≤ 5 s), so the caller's close is the last one. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (Atomics.compareExchange(this.ctl, STATE, 0, CANCELLED) !== 0 && !this.failed()) {
      this.worker.postMessage({ close: true });
      Atomics.wait(this.ctl, CLOSED, 0, 5000);
    }
    void this.worker.terminate();
  }

  private check(): void {
    if (this.failed()) throw new Error(this.error());
  }

  private waitCommitted(): void {
    this.check();
    Atomics.wait(this.ctl, COMMITTED, Atomics.load(this.ctl, COMMITTED), 1000);
    this.check();
  }

  private trim(): void {
    const done = Atomics.load(this.ctl, COMMITTED);
    let k = 0;
    while (k < this.inflight.length && this.inflight[k].seq <= done) k++;
    if (k) this.inflight = this.inflight.slice(k);
  }
}
