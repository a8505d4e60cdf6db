/**
 * @module node/services — the other areas' servers as node services for `npm start`: the Gaia storage
 * hub (storage/hub, disk driver in $BLOCKSTACK_HOME/hub) and the devnet authenticator (auth: sign-in
 * routes on the API at /auth, demo profiles signed and uploaded to the hub) and the WebSocket pubsub
 * at /pubsub. Atlas is part of the node
 * itself (node/atlas.ts).
 */
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { statusOf } from '../base/http-status.ts';
import { createAuthenticator, type Authenticator } from '../authenticator/authenticator.ts';
import { startHub, type RunningHub } from '../storage/hub/server.ts';
import type { NodeConfig } from './config.ts';
import type { NodeContext, NodeService } from './node.ts';
import type { Server } from 'node:http';
import { Counter, Gauge } from 'prom-client';
import { MessageVerifier } from '../pubsub/verifier.ts';
import { PubsubServer } from '../pubsub/server.ts';
import { connectBroker, PubsubRelay } from '../pubsub/relay.ts';
import type { PubsubTransport } from '../pubsub/transport.ts';
import { listenAs } from './ports.ts';

export class HubService implements NodeService {
  readonly name = 'hub';
  hub: RunningHub | null = null;
  constructor(readonly cfg: NodeConfig) {}
  /** The URL clients use for this hub (`hub.publicUrl`, else where it listens); tokens must claim it. */
  publicUrl = '';
  async init(ctx: NodeContext): Promise<void> {
    const h = this.cfg.hub;
    const publicUrl = h.publicUrl?.replace(/\/+$/, '');
    this.hub = await listenAs('hub', '127.0.0.1', h.port, () => startHub({
      port: h.port, storageDir: join(this.cfg.home, 'hub'),
      ...(publicUrl ? { readURL: `${publicUrl}/read/` } : {}),
      onServerError: (e) => ctx.log.error({ err: e }, 'hub: server error (5xx)'),
    }));
    // its own identity: the challenge names this hub (not Gaia's default "gaia-0"), and a token's hubUrl
    // must be this hub's public URL (Gaia's requireCorrectHubUrl), so tokens made for another hub fail here
    this.publicUrl = publicUrl ?? this.hub.url;
    const conf = this.hub.hub.config;
    conf.serverName = h.serverName ?? new URL(this.publicUrl).host;
    conf.requireCorrectHubUrl = h.requireCorrectHubUrl ?? true;
    conf.validHubUrls = [this.publicUrl, ...(h.validHubUrls ?? [])];
  }
  async start(): Promise<Record<string, string>> { return { hub: this.publicUrl }; }
  async stop(): Promise<void> { await this.hub?.close(); }
}

export class AuthService implements NodeService {
  readonly name = 'auth';
  auth: Authenticator | null = null;
  /** `autoApprove`: `--auth-approve NAME` (loopback JSON sign-ins as NAME without a prompt). */
  constructor(readonly hub: HubService, readonly opts: { autoApprove?: string } = {}) {}
  private make(apiUrl: string): Promise<Authenticator> {
    return createAuthenticator({ devnet: true, hubUrl: this.hub.publicUrl, apiUrl, autoApprove: this.opts.autoApprove });
  }
  async init(): Promise<void> { this.auth = await this.make('http://127.0.0.1:6270'); }
  /** GET/POST /auth, delegated to the current authenticator (re-made in start() once the API URL is known). */
  mounts() {
    const app = new Hono();
    const fwd = (c: Context) => this.auth!.routes.fetch(c.req.raw, c.env);
    app.get('/auth', fwd);
    app.post('/auth', fwd);
    return [{ path: '/', app }];
  }
  async start(ctx: { apiUrl: string | null }): Promise<Record<string, string>> {
    // the sign-in routes put the API URL in each authResponse (blockstackAPIUrl → the app's coreNode)
    if (ctx.apiUrl && ctx.apiUrl !== this.auth!.context.apiUrl) this.auth = await this.make(ctx.apiUrl);
    return { signIn: `${ctx.apiUrl}/auth` };
  }
  /** Signs and uploads the demo names' profiles; returns name → zone file text pointing at them. */
  async publishDemoProfiles(names: string[]): Promise<Map<string, string>> {
    const m = await this.auth!.publishProfiles(names);
    return new Map([...m].map(([k, v]) => [k, v.zonefile]));
  }
}

