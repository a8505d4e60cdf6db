/**
 * @module node/apps — serves the example apps' static pages (examples/<app>/index.html + the browser
 * bundle dist/apps/<app>.js built by scripts/build.mjs) at `/apps/<app>/`, with a manifest.json. Each
 * page signs in with app domain `<node origin>/apps/<app>` (examples/lib/session.ts), so the three apps
 * get three app keys and buckets although they share one origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { statusOf } from '../base/http-status.ts';
import type { NodeContext, NodeService } from './node.ts';

export const APPS = ['filesharing', 'mail', 'microblog'] as const;
const TITLES: Record<string, string> = { filesharing: 'Encrypted file sharing', mail: 'Mail without PGP', microblog: 'Microblog' };

/** The repository root (the directory holding examples/ and dist/), from source or from the bundle. */
function repoRoot(): string | null {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(d, 'examples')) && existsSync(join(d, 'package.json'))) return d;
    d = dirname(d);
  }
  return null;
}

export class AppsService implements NodeService {
  readonly name = 'apps';
  constructor(readonly root: string | null = repoRoot()) {}
  mounts(_ctx: NodeContext) {
    const app = new Hono();
    const root = this.root;
    const file = (p: string) => (root && existsSync(join(root, p)) ? readFileSync(join(root, p)) : null);
    app.get('/apps/:app', (c) => (APPS.includes(c.req.param('app') as never) ? c.redirect(`/apps/${c.req.param('app')}/`, 301) : c.json({ error: 'no such app', code: 'E_NOT_FOUND' }, statusOf('E_NOT_FOUND', 404) as 404)));
    app.get('/apps/:app/:file{.*}', (c) => {
      const a = c.req.param('app');
      const f = c.req.param('file') || 'index.html';
      if (!APPS.includes(a as never)) return c.json({ error: 'no such app', code: 'E_NOT_FOUND' }, statusOf('E_NOT_FOUND', 404) as 404);
      if (f === 'manifest.json') {
        const origin = new URL(c.req.url).origin;
        return c.json({ name: TITLES[a], start_url: `${origin}/apps/${a}/`, description: `blockstack-wasm example: ${TITLES[a]}`, icons: [] });
      }
      const map: Record<string, [string, string]> = {
        'index.html': [`examples/${a}/index.html`, 'text/html; charset=utf-8'],
        'app.js': [`dist/apps/${a}.js`, 'text/javascript; charset=utf-8'],
        'app.js.map': [`dist/apps/${a}.js.map`, 'application/json'],
      };
      const m = map[f];
      const body = m && file(m[0]);
      if (!m || !body) return c.json({ error: m ? `${m[0]} is missing (run node scripts/build.mjs)` : 'not found', code: 'E_NOT_FOUND' }, statusOf('E_NOT_FOUND', 404) as 404);
      return c.body(body, 200, { 'content-type': m[1], 'cache-control': 'no-cache' });
    });
    return [{ path: '/', app }];
  }
  async start(ctx: NodeContext): Promise<Record<string, string>> {
    if (!this.root) return {};
    return Object.fromEntries(APPS.map((a) => [`app ${a}`, `${ctx.apiUrl}/apps/${a}/`]));
  }
}
