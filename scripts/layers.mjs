/**
 * The layers of `bindings/`, bottom to top: the ONE definition (docs/architecture.md §Layers shows the same
 * list, and test/base/import-graph.test.ts checks both the code and the doc against it). A file may import
 * files of its own layer folder or of any layer listed before it; never one listed after it. Folders on one
 * line share a rank and must not import each other. Adding a top-level folder under bindings/ means adding it
 * here.
 */
export const LAYERS = [
  ['core'],          // the WASM core and its host binding (hash, secp256k1, block/tx parse, scan)
  ['base'],          // encodings and crypto shared by everyone: hex, base58check, c32, bech32, addresses, keys, JWT, ECIES, HTTP body caps
  ['chain'],         // Bitcoin: serialization, scripts, sources (devnet, RPC, blk files)
  ['virtualchain'],  // the naming state machine and its store
  ['routing'],       // zone files, Atlas, subdomains
  ['resolver'],      // name → zone file → profile
  ['dns'],           // DNS gateway: wire responder over a DnsSource, UDP/TCP server
  ['storage'],       // Gaia client and hub
  ['auth'],          // authRequest / authResponse, app keys, profile tokens, discovery
  ['wallet'],        // keystore, identities, app grants
  ['authenticator'], // the wallet-holding /auth app
  ['pubsub'],        // signed pointer messages over WebSocket / NATS / Redis / MQTT
  ['api'],           // REST API (hono) over a NameView
  ['node'],          // the wiring: source → indexer → DB → API + services
  ['crawl'],         // crawler, people search, app stats/karma, signed snapshots (a node service)
  ['synth'],         // synthetic Core datadirs (uses the node's scan)
  ['cli'],           // `blockstack` commands
  ['index.ts'],      // the package's main export
  ['runtime'],       // node / deno / browser entries
];
