/** @module pubsub — signed pointer messages, their verification, transports (node WebSocket, NATS, Redis, MQTT) and the node's server. */
export { PubsubError, type PubsubErrorCode } from './errors.ts';
export { makeTopic, parseTopic, signMessage, checkShape, canonicalBody, signatureValid, type Pointer, type PubsubMessage, type Topic } from './message.ts';
export { MessageVerifier, seqKey, type SeqStore, type VerifierOptions } from './verifier.ts';
export { backoffMs, type PubsubTransport, type Unsubscribe } from './transport.ts';
export { WsTransport, type WsTransportOptions, type WsCtor } from './ws-client.ts';
export { subscribeVerified, Publisher, type VerifiedSubscription } from './subscribe.ts';
export { connectPubsub } from './connect.ts';
