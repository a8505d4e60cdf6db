/**
 * @module pubsub/transport — the one interface every pubsub transport implements (the node's WebSocket
 * `/pubsub`, NATS, Redis, MQTT): publish a signed message, subscribe to a topic (raw, unverified messages;
 * `subscribeVerified` adds the checks), and learn about reconnections (messages may have been missed:
 * the app re-lists the publisher's storage index).
 */
import type { PubsubMessage } from './message.ts';

export type Unsubscribe = () => Promise<void>;

export interface PubsubTransport {
  readonly uri: string;
  publish(msg: PubsubMessage): Promise<void>;
  subscribe(topic: string, onMessage: (raw: unknown) => void): Promise<Unsubscribe>;
  /** called after every reconnection (not the first connection) */
  onReconnect(cb: () => void): void;
  close(): Promise<void>;
}

/** Exponential back-off with jitter: 100 ms, 200 ms, … capped at `maxMs`. */
export function backoffMs(attempt: number, maxMs = 5000): number {
  const base = Math.min(maxMs, 100 * 2 ** Math.min(attempt, 16));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/**
 * The Unsubscribe of one handler kept in `handlers` under `key` (the broker's topic/channel): removes it, and
 * with the last handler of that key removes the key and drops the broker subscription (`drop`, errors ignored).
 */
export function unsubscriber<H>(handlers: Map<string, Set<H>>, key: string, handler: H, drop: () => Promise<unknown>): Unsubscribe {
  return async () => {
    const s = handlers.get(key);
    if (!s?.delete(handler) || s.size > 0) return;
    handlers.delete(key);
    await drop().catch(() => {});
  };
}
