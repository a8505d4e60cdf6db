/**
 * @module pubsub/subscribe — the subscriber side: every message is verified (`MessageVerifier.accept`)
 * before the handler sees it; forgeries, foreign keys, stale and replayed messages go to `onDrop`.
 * Publishing: `Publisher` signs pointers with the app key and keeps the sequence growing
 * (max(last + 1, Date.now()), so a restarted publisher never reuses a number).
 */
import { PubsubError } from './errors.ts';
import { signMessage, type Pointer, type PubsubMessage } from './message.ts';
import type { PubsubTransport, Unsubscribe } from './transport.ts';
import type { MessageVerifier } from './verifier.ts';

export interface VerifiedSubscription {
  onMessage: (m: PubsubMessage) => void | Promise<void>;
  onDrop?: (e: PubsubError, raw: unknown) => void;
}

export async function subscribeVerified(t: PubsubTransport, topic: string, verifier: MessageVerifier, s: VerifiedSubscription): Promise<Unsubscribe> {
  // messages of one topic are handled in arrival order
  let chain: Promise<void> = Promise.resolve();
  return t.subscribe(topic, (raw) => {
    chain = chain.then(async () => {
      let m: PubsubMessage;
      try {
        m = await verifier.accept(raw);
        if (m.topic !== topic) throw new PubsubError('E_BAD_TOPIC', `message for ${m.topic} arrived on ${topic}`);
      } catch (e) {
        s.onDrop?.(e instanceof PubsubError ? e : new PubsubError('E_BAD_MESSAGE', (e as Error).message), raw);
        return;
      }
      await s.onMessage(m);
    }).catch(() => {});
  });
}

export class Publisher {
  constructor(private readonly appPrivateKey: string, private last = 0) {}
  get lastSeq(): number { return this.last; }
  sign(topic: string, pointer: Pointer): PubsubMessage {
    this.last = Math.max(this.last + 1, Date.now());
    return signMessage(this.appPrivateKey, topic, this.last, pointer);
  }
  async publish(t: PubsubTransport, topic: string, pointer: Pointer): Promise<PubsubMessage> {
    const m = this.sign(topic, pointer);
    await t.publish(m);
    return m;
  }
}
