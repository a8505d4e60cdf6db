/**
 * @module authenticator/routes — `authRoutes(opts)`: a hono sub-app serving the authenticator (spec
 * storage-auth §7) that the node mounts into its API app:
 *   GET  /auth?authRequest=<JWT>[&name=N]  checks the request; with `autoApprove` set (one name or a
 *                                  comma list; `name` picks one of them), a loopback caller and
 *                                  `Accept: application/json` → 200 {"authResponse": "<JWT>"}; a browser
 *                                  gets a consent page; JSON callers without auto-approval get 403.
 *   POST /auth                     the consent form (one-time nonce) → 302 to redirect_uri?authResponse=
 * Bad/expired requests, unknown names and mismatched domains → 4xx JSON {error, code} or an error page;
 * nothing is issued.
 */
import { Hono, type Context } from 'hono';
import { randomBytes, bytesToHex } from '@noble/hashes/utils.js';
import { approveSignIn, type AuthenticatorContext } from './sign-in.ts';
import { checkAuthRequest } from '../auth/auth-request.ts';
import { AuthError } from '../auth/errors.ts';
import { statusOf } from '../base/http-status.ts';
import { consentPage, errorPage } from './consent-page.ts';

export interface AuthRoutesOptions extends AuthenticatorContext {
  /** sign loopback JSON requests in as this name without asking (`--auth-approve NAME`) */
  autoApprove?: string;
  /** peer address of a request; default reads @hono/node-server's socket or Deno.serve's info */
  remoteAddress?: (c: Context) => string | undefined;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

function defaultRemote(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; remoteAddr?: { hostname?: string } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.remoteAddr?.hostname;
}

const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

function fail(c: Context, e: unknown) {
  // any other error: its code's status from the one table (base/http-status.ts), else 500
  const coded = e as { code?: unknown; message?: string };
  const code = e instanceof AuthError ? e.code : typeof coded.code === 'string' && statusOf(coded.code, 0) >= 400 ? coded.code : 'E_INTERNAL';
  const err = e instanceof AuthError ? e : { code, message: coded.message ?? String(e) };
  const status = (e instanceof AuthError ? e.status : statusOf(code, 500)) as 400 | 403 | 404 | 500 | 502;
  if (wantsJson(c)) return c.json({ error: err.message, code: err.code }, status);
  return c.html(errorPage(err.code, err.message), status);
}

export function authRoutes(opts: AuthRoutesOptions): Hono {
  const app = new Hono();
  const remote = opts.remoteAddress ?? defaultRemote;
  // consent nonces: one per page shown, single use, 10 minutes
  const nonces = new Map<string, { token: string; expires: number }>();

  app.get('/auth', async (c) => {
    try {
      const token = c.req.query('authRequest') ?? '';
      const now = opts.nowMs?.() ?? Date.now();
      const check = checkAuthRequest(token, now / 1000);
      if (!check.ok) throw new AuthError(check.code, check.reason);
      if (opts.autoApprove && wantsJson(c)) {
        const peer = remote(c);
        if (!peer || !LOOPBACK.test(peer)) throw new AuthError('E_NOT_LOOPBACK', 'auto-approval is only for loopback callers');
        // `--auth-approve a.id,b.id`: the caller picks one of the approved names with `&name=` (default the first)
        const approved = opts.autoApprove.split(',');
        const want = c.req.query('name') ?? approved[0];
        if (!approved.includes(want)) throw new AuthError('E_CONSENT_REQUIRED', `${want} is not auto-approved on this node (${approved.join(', ')})`);
        const r = await approveSignIn(opts, token, want);
        return c.json({ authResponse: r.authResponse });
      }
      if (wantsJson(c)) throw new AuthError('E_CONSENT_REQUIRED', 'the user has to approve this sign-in (open this URL in a browser)');
      const names = opts.wallet.file.identities.map((r) => r.name ?? r.identityAddress);
      if (names.length === 0) throw new AuthError('E_UNKNOWN_NAME', 'the wallet holds no identity');
      for (const [k, v] of nonces) if (v.expires < now) nonces.delete(k);
      const nonce = bytesToHex(randomBytes(16));
      nonces.set(nonce, { token, expires: now + 600_000 });
      c.header('X-Frame-Options', 'DENY');
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
      return c.html(consentPage(check.payload, names, nonce));
    } catch (e) {
      return fail(c, e);
    }
  });

  app.post('/auth', async (c) => {
    try {
      const form = await c.req.parseBody();
      const nonce = String(form.nonce ?? '');
      const entry = nonces.get(nonce);
      nonces.delete(nonce);
      if (!entry || entry.expires < (opts.nowMs?.() ?? Date.now())) throw new AuthError('E_CONSENT_REQUIRED', 'consent form expired or already used');
      if (form.decision !== 'approve') throw new AuthError('E_CONSENT_DENIED', 'sign-in declined');
      const r = await approveSignIn(opts, entry.token, String(form.name ?? ''));
      return c.redirect(r.redirectUrl, 302);
    } catch (e) {
      return fail(c, e);
    }
  });

  return app;
}
