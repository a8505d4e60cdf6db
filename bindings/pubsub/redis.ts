/**
 * @module pubsub/redis — the same transport over Redis PUBLISH/SUBSCRIBE (`redis://host:port[/db]`): one
 * connection publishes, one subscribes (channel `bsk:pubsub:<topic>`); ioredis reconnects with back-off
 * and re-subscribes; each reconnection is reported once the subscriptions are back.
 */
import { Redis } from 'ioredis';
import { PubsubError } from './errors.ts';
import type { PubsubMessage } from './message.ts';
import { backoffMs, unsubscriber, type PubsubTransport, type Unsubscribe } from './transport.ts';

export const redisChannel = (topic: string) => `bsk:pubsub:${topic}`;

export class RedisTransport implements PubsubTransport {
  private cbs: (() => void)[] = [];
  private handlers = new Map<string, Set<(raw: unknown) => void>>();
  private constructor(readonly uri: string, private pub: Redis, private sub: Redis) {
    // constructed after the first connection: every later 'ready' is a reconnection. ioredis emits 'ready'
    // before it re-subscribes: subscribe here too (idempotent) and report once Redis has answered, so a
    // catch-up listing started from the report cannot miss a message published after it
    sub.on('ready', () => {
      const fire = () => { for (const cb of this.cbs) cb(); };
      const chans = [...this.handlers.keys()];
      if (chans.length === 0) fire(); else this.sub.subscribe(...chans).then(fire, () => { /* lost again: the next 'ready' reports */ });
    });
    sub.on('message', (channel: string, text: string) => {
      const set = this.handlers.get(channel);
      if (!set) return;
      let raw: unknown;
      try { raw = JSON.parse(text); } catch { return; }
      for (const h of set) h(raw);
    });
  }

  static async connect(uri: string): Promise<RedisTransport> {
    const make = () => new Redis(uri, { lazyConnect: true, retryStrategy: (n: number) => backoffMs(n), maxRetriesPerRequest: 1, enableOfflineQueue: true });
    const pub = make();
    const sub = make();
    // keep errors from crashing the process; reconnection is ioredis's job
    pub.on('error', () => {});
    sub.on('error', () => {});
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (e) {
      pub.disconnect(); sub.disconnect();
      throw new PubsubError('E_NOT_CONNECTED', `cannot connect to ${uri}: ${(e as Error).message}`);
    }
    return new RedisTransport(uri, pub, sub);
  }

  async publish(msg: PubsubMessage): Promise<void> {
    try {
      await this.pub.publish(redisChannel(msg.topic), JSON.stringify(msg));
    } catch (e) {
      throw new PubsubError('E_NOT_CONNECTED', `publish to ${this.uri} failed: ${(e as Error).message}`);
    }
  }

  async subscribe(topic: string, onMessage: (raw: unknown) => void): Promise<Unsubscribe> {
    const ch = redisChannel(topic);
    let set = this.handlers.get(ch);
    if (!set) { set = new Set(); this.handlers.set(ch, set); await this.sub.subscribe(ch); }
    set.add(onMessage);
    return unsubscriber(this.handlers, ch, onMessage, () => this.sub.unsubscribe(ch));
  }

  onReconnect(cb: () => void): void { this.cbs.push(cb); }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
