/**
 * @module pubsub/connect — a transport chosen by the URI scheme (the `_pubsub` URI of a zone file):
 * `ws://` / `wss://` → the node's WebSocket service; `nats://` → NATS; `redis://` / `rediss://` → Redis; `mqtt://` / `mqtts://` → MQTT.
 * Node/Deno only (browsers import `WsTransport` from ws-client.ts directly).
 */
import { PubsubError } from './errors.ts';
import { MqttTransport } from './mqtt.ts';
import { NatsTransport } from './nats.ts';
import { RedisTransport } from './redis.ts';
import type { PubsubTransport } from './transport.ts';
import { WsTransport, type WsTransportOptions } from './ws-client.ts';

export async function connectPubsub(uri: string, opts: WsTransportOptions = {}): Promise<PubsubTransport> {
  let scheme: string;
  try { scheme = new URL(uri).protocol; } catch { throw new PubsubError('E_BAD_URI', `not a URI: ${JSON.stringify(uri)}`); }
  switch (scheme) {
    case 'ws:': case 'wss:': return WsTransport.connect(uri, opts);
    case 'nats:': return NatsTransport.connect(uri);
    case 'redis:': case 'rediss:': return RedisTransport.connect(uri);
    case 'mqtt:': case 'mqtts:': return MqttTransport.connect(uri);
    default: throw new PubsubError('E_BAD_URI', `unsupported pubsub scheme ${scheme} (ws, wss, nats, redis, mqtt)`);
  }
}
