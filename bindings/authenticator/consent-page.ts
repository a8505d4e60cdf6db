/**
 * @module authenticator/consent-page — the small HTML consent and error pages of GET /auth (no script, no
 * external resources; every value escaped).
 */
import type { AuthRequestPayload } from '../auth/auth-request.ts';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const SCOPE_TEXT: Record<string, string> = {
  store_write: 'store data in your Gaia storage for this app',
  publish_data: 'publish its storage location and app key in your public profile',
  email: 'read your email address',
};

function shell(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px system-ui,sans-serif;max-width:34em;margin:3em auto;padding:0 1em}button{font:inherit;padding:.4em 1.2em;margin-right:.6em}code{background:#eee;padding:0 .2em}</style>
</head><body>${body}</body></html>`;
}

export function consentPage(req: AuthRequestPayload, names: string[], nonce: string): string {
  const appName = req.appDetails?.name ? `${esc(req.appDetails.name)} (${esc(req.domain_name)})` : esc(req.domain_name);
  const scopes = req.scopes.map((s) => `<li>${esc(SCOPE_TEXT[s] ?? s)}</li>`).join('');
  const options = names.map((n) => `<option value="${esc(n)}">${esc(n)}</option>`).join('');
  return shell(
    'Sign in with Blockstack',
    `<h1>Sign in to ${appName}</h1>
<p>The app will be able to:</p><ul>${scopes || '<li>know your identity address</li>'}</ul>
<p>After you approve, you return to <code>${esc(req.redirect_uri)}</code>.</p>
<form method="post" action="/auth"><input type="hidden" name="nonce" value="${esc(nonce)}">
<p><label>Sign in as <select name="name">${options}</select></label></p>
<button name="decision" value="approve">Approve</button><button name="decision" value="deny">Deny</button></form>`,
  );
}

export function errorPage(code: string, message: string): string {
  return shell('Sign-in refused', `<h1>Sign-in refused</h1><p>${esc(message)}</p><p><code>${esc(code)}</code></p><p>Nothing was issued.</p>`);
}
