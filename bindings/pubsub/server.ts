/**
 * @module pubsub/server — the node's WebSocket pubsub at `/pubsub` (library `ws`, attached to the API's
 * HTTP server by its `upgrade` event). Each publish is verified once (MessageVerifier: signature, app
 * key of the publisher through key discovery, time window, per-publisher sequence), serialised once and
 * written to every subscriber of its topic. Frames: see ws-client.ts. Limits: 16 KiB per frame, 256
 * topics per connection; a subscriber whose send buffer passes 4 MiB is disconnected (slow consumer).
 * With a `relay` (pubsub/relay.ts: a broker shared by every API process) a verified publish also goes to the
 * broker, and each topic with local subscribers is followed there (verified again on arrival), so a client
 * of one process receives what was published to another; `ok` to a `sub` means both are in place.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import { PubsubError } from './errors.ts';
import { parseTopic } from './message.ts';
import type { MessageVerifier } from './verifier.ts';
import type { PubsubRelay } from './relay.ts';

export interface PubsubServerStats { connections: number; topics: number; published: number; delivered: number; refused: number }
export interface PubsubServerOptions {
  verifier: MessageVerifier;
  path?: string;
  log?: Logger;
  maxTopicsPerConnection?: number;
  maxBufferedBytes?: number;
  /** cross-process fan-out through a broker (the relay's verifier should be this server's) */
  relay?: PubsubRelay;
  onPublish?: (ok: boolean, code?: string) => void;
  onDeliver?: (n: number) => void;
}

export class PubsubServer {
  readonly wss: WebSocketServer;
  readonly path: string;
  private topics = new Map<string, Set<WebSocket>>();
  private subsOf = new WeakMap<WebSocket, Set<string>>();
  readonly stats: PubsubServerStats = { connections: 0, topics: 0, published: 0, delivered: 0, refused: 0 };
  private servers: Server[] = [];
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head);

  constructor(readonly opts: PubsubServerOptions) {
    this.path = opts.path ?? '/pubsub';
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024, perMessageDeflate: false });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Handle upgrades to `path` on this HTTP server (other paths are left alone). */
  attach(server: Server): void {
    server.on('upgrade', this.onUpgrade);
    this.servers.push(server);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== this.path) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  private onConnection(ws: WebSocket): void {
    this.stats.connections++;
    this.subsOf.set(ws, new Set());
    ws.on('message', (data, isBinary) => void this.onFrame(ws, isBinary ? '' : data.toString()));
    ws.on('close', () => {
      this.stats.connections--;
      for (const t of this.subsOf.get(ws) ?? []) this.drop(ws, t);
    });
    ws.on('error', () => ws.terminate());
  }

  private drop(ws: WebSocket, topic: string): void {
    const set = this.topics.get(topic);
    if (!set) return;
    set.delete(ws);
    if (set.size === 0) { this.topics.delete(topic); this.stats.topics--; void this.opts.relay?.unfollow(topic); }
  }

  private reply(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  private async onFrame(ws: WebSocket, text: string): Promise<void> {
    let f: { op?: unknown; id?: unknown; topic?: unknown; msg?: unknown };
    const id = () => (typeof f?.id === 'number' ? { id: f.id } : {});
    try {
      try { f = JSON.parse(text); } catch { throw new PubsubError('E_BAD_REQUEST', 'frames are JSON objects'); }
      if (!f || typeof f !== 'object') throw new PubsubError('E_BAD_REQUEST', 'frames are JSON objects');
      if (f.op === 'sub') {
        parseTopic(f.topic);
        const mine = this.subsOf.get(ws)!;
        if (!mine.has(f.topic as string) && mine.size >= (this.opts.maxTopicsPerConnection ?? 256)) throw new PubsubError('E_TOO_LARGE', 'too many topics on one connection');
        mine.add(f.topic as string);
        let set = this.topics.get(f.topic as string);
        if (!set) { set = new Set(); this.topics.set(f.topic as string, set); this.stats.topics++; }
        set.add(ws);
        if (this.opts.relay) {
          const topic = f.topic as string;
          try {
            await this.opts.relay.follow(topic, (m) => this.fanOut(m.topic, JSON.stringify({ op: 'msg', msg: m })));
          } catch (e) {
            mine.delete(topic);
            this.drop(ws, topic);
            throw new PubsubError('E_NOT_CONNECTED', `cannot follow ${topic} on the broker: ${(e as Error).message}`);
          }
        }
        this.reply(ws, { op: 'ok', ...id() });
      } else if (f.op === 'unsub') {
        parseTopic(f.topic);
        this.subsOf.get(ws)!.delete(f.topic as string);
        this.drop(ws, f.topic as string);
        this.reply(ws, { op: 'ok', ...id() });
      } else if (f.op === 'pub') {
        const m = await this.opts.verifier.accept(f.msg);
        this.stats.published++;
        this.opts.onPublish?.(true);
        this.reply(ws, { op: 'ok', ...id() });
        this.fanOut(m.topic, JSON.stringify({ op: 'msg', msg: m }));
        await this.opts.relay?.publish(m); // never throws: a broker outage costs the other processes, not this one
      } else {
        throw new PubsubError('E_BAD_REQUEST', `unknown op ${JSON.stringify(f.op)} (sub, unsub, pub)`);
      }
    } catch (e) {
      const err = e instanceof PubsubError ? e : new PubsubError('E_BAD_REQUEST', (e as Error).message);
      if (f! && (f as { op?: unknown }).op === 'pub') { this.stats.refused++; this.opts.onPublish?.(false, err.code); }
      this.opts.log?.debug({ code: err.code, err: err.message }, 'pubsub refused');
      this.reply(ws, { op: 'error', ...id(), code: err.code, error: err.message });
    }
  }

  /**
   * One serialised message to every subscriber of the topic: JSON text and UTF-8 bytes are made once
   * (ws frames them per socket; writing a shared pre-built frame to the raw sockets measured no faster).
   */
  private fanOut(topic: string, text: string): void {
    const set = this.topics.get(topic);
    if (!set) return;
    const bytes = Buffer.from(text, 'utf8');
    const max = this.opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    let n = 0;
    for (const ws of set) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > max) { ws.close(1013, 'slow consumer'); continue; }
      ws.send(bytes, { binary: false });
      n++;
    }
    this.stats.delivered += n;
    this.opts.onDeliver?.(n);
  }

  async close(): Promise<void> {
    for (const s of this.servers) s.off('upgrade', this.onUpgrade);
    for (const ws of this.wss.clients) ws.terminate();
    await this.opts.relay?.close();
    await new Promise<void>((ok) => this.wss.close(() => ok()));
  }
}

