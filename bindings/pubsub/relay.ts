/**
 * @module pubsub/relay — the node's `/pubsub` across processes: every API process (the writer and each
 * `--read-only` reader) connects to one broker (a PubsubTransport: NATS, Redis or MQTT, `--pubsub-broker`), relays
 * each publish IT verified to the broker, and subscribes on the broker to the topics its own WebSocket
 * clients follow (one broker subscription per topic, dropped with the last local subscriber).
 *
 * Trust: the broker is not trusted (anything that can reach it can publish on it). A message that arrives
 * from the broker is verified AGAIN by the receiving process (`MessageVerifier.accept`: shape, signature, app
 * key via key discovery, time window, sequence) before any local subscriber sees it; a refusal is counted
 * and logged, never delivered. Cost: one signature check + a (cached) key discovery per message per process.
 *
 * No echo, no duplicates: a process never re-publishes what came from the broker (only local publishes go
 * out), and a message whose (publisher, app) sequence this process already accepted — its own publish coming
 * back, or a second copy — is dropped before verification (a cheap map read). Messages of one topic are
 * handled in arrival order.
 */
import { PubsubError } from './errors.ts';
import { checkShape, type PubsubMessage } from './message.ts';
import type { PubsubTransport, Unsubscribe } from './transport.ts';
import { seqKey, type MessageVerifier } from './verifier.ts';

export interface RelayStats { relayed: number; received: number; echoes: number; refused: number; failed: number }
export interface RelayLogger { warn(o: object, m?: string): void; debug?(o: object, m?: string): void }

export class PubsubRelay {
  readonly stats: RelayStats = { relayed: 0, received: 0, echoes: 0, refused: 0, failed: 0 };
  private subs = new Map<string, Promise<Unsubscribe>>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(readonly broker: PubsubTransport, readonly verifier: MessageVerifier, readonly log?: RelayLogger) {}

  /** A publish this process verified (and delivered locally): out to every other process. Never throws. */
  async publish(m: PubsubMessage): Promise<void> {
    if (this.closed) return;
    try {
      await this.broker.publish(m);
      this.stats.relayed++;
    } catch (e) {
      this.stats.failed++;
      this.log?.warn({ err: (e as Error).message, topic: m.topic }, 'pubsub: relay to the broker failed (delivered to this process only)');
    }
  }

  /** Follow `topic` on the broker (idempotent); `deliver` gets verified messages only. */
  async follow(topic: string, deliver: (m: PubsubMessage) => void): Promise<void> {
    let p = this.subs.get(topic);
    if (!p) {
      p = this.broker.subscribe(topic, (raw) => this.receive(topic, raw, deliver));
      this.subs.set(topic, p);
      p.catch(() => this.subs.delete(topic));
    }
    await p;
  }

  /** Stop following `topic` (its last local subscriber left). */
  async unfollow(topic: string): Promise<void> {
    const p = this.subs.get(topic);
    if (!p) return;
    this.subs.delete(topic);
    await (await p.catch(() => null))?.().catch(() => {});
  }

  private receive(topic: string, raw: unknown, deliver: (m: PubsubMessage) => void): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      let m: PubsubMessage;
      try {
        m = checkShape(raw);
        if (m.topic !== topic) throw new PubsubError('E_BAD_TOPIC', `message for ${m.topic} arrived on ${topic}`);
      } catch (e) { this.refuse(e, raw); return; }
      const last = this.verifier.seqs.get(seqKey(m));
      if (last !== undefined && m.seq <= last) { this.stats.echoes++; return; } // ours, or already delivered here
      try { m = await this.verifier.accept(m); } catch (e) {
        if (e instanceof PubsubError && e.code === 'E_REPLAY') { this.stats.echoes++; return; } // raced a local publish
        this.refuse(e, raw); return;
      }
      this.stats.received++;
      deliver(m);
    }).catch(() => {});
  }

  private refuse(e: unknown, raw: unknown): void {
    this.stats.refused++;
    const code = e instanceof PubsubError ? e.code : 'E_BAD_MESSAGE';
    this.log?.warn({ code, err: (e as Error).message, topic: (raw as { topic?: unknown })?.topic }, 'pubsub: message from the broker refused');
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.subs.values()];
    this.subs.clear();
    for (const p of all) await (await p.catch(() => null))?.().catch(() => {});
    await this.broker.close().catch(() => {});
  }
}

/** The broker a relay runs over: any pubsub transport but the node's own WebSocket (`nats://`, `redis://`, `mqtt://`). */
export async function connectBroker(uri: string): Promise<PubsubTransport> {
  let scheme: string;
  try { scheme = new URL(uri).protocol; } catch { throw new PubsubError('E_BAD_URI', `not a URI: ${JSON.stringify(uri)}`); }
  if (scheme === 'ws:' || scheme === 'wss:') throw new PubsubError('E_BAD_URI', `the pubsub broker must be a broker (nats://, redis://, mqtt://), not a node's WebSocket: ${uri}`);
  const { connectPubsub } = await import('./connect.ts');
  return connectPubsub(uri);
}
