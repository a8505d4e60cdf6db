// Two users with published profiles (alice.id, bob.id: devnet wallet, real hub on loopback, apps entries
// written by real sign-ins for APP) and a name lookup over them; plus a restartable TCP proxy that stands
// for a broker or node going down and coming back on the same address.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAuthRequest } from '../../bindings/auth/index.ts';
import { createAuthenticator, type Authenticator } from '../../bindings/authenticator/authenticator.ts';
import { approveSignIn } from '../../bindings/authenticator/sign-in.ts';
import { startHub, type RunningHub } from '../../bindings/storage/hub/index.ts';

export const APP = 'http://127.0.0.1:8555/apps/microblog';

export interface Users {
  hub: RunningHub;
  auth: Authenticator;
  keys: Record<string, string>;
  lookupName: (n: string) => Promise<{ address: string; zonefile: string } | undefined>;
  close(): Promise<void>;
}

export async function twoUsers(app = APP): Promise<Users> {
  const dir = mkdtempSync(join(tmpdir(), 'pubsub-users-'));
  const hub = await startHub({ storageDir: dir, port: 0 });
  const auth = await createAuthenticator({ devnet: true, hubUrl: hub.url });
  const zonefiles = new Map<string, string>();
  for (const [n, p] of await auth.publishProfiles(['alice.id', 'bob.id', 'carol.id'])) zonefiles.set(n, p.zonefile);
  const keys: Record<string, string> = {};
  for (const n of ['alice.id', 'bob.id']) {
    const req = makeAuthRequest({ transitPrivateKey: '11'.repeat(32), appDomain: app, scopes: ['store_write', 'publish_data'] });
    await approveSignIn(auth.context, req, n);
    keys[n] = auth.wallet.appPrivateKey(n, app);
  }
  keys['carol.id'] = auth.wallet.appPrivateKey('carol.id', app); // never signed in: no apps entry
  const lookupName = async (n: string) => {
    const rec = auth.wallet.find(n);
    const zf = zonefiles.get(n);
    return rec && zf ? { address: rec.identityAddress, zonefile: zf } : undefined;
  };
  return { hub, auth, keys, lookupName, async close() { await hub.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** TCP forwarder to host:port; `restart()` drops every connection and listens again after `downMs`. */
export class Proxy {
  private srv: Server | null = null;
  private socks = new Set<Socket>();
  port = 0;
  constructor(readonly host: string, readonly target: number) {}
  async start(): Promise<number> {
    this.srv = createServer((c) => {
      const up = connect(this.target, this.host);
      this.socks.add(c); this.socks.add(up);
      c.pipe(up).pipe(c);
      const end = () => { c.destroy(); up.destroy(); this.socks.delete(c); this.socks.delete(up); };
      c.on('error', end); up.on('error', end); c.on('close', end); up.on('close', end);
    });
    await new Promise<void>((ok) => this.srv!.listen(this.port, '127.0.0.1', () => ok()));
    this.port = (this.srv.address() as { port: number }).port;
    return this.port;
  }
  async stop(): Promise<void> {
    for (const s of this.socks) s.destroy();
    this.socks.clear();
    await new Promise<void>((ok) => (this.srv ? this.srv.close(() => ok()) : ok()));
    this.srv = null;
  }
  async restart(downMs = 300): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }
}
