/**
 * @module pubsub/mqtt — the same transport over an MQTT broker (`mqtt://host:port`, `mqtts://`; Mosquitto
 * in the tests). Topics map to MQTT topic levels `bsk/pubsub/<name>/<app-domain>/<channel>`, each level
 * escaped (`%`, `/`, `+`, `#`, NUL → `%XX`) so no name, app domain or channel can add a level or inject a
 * wildcard: a subscription always names exactly one topic. Publishes use QoS 1 (the broker's PUBACK is the
 * "published" answer); reconnection is ours, not mqtt.js's fixed-period timer: exponential back-off with
 * jitter, re-subscribe (awaiting the SUBACK), then the reconnection is reported, so a catch-up listing
 * started from the report cannot miss a message published after it.
 */
import { connect as mqttConnect, type MqttClient } from 'mqtt';
import { PubsubError } from './errors.ts';
import { parseTopic, type PubsubMessage } from './message.ts';
import { backoffMs, unsubscriber, type PubsubTransport, type Unsubscribe } from './transport.ts';

/** Escapes one MQTT topic level: the level separator, the wildcards, NUL and the escape character itself. */
export const mqttLevel = (s: string) => s.replace(/[%/+#\u0000]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The MQTT topic of a pubsub topic (checked first: only well-formed topics are mapped). */
export function mqttTopic(topic: string): string {
  parseTopic(topic);
  return `bsk/pubsub/${topic.split('/').map(mqttLevel).join('/')}`;
}

const dec = new TextDecoder();

export class MqttTransport implements PubsubTransport {
  private cbs: (() => void)[] = [];
  private handlers = new Map<string, Set<(raw: unknown) => void>>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private constructor(readonly uri: string, private readonly client: MqttClient, private readonly maxBackoffMs: number) {
    client.on('message', (t, payload) => {
      const set = this.handlers.get(t);
      if (!set) return;
      let raw: unknown;
      try { raw = JSON.parse(dec.decode(payload)); } catch { return; }
      for (const h of set) h(raw);
    });
    client.on('close', () => this.schedule());
    client.on('connect', () => void this.reconnected());
  }

  static async connect(uri: string, opts: { maxBackoffMs?: number } = {}): Promise<MqttTransport> {
    const u = new URL(uri);
    const secure = u.protocol === 'mqtts:';
    const c = mqttConnect({
      protocol: secure ? 'mqtts' : 'mqtt', host: u.hostname, port: Number(u.port || (secure ? 8883 : 1883)),
      username: u.username ? decodeURIComponent(u.username) : undefined, password: u.password ? decodeURIComponent(u.password) : undefined,
      reconnectPeriod: 0, resubscribe: false, clean: true, connectTimeout: 5000, keepalive: 30,
      clientId: `bsk-${Math.random().toString(36).slice(2, 12)}`,
    });
    c.on('error', () => {}); // reported through 'close' → reconnection; never crash the process
    // (only our own listeners come off afterwards: mqtt.js keeps its state in listeners of the same events)
    let onConnect = () => {};
    let onClose = () => {};
    let onError = (_e: Error) => {};
    try {
      await new Promise<void>((ok, fail) => {
        onConnect = () => ok();
        onClose = () => fail(new Error('connection closed'));
        onError = (e) => fail(e);
        c.once('connect', onConnect); c.once('close', onClose); c.once('error', onError);
      });
    } catch (e) {
      c.end(true);
      throw new PubsubError('E_NOT_CONNECTED', `cannot connect to ${uri}: ${(e as Error).message}`);
    } finally {
      c.off('connect', onConnect); c.off('close', onClose); c.off('error', onError);
    }
    return new MqttTransport(uri, c, opts.maxBackoffMs ?? 5000);
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; if (!this.closed) this.client.reconnect(); }, backoffMs(this.attempt++, this.maxBackoffMs));
  }

  /** Every 'connect' after the constructor is a reconnection: re-subscribe (acknowledged), then report it. */
  private async reconnected(): Promise<void> {
    try {
      if (this.handlers.size) await this.client.subscribeAsync([...this.handlers.keys()], { qos: 0 });
    } catch { return; /* lost again: 'close' schedules the next attempt */ }
    this.attempt = 0;
    for (const cb of this.cbs) cb();
  }

  async publish(msg: PubsubMessage): Promise<void> {
    // while reconnecting mqtt.js would queue silently; say so instead (the data is in storage anyway)
    if (!this.client.connected) throw new PubsubError('E_NOT_CONNECTED', `not connected to ${this.uri}`);
    try {
      await this.client.publishAsync(mqttTopic(msg.topic), JSON.stringify(msg), { qos: 1 });
    } catch (e) {
      throw new PubsubError('E_NOT_CONNECTED', `publish to ${this.uri} failed: ${(e as Error).message}`);
    }
  }

  async subscribe(topic: string, onMessage: (raw: unknown) => void): Promise<Unsubscribe> {
    const t = mqttTopic(topic);
    let set = this.handlers.get(t);
    const first = !set;
    if (!set) { set = new Set(); this.handlers.set(t, set); }
    set.add(onMessage);
    if (first) {
      try { await this.client.subscribeAsync(t, { qos: 0 }); } catch (e) {
        this.handlers.delete(t);
        throw new PubsubError('E_NOT_CONNECTED', `subscribe at ${this.uri} failed: ${(e as Error).message}`);
      }
    }
    return unsubscriber(this.handlers, t, onMessage, () => this.client.unsubscribeAsync(t));
  }

  onReconnect(cb: () => void): void { this.cbs.push(cb); }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    await this.client.endAsync(true).catch(() => {});
  }
}
