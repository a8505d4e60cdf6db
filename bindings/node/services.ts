/**
 * @module node/services — the other areas' servers as node services for `npm start`: the Gaia storage
 * hub (storage/hub, disk driver in $BLOCKSTACK_HOME/hub) and the devnet authenticator (auth: sign-in
 * routes on the API at /auth, demo profiles signed and uploaded to the hub). Atlas is part of the node
 * itself (node/atlas.ts).
 */
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { createAuthenticator, type Authenticator } from '../authenticator/authenticator.ts';
import { startHub, type RunningHub } from '../storage/hub/server.ts';
import type { NodeConfig } from './config.ts';
import type { NodeService } from './node.ts';

export class HubService implements NodeService {
  readonly name = 'hub';
  hub: RunningHub | null = null;
  constructor(readonly cfg: NodeConfig) {}
  async init(): Promise<void> { this.hub = await startHub({ port: this.cfg.hub.port, storageDir: join(this.cfg.home, 'hub') }); }
  async start(): Promise<Record<string, string>> { return { hub: this.hub!.url }; }
  async stop(): Promise<void> { await this.hub?.close(); }
}

export class AuthService implements NodeService {
  readonly name = 'auth';
  auth: Authenticator | null = null;
  /** `autoApprove`: `--auth-approve NAME` (loopback JSON sign-ins as NAME without a prompt). */
  constructor(readonly hub: HubService, readonly opts: { autoApprove?: string } = {}) {}
  private make(apiUrl: string): Promise<Authenticator> {
    return createAuthenticator({ devnet: true, hubUrl: this.hub.hub!.url, apiUrl, autoApprove: this.opts.autoApprove });
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
