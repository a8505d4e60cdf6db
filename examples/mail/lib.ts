/**
 * @module examples/mail — mail without PGP. alice writes to bob.id: bob's app key by key discovery, the
 * message (`{from, to, subject, body, sentAt}`) encrypted to it and signed by alice's app key at
 * `mail/outbox/<bob>/<id>.json` in alice's bucket, appended to her signed outbox index for bob
 * (`mail/outbox/<bob>/index.json`: `{version:1, from, to, messages:[{id, size, sha256, version, sentAt}]}`);
 * then a plain notice "You've got mail from alice.id" goes to the `mailto:` of bob's zone file (SMTP:
 * notify.ts; pages: the node's notice relay `POST /v1/mail/notice` when the node offers one — a request
 * signed by alice's app key — else a mailto: link). The notice never carries the message. bob polls the outboxes of
 * the names he has mail from, verifies and decrypts.
 */
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { sha256Hex } from '../../bindings/storage/crypto/keys.ts';
import type { Session } from '../lib/session.ts';
import { bucketOf, getOwnJson, putSignedJson, readSealed, readSigned } from '../lib/storage.ts';
import { NOTICE_PATH, signNoticeRequest } from '../../bindings/node/mail-notice-request.ts';

export interface Mail { from: string; to: string; subject: string; body: string; sentAt: string }
export interface OutboxEntry { id: string; size: number; sha256: string; version: number | null; sentAt: string }
export interface Outbox { version: 1; from: string; to: string; messages: OutboxEntry[] }

const outbox = (to: string) => `mail/outbox/${to}/index.json`;
export const noticeText = (from: string) => ({
  subject: `You've got mail from ${from}`,
  text: `You've got mail from ${from}. Open your Blockstack mail app to read it (it is stored encrypted in ${from}'s storage, not in this email).`,
});

export async function sendMail(c: StorageClient, s: Session, to: string, subject: string, body: string): Promise<OutboxEntry> {
  const { appPublicKey } = await bucketOf(s, to);
  if (!appPublicKey) throw new Error(`${to} has not published an app key for ${s.appDomain} (they must sign in to the mail app once)`);
  const mail: Mail = { from: s.username, to, subject, body, sentAt: new Date().toISOString() };
  const text = JSON.stringify(mail);
  const id = `${Date.now()}-${bytesToHex(randomBytes(4))}`;
  const r = await c.putFile(`mail/outbox/${to}/${id}.json`, text, { encrypt: appPublicKey, sign: true });
  const entry: OutboxEntry = { id, size: new TextEncoder().encode(text).byteLength, sha256: sha256Hex(new TextEncoder().encode(text)), version: r.version, sentAt: mail.sentAt };
  const idx = (await getOwnJson<Outbox>(c, outbox(to))) ?? { version: 1, from: s.username, to, messages: [] };
  idx.messages.push(entry);
  await putSignedJson(c, outbox(to), idx);
  return entry;
}

/** bob's inbox: every message in the outboxes of `senders` for him, verified and decrypted, oldest first. */
export async function readInbox(c: StorageClient, s: Session, senders: string[]): Promise<(Mail & { id: string })[]> {
  const out: (Mail & { id: string })[] = [];
  for (const from of senders) {
    let idx: Outbox;
    try { idx = JSON.parse(await readSigned(c, s, from, outbox(s.username))) as Outbox; } catch (e) {
      if ((e as { code?: string }).code === 'E_DOES_NOT_EXIST') continue;
      throw e;
    }
    if (idx.version !== 1 || idx.from !== from || idx.to !== s.username || !Array.isArray(idx.messages)) throw new Error(`the outbox of ${from} is malformed`);
    for (const m of idx.messages) {
      if (!/^[0-9]+-[0-9a-f]{8}$/.test(m.id)) throw new Error(`bad message id in ${from}'s outbox`);
      const text = (await readSealed(c, s, from, `mail/outbox/${s.username}/${m.id}.json`)) as string;
      if (sha256Hex(new TextEncoder().encode(text)) !== m.sha256) throw new Error(`message ${m.id} from ${from} does not match its outbox entry`);
      const mail = JSON.parse(text) as Mail;
      if (mail.from !== from || mail.to !== s.username) throw new Error(`message ${m.id} claims ${mail.from} → ${mail.to}`);
      out.push({ ...mail, id: m.id });
    }
  }
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

export type RelayResult = { sent: true; to: string } | { sent: false; reason: string };

/**
 * The page's notice: through the node's relay (node/mail-notice.ts) when it has one (`GET` answers 200),
 * signed by the sender's app key over recipient and time. `{sent: false}` tells the page to fall back to
 * a mailto: link.
 */
export async function relayNotice(s: Session, to: string, f: typeof fetch = fetch): Promise<RelayResult> {
  const url = `${s.apiUrl.replace(/\/+$/, '')}${NOTICE_PATH}`;
  try {
    const info = await f(url);
    if (!info.ok) return { sent: false, reason: 'this node has no mail notice relay' };
  } catch { return { sent: false, reason: 'this node has no mail notice relay' }; }
  const res = await f(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signNoticeRequest(s.appPrivateKey, s.username, to, s.appDomain)) });
  const b = (await res.json().catch(() => ({}))) as { to?: string; code?: string; error?: string };
  if (!res.ok || typeof b.to !== 'string') return { sent: false, reason: `the node's relay refused the notice (${res.status} ${b.code ?? ''}: ${b.error ?? 'no answer'})` };
  return { sent: true, to: b.to };
}
