/**
 * @module examples/lib/page — what the three static pages share: the redirect sign-in flow (transit key
 * in sessionStorage, `location = <node>/auth?authRequest=…`, back with `?authResponse=`), the session in
 * localStorage under a per-app key (all pages share one origin: keys are `bsk-<app>-…`), the seen-store
 * in localStorage, and tiny DOM helpers. The app key never leaves the browser.
 */
import { WebStorageSeenStore } from '../../bindings/storage/client/seen-store.ts';
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { appDomainOf, authRequestFor, newTransitKey, sessionFromResponse, type Session } from './session.ts';
import { clientOf } from './storage.ts';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
export const val = (id: string) => ($<HTMLInputElement>(id).value ?? '').trim();

export function show(id: string, text: string, isError = false): void {
  const el = $(id);
  el.textContent = text;
  el.className = isError ? 'error' : 'ok';
}

/** Resolves with the signed-in session (after the redirect), or null with the sign-in button wired. */
export function pageSession(app: string): { s: Session; c: StorageClient } | null {
  const key = `bsk-${app}-session`;
  const nodeUrl = location.origin;
  const appDomain = appDomainOf(nodeUrl, app);
  const q = new URLSearchParams(location.search);
  const resp = q.get('authResponse');
  if (resp) {
    const transit = sessionStorage.getItem(`bsk-${app}-transit`);
    sessionStorage.removeItem(`bsk-${app}-transit`);
    if (!transit) throw new Error('sign-in answer without a pending sign-in');
    localStorage.setItem(key, JSON.stringify(sessionFromResponse(app, appDomain, resp, transit, nodeUrl)));
    history.replaceState(null, '', location.pathname);
  }
  $('signin').onclick = () => {
    const transit = newTransitKey();
    sessionStorage.setItem(`bsk-${app}-transit`, transit);
    location.href = `${nodeUrl}/auth?authRequest=${authRequestFor(appDomain, transit, app)}`;
  };
  $('signout').onclick = () => { localStorage.removeItem(key); location.reload(); };
  const raw = localStorage.getItem(key);
  if (!raw) { document.body.dataset.state = 'signed-out'; return null; }
  const s = JSON.parse(raw) as Session;
  document.body.dataset.state = 'signed-in';
  $('who').textContent = `${s.username} · ${s.appDomain}`;
  return { s, c: clientOf(s, new WebStorageSeenStore(localStorage, `bsk-${app}-seen:`)) };
}

/** Run an async UI action; errors go to the status line. */
export function action(statusId: string, f: () => Promise<string>): () => void {
  return () => { show(statusId, '…'); f().then((m) => show(statusId, m), (e: Error) => show(statusId, e.message, true)); };
}
