/**
 * @module node/services — the other areas' servers as node services for `npm start`: the Gaia storage
 * hub (storage/hub, disk driver in $BLOCKSTACK_HOME/hub) and the devnet authenticator (auth: sign-in
 * routes on the API at /auth, demo profiles signed and uploaded to the hub). Atlas plugs in the same way
 * (an AtlasNode fed from the indexer's `block` events), once wired.
 */
import { join } from 'node:path';
import { createAuthenticator, type Authenticator } from '../auth/authenticator.ts';
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
  constructor(readonly hub: HubService) {}
  async init(): Promise<void> { this.auth = await createAuthenticator({ devnet: true, hubUrl: this.hub.hub!.url, apiUrl: 'http://127.0.0.1:6270' }); }
  mounts() { return [{ path: '/', app: this.auth!.routes }]; }
  async start(ctx: { apiUrl: string | null }): Promise<Record<string, string>> {
    if (ctx.apiUrl) this.auth!.context.apiUrl = ctx.apiUrl;
    return { signIn: `${ctx.apiUrl}/auth` };
  }
  /** Signs and uploads the demo names' profiles; returns name → zone file text pointing at them. */
  async publishDemoProfiles(names: string[]): Promise<Map<string, string>> {
    const m = await this.auth!.publishProfiles(names);
    return new Map([...m].map(([k, v]) => [k, v.zonefile]));
  }
}
