/**
 * @module pubsub/ws-client — the transport for the node's WebSocket `/pubsub` (browsers: the built-in
 * WebSocket; Node: the `ws` package, loaded lazily so browser bundles never include it). Frames are JSON:
 *   → {op:"sub"|"unsub", id, topic}   → {op:"pub", id, msg}
 *   ← {op:"ok", id}  ← {op:"error", id?, code, error}  ← {op:"msg", msg}
 * Reconnects with exponential back-off, re-subscribes (acknowledged), then reports the reconnection.
 */
import { PubsubError, type PubsubErrorCode } from './errors.ts';
import type { PubsubMessage } from './message.ts';
import { backoffMs, type PubsubTransport, type Unsubscribe } from './transport.ts';

interface WsLike {
  readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WsCtor = new (url: string) => WsLike;

async function defaultCtor(): Promise<WsCtor> {
  const g = (globalThis as { WebSocket?: WsCtor }).WebSocket;
  if (g) return g;
  const name = 'ws';
  return ((await import(/* @vite-ignore */ name)) as { WebSocket: WsCtor }).WebSocket;
}

export interface WsTransportOptions { WebSocket?: WsCtor; timeoutMs?: number; maxBackoffMs?: number }

export class WsTransport implements PubsubTransport {
  private ws: WsLike | null = null;
  private ctor: WsCtor | null = null;
  private nextId = 1;
  private pending = new Map<number, { ok: () => void; fail: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  private subs = new Map<string, Set<(raw: unknown) => void>>();
  private reconnectCbs: (() => void)[] = [];
  private closed = false;
  private attempt = 0;
  private opened: Promise<void> | null = null;
  private everOpen = false;

  constructor(readonly uri: string, readonly opts: WsTransportOptions = {}) {}

  static async connect(uri: string, opts: WsTransportOptions = {}): Promise<WsTransport> {
    const t = new WsTransport(uri, opts);
    await t.open();
    return t;
  }

  private open(): Promise<void> {
    if (this.opened) return this.opened;
    this.opened = (async () => {
      this.ctor ??= this.opts.WebSocket ?? (await defaultCtor());
      await new Promise<void>((ok, fail) => {
        const ws = new this.ctor!(this.uri);
        this.ws = ws;
        let up = false;
        ws.onopen = () => { up = true; this.attempt = 0; ok(); };
        ws.onmessage = (ev) => this.onFrame(ev.data);
        ws.onerror = () => { if (!up) fail(new PubsubError('E_NOT_CONNECTED', `cannot connect to ${this.uri}`)); };
        ws.onclose = () => { if (!up) fail(new PubsubError('E_NOT_CONNECTED', `cannot connect to ${this.uri}`)); else this.lost(); };
      });
      const again = this.everOpen;
      this.everOpen = true;
      // re-subscribe and wait for the node's answers before reporting the reconnection: a catch-up listing
      // started from the report then cannot miss a message published after it
      const resubs = Promise.allSettled([...this.subs.keys()].map((topic) => this.request({ op: 'sub', topic })));
      if (again) void resubs.then(() => { if (this.ws) for (const cb of this.reconnectCbs) cb(); });
    })();
    this.opened.catch(() => { this.opened = null; });
    return this.opened;
  }

  private lost(): void {
    this.opened = null;
    this.ws = null;
    for (const [id, p] of this.pending) { clearTimeout(p.timer); p.fail(new PubsubError('E_NOT_CONNECTED', 'connection lost')); this.pending.delete(id); }
    if (this.closed) return;
    const retry = () => {
      if (this.closed) return;
      setTimeout(() => { this.open().catch(() => { this.attempt++; retry(); }); }, backoffMs(this.attempt++, this.opts.maxBackoffMs));
    };
    retry();
  }

  private onFrame(data: unknown): void {
    let f: { op?: string; id?: number; msg?: { topic?: string }; code?: string; error?: string };
    try { f = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as Uint8Array)); } catch { return; }
    if (f.op === 'msg' && f.msg && typeof f.msg.topic === 'string') {
      for (const h of this.subs.get(f.msg.topic) ?? []) h(f.msg);
      return;
    }
    if ((f.op === 'ok' || f.op === 'error') && typeof f.id === 'number') {
      const p = this.pending.get(f.id);
      if (!p) return;
      this.pending.delete(f.id);
      clearTimeout(p.timer);
      if (f.op === 'ok') p.ok(); else p.fail(new PubsubError((f.code as PubsubErrorCode) ?? 'E_BAD_REQUEST', f.error ?? 'refused'));
    }
  }

  private send(frame: Record<string, unknown>): void {
    if (!this.ws || this.ws.readyState !== 1) throw new PubsubError('E_NOT_CONNECTED', `not connected to ${this.uri}`);
    this.ws.send(JSON.stringify(frame));
  }

  private request(frame: Record<string, unknown>): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => { this.pending.delete(id); fail(new PubsubError('E_NOT_CONNECTED', `no answer from ${this.uri}`)); }, this.opts.timeoutMs ?? 10_000);
      this.pending.set(id, { ok, fail, timer });
      try { this.send({ ...frame, id }); } catch (e) { clearTimeout(timer); this.pending.delete(id); fail(e as Error); }
    });
  }

  async publish(msg: PubsubMessage): Promise<void> {
    await this.open();
    await this.request({ op: 'pub', msg });
  }

  async subscribe(topic: string, onMessage: (raw: unknown) => void): Promise<Unsubscribe> {
    await this.open();
    let set = this.subs.get(topic);
    const first = !set;
    if (!set) { set = new Set(); this.subs.set(topic, set); }
    set.add(onMessage);
    if (first) {
      try { await this.request({ op: 'sub', topic }); } catch (e) { set.delete(onMessage); if (set.size === 0) this.subs.delete(topic); throw e; }
    }
    return async () => {
      const s = this.subs.get(topic);
      if (!s?.delete(onMessage) || s.size > 0) return;
      this.subs.delete(topic);
      try { this.send({ op: 'unsub', topic }); } catch { /* gone anyway */ }
    };
  }

  onReconnect(cb: () => void): void { this.reconnectCbs.push(cb); }

  async close(): Promise<void> {
    this.closed = true;
    this.ws?.close(1000);
    this.ws = null;
  }
}
