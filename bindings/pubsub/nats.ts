/**
 * @module pubsub/nats — the same transport over a NATS server (`nats://host:port`). Topics map to subjects
 * `bsk.pubsub.<base64url(topic)>` (NATS subjects cannot hold `/` or `%`); the `nats` client reconnects
 * forever with back-off and re-subscribes; each reconnection is reported.
 */
import { connect, type NatsConnection } from 'nats';
import { PubsubError } from './errors.ts';
import type { PubsubMessage } from './message.ts';
import type { PubsubTransport, Unsubscribe } from './transport.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const b64url = (s: string) => btoa(String.fromCharCode(...enc.encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const natsSubject = (topic: string) => `bsk.pubsub.${b64url(topic)}`;

export class NatsTransport implements PubsubTransport {
  private cbs: (() => void)[] = [];
  private down = false;
  private constructor(readonly uri: string, private nc: NatsConnection) {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') this.down = true;
        if (s.type === 'reconnect') { this.down = false; for (const cb of this.cbs) cb(); }
      }
    })().catch(() => {});
  }

  static async connect(uri: string): Promise<NatsTransport> {
    const u = new URL(uri);
    try {
      const nc = await connect({
        servers: `${u.hostname}:${u.port || 4222}`, user: u.username || undefined, pass: u.password || undefined,
        reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 250, reconnectJitter: 250, pingInterval: 5000, name: 'blockstack-pubsub',
      });
      return new NatsTransport(uri, nc);
    } catch (e) {
      throw new PubsubError('E_NOT_CONNECTED', `cannot connect to ${uri}: ${(e as Error).message}`);
    }
  }

  async publish(msg: PubsubMessage): Promise<void> {
    // while reconnecting the client would buffer silently; say so instead (the data is in storage anyway)
    if (this.down || this.nc.isClosed()) throw new PubsubError('E_NOT_CONNECTED', `not connected to ${this.uri}`);
    this.nc.publish(natsSubject(msg.topic), enc.encode(JSON.stringify(msg)));
    await this.nc.flush();
  }

  async subscribe(topic: string, onMessage: (raw: unknown) => void): Promise<Unsubscribe> {
    const sub = this.nc.subscribe(natsSubject(topic), {
      callback: (err, m) => {
        if (err) return;
        let raw: unknown;
        try { raw = JSON.parse(dec.decode(m.data)); } catch { return; }
        onMessage(raw);
      },
    });
    await this.nc.flush();
    return async () => sub.unsubscribe();
  }

  onReconnect(cb: () => void): void { this.cbs.push(cb); }

  async close(): Promise<void> { if (!this.nc.isClosed()) await this.nc.close(); }
}
