/** @module pubsub/node — the pubsub module plus the node-side server (Node only: `ws`, `node:http`). */
export * from './index.ts';
export { PubsubServer, type PubsubServerOptions, type PubsubServerStats } from './server.ts';
export { natsSubject } from './nats.ts';
export { PubsubRelay, connectBroker, type RelayStats } from './relay.ts';
export { mqttTopic, mqttLevel } from './mqtt.ts';