/**
 * The WebSocket pubsub at `<api>/pubsub` (pubsub/server.ts): verifies each publish once against the
 * publisher's app key, discovered through this node's own name API, then fans it out. A plain GET of
 * /pubsub answers 426 with a JSON hint. With `broker` (`--pubsub-broker nats://…|redis://…`, config
 * `pubsub.broker`) publishes cross processes: every API process on the same broker relays what it verified and
 * re-verifies what it receives (pubsub/relay.ts); the writer and `--read-only` readers all run this service.
 */
export class PubsubService implements NodeService {
  readonly name = 'pubsub';
  server: PubsubServer | null = null;
  relay: PubsubRelay | null = null;
  private broker: PubsubTransport | null = null;
  private apiUrl = 'http://127.0.0.1:6270';
  constructor(readonly opts: { broker?: string | null } = {}) {}
  /** Connects to the broker (a start with an unreachable broker fails with the reason). */
  async init(): Promise<void> {
    if (this.opts.broker) this.broker = await connectBroker(this.opts.broker);
  }
  mounts() {
    const app = new Hono();
    app.get('/pubsub', (c) => c.json({ error: 'the pubsub service speaks WebSocket: connect with ws://…/pubsub', code: 'E_UPGRADE_REQUIRED' }, statusOf('E_UPGRADE_REQUIRED', 426) as 426));
    return [{ path: '/', app }];
  }
  attach(server: Server, ctx: NodeContext): void {
    const reg = ctx.metrics.registry;
    const pubs = new Counter({ name: 'blockstack_pubsub_publishes_total', help: 'Pubsub publishes, by verdict', labelNames: ['verdict'], registers: [reg] });
    const deliveries = new Counter({ name: 'blockstack_pubsub_deliveries_total', help: 'Pubsub messages written to subscribers', registers: [reg] });
    this.apiUrl = ctx.apiUrl ?? this.apiUrl;
    const verifier = new MessageVerifier({ lookupName: (n) => lookupName(this.apiUrl, n) });
    const log = ctx.log.child({ svc: 'pubsub' });
    if (this.broker) {
      this.relay = new PubsubRelay(this.broker, verifier, log);
      const relay = this.relay;
      new Gauge({ name: 'blockstack_pubsub_relay_total', help: 'Broker relay: relayed (sent), received (verified, delivered), echoes (own or duplicate), refused, failed (send)', labelNames: ['kind'], registers: [reg],
        collect() { for (const [k, v] of Object.entries(relay.stats)) this.set({ kind: k }, v); } });
    }
    this.server = new PubsubServer({
      verifier, log, relay: this.relay ?? undefined,
      onPublish: (ok, code) => pubs.inc({ verdict: ok ? 'accepted' : (code ?? 'refused') }),
      onDeliver: (n) => deliveries.inc(n),
    });
    const srv = this.server;
    new Gauge({ name: 'blockstack_pubsub_connections', help: 'Open pubsub WebSocket connections', registers: [reg], collect() { this.set(srv.stats.connections); } });
    srv.attach(server);
  }
  async start(ctx: NodeContext): Promise<Record<string, string>> {
    this.apiUrl = ctx.apiUrl ?? this.apiUrl;
    return { pubsub: `${this.apiUrl.replace(/^http/, 'ws')}/pubsub`, ...(this.opts.broker ? { pubsubBroker: this.opts.broker.replace(/\/\/[^@/]*@/, '//***@') } : {}) };
  }
  async stop(): Promise<void> {
    await this.server?.close();
    if (!this.server) await this.broker?.close().catch(() => {});
  }
}

async function lookupName(apiUrl: string, name: string): Promise<{ address: string; zonefile: string | null } | undefined> {
  const res = await fetch(`${apiUrl}/v1/names/${encodeURIComponent(name)}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`name lookup answered ${res.status}`);
  return (await res.json()) as { address: string; zonefile: string | null };
}
