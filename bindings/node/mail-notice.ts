/**
 * @module node/mail-notice — the optional mail notice relay (`mail.smtpUrl` / `--smtp-url`; off unless an
 * operator configures an SMTP server): a web page cannot speak SMTP, so the mail app's page asks the node
 * to send the same notice its CLI sends. `POST /v1/mail/notice` with a NoticeRequest
 * (node/mail-notice-request.ts) sends exactly "You've got mail from <from>" (subject and body, nothing
 * else: never the message) to the `mailto:` of `to`'s zone file. Checked in this order, each refusal a 4xx
 * JSON `{error, code}`: shape (400 E_BAD_REQUEST), time window ±5 min (409 E_STALE), signature over
 * the request (403 E_BAD_SIGNATURE), the key is `from`'s app key for `appDomain` by key discovery (403
 * E_UNKNOWN_KEY), rate limits per sender, per recipient and overall (429 E_RATE_LIMITED), replay (the
 * timestamp must grow per sender → recipient pair: 409 E_REPLAY), recipient registered (404
 * E_UNKNOWN_RECIPIENT) with a mailto (422 E_NO_MAILTO). SMTP failure: 502 E_SMTP_FAILED.
 * `GET /v1/mail/notice` tells a page the relay is there (404 when it is not configured).
 */
import { Hono } from 'hono';
import { bytesToHex } from '@noble/hashes/utils.js';
import { discoverAppKey, type DiscoverOptions, type NameRecord } from '../auth/discover.ts';
import { btcAddressOf, compressPublicKey } from '../auth/keys.ts';
import { statusOf } from '../base/http-status.ts';
import { parseZoneFile } from '../routing/zonefile/index.ts';
import { NOTICE_PATH, noticeLine, noticeSignatureValid, type NoticeRequest } from './mail-notice-request.ts';
import type { NodeContext, NodeService } from './node.ts';

export type MailNoticeCode = 'E_BAD_REQUEST' | 'E_STALE' | 'E_BAD_SIGNATURE' | 'E_UNKNOWN_KEY' | 'E_RATE_LIMITED' | 'E_REPLAY' | 'E_UNKNOWN_RECIPIENT' | 'E_NO_MAILTO' | 'E_SMTP_FAILED';
export class MailNoticeError extends Error {
  readonly status: number;
  constructor(readonly code: MailNoticeCode, message: string) { super(message); this.name = 'MailNoticeError'; this.status = statusOf(code, 400); }
}

export interface MailNoticeOptions {
  /** `smtp://host:port` or `smtps://user:pass@host:port` (nodemailer) */
  smtpUrl: string;
  /** the notices' From: address */
  from?: string;
  /** notices per sender per minute (default 6); per recipient 2×; overall 20× */
  perMinute?: number;
  /** name lookup (default: this node's own `/v1/names/<name>`) */
  lookupName?: (name: string) => Promise<NameRecord | undefined>;
  fetch?: DiscoverOptions['fetch'];
  now?: () => number;
  /** instead of SMTP (tests of the refusals never need it, the end-to-end tests use real SMTP) */
  send?: (mail: { from: string; to: string; subject: string; text: string }) => Promise<string>;
}

const NAME = /^[a-z0-9\-_.+]{1,37}\.[a-z0-9\-_]{1,19}$/;
const WINDOW_MS = 300_000;

/** Fixed one-minute windows per key. */
class RateLimit {
  private m = new Map<string, { start: number; n: number }>();
  constructor(private readonly max: number) {}
  take(key: string, now: number): boolean {
    let e = this.m.get(key);
    if (!e || now - e.start >= 60_000) { e = { start: now, n: 0 }; this.m.set(key, e); }
    if (this.m.size > 10_000) for (const [k, v] of this.m) if (now - v.start >= 60_000) this.m.delete(k);
    return ++e.n <= this.max;
  }
}

export function mailtoOfZoneFile(zonefile: string): string | null {
  for (const t of parseZoneFile(zonefile).txt ?? []) {
    const txt = Array.isArray(t.txt) ? t.txt.join('') : t.txt;
    const m = /^mailto:([^\s@<>",;]+@[^\s@<>",;]+)$/.exec(txt);
    if (m) return m[1];
  }
  return null;
}

export class MailNoticeService implements NodeService {
  readonly name = 'mail-notice';
  private apiUrl = 'http://127.0.0.1:6270';
  private last = new Map<string, number>();
  private perSender: RateLimit;
  private perRecipient: RateLimit;
  private overall: RateLimit;
  private transport: { sendMail(m: object): Promise<{ messageId: string }>; close(): void } | null = null;
  readonly stats = { sent: 0, refused: 0 };
  constructor(readonly opts: MailNoticeOptions) {
    if (!/^smtps?:\/\/[^\s]+$/.test(opts.smtpUrl)) throw new Error(`mail.smtpUrl must be smtp://host:port or smtps://…, got ${JSON.stringify(opts.smtpUrl)}`);
    const per = opts.perMinute ?? 6;
    this.perSender = new RateLimit(per);
    this.perRecipient = new RateLimit(per * 2);
    this.overall = new RateLimit(per * 20);
  }

  private lookup(name: string): Promise<NameRecord | undefined> {
    if (this.opts.lookupName) return this.opts.lookupName(name);
    return (async () => {
      const res = await fetch(`${this.apiUrl}/v1/names/${encodeURIComponent(name)}`);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`name lookup answered ${res.status}`);
      return (await res.json()) as NameRecord;
    })();
  }

  private async keyOwned(r: NoticeRequest): Promise<boolean> {
    for (const fresh of [false, true]) {
      let app;
      try { app = await discoverAppKey(r.from, r.appDomain, { lookupName: (n) => this.lookup(n), fetch: this.opts.fetch, fresh }); } catch { continue; }
      try {
        if (btcAddressOf(r.publicKey) === app.bucketAddress && (!app.appPublicKey || bytesToHex(compressPublicKey(r.publicKey)) === bytesToHex(compressPublicKey(app.appPublicKey)))) return true;
      } catch { return false; }
    }
    return false;
  }

  /** Every check, then the notice. Returns where it went. Throws MailNoticeError. */
  async handle(body: unknown): Promise<{ sent: true; to: string; messageId: string }> {
    const bad = (code: MailNoticeCode, why: string): never => { throw new MailNoticeError(code, why); };
    const r = body as NoticeRequest;
    if (!r || typeof r !== 'object') bad('E_BAD_REQUEST', 'the body must be a JSON object {from, to, appDomain, timestamp, publicKey, signature}');
    if (typeof r.from !== 'string' || !NAME.test(r.from)) bad('E_BAD_REQUEST', '"from" must be a name like alice.id');
    if (typeof r.to !== 'string' || !NAME.test(r.to)) bad('E_BAD_REQUEST', '"to" must be a name like bob.id');
    if (typeof r.appDomain !== 'string' || r.appDomain.length > 256 || !/^https?:\/\/[^\s]+$/.test(r.appDomain)) bad('E_BAD_REQUEST', '"appDomain" must be the http(s) app domain the key belongs to');
    if (!Number.isSafeInteger(r.timestamp)) bad('E_BAD_REQUEST', '"timestamp" must be ms since epoch');
    if (typeof r.publicKey !== 'string' || !/^[0-9a-f]{66}$|^[0-9a-f]{130}$/i.test(r.publicKey)) bad('E_BAD_REQUEST', '"publicKey" must be a hex secp256k1 public key');
    if (typeof r.signature !== 'string' || !/^[0-9a-f]{16,144}$/i.test(r.signature)) bad('E_BAD_REQUEST', '"signature" must be a hex DER signature');
    const now = this.opts.now?.() ?? Date.now();
    if (Math.abs(now - r.timestamp) > WINDOW_MS) bad('E_STALE', `timestamp ${r.timestamp} is more than 5 minutes away from the node's clock`);
    if (!noticeSignatureValid(r)) bad('E_BAD_SIGNATURE', 'the signature does not verify over {purpose, from, to, appDomain, timestamp}');
    if (!(await this.keyOwned(r))) bad('E_UNKNOWN_KEY', `the key is not ${r.from}'s app key for ${r.appDomain}`);
    if (!this.perSender.take(r.from, now) || !this.perRecipient.take(r.to, now) || !this.overall.take('*', now)) bad('E_RATE_LIMITED', 'too many notices: try again in a minute');
    const pair = `${r.from}>${r.to}`;
    const last = this.last.get(pair);
    if (last !== undefined && r.timestamp <= last) bad('E_REPLAY', `a notice ${r.from} → ${r.to} at or after ${r.timestamp} was already sent`);
    this.last.set(pair, r.timestamp);
    if (this.last.size > 10_000) for (const [k, v] of this.last) if (now - v > WINDOW_MS) this.last.delete(k);
    const rec = await this.lookup(r.to);
    if (!rec) bad('E_UNKNOWN_RECIPIENT', `${r.to} is not registered`);
    const to = rec!.zonefile ? mailtoOfZoneFile(rec!.zonefile) : null;
    if (!to) bad('E_NO_MAILTO', `the zone file of ${r.to} has no TXT "mailto:…" record`);
    const line = noticeLine(r.from);
    const mail = { from: this.opts.from ?? 'blockstack-node@localhost', to: to!, subject: line, text: line };
    let messageId: string;
    try { messageId = await this.deliver(mail); } catch (e) { throw new MailNoticeError('E_SMTP_FAILED', `the SMTP server refused the notice: ${(e as Error).message}`); }
    this.stats.sent++;
    return { sent: true, to: to!, messageId };
  }

  private async deliver(mail: { from: string; to: string; subject: string; text: string }): Promise<string> {
    if (this.opts.send) return this.opts.send(mail);
    if (!this.transport) {
      const nodemailer = (await import('nodemailer')).default;
      this.transport = nodemailer.createTransport(this.opts.smtpUrl) as unknown as NonNullable<MailNoticeService['transport']>;
    }
    return (await this.transport.sendMail(mail)).messageId;
  }

  routes(): Hono {
    const app = new Hono();
    app.get(NOTICE_PATH, (c) => c.json({ enabled: true, text: noticeLine('<sender>'), perMinute: this.opts.perMinute ?? 6, windowMs: WINDOW_MS }));
    app.post(NOTICE_PATH, async (c) => {
      let body: unknown;
      try { body = await c.req.json(); } catch { this.stats.refused++; return c.json({ error: 'the body must be JSON', code: 'E_BAD_REQUEST' }, statusOf('E_BAD_REQUEST', 400) as 400); }
      try {
        return c.json(await this.handle(body));
      } catch (e) {
        this.stats.refused++;
        if (e instanceof MailNoticeError) return c.json({ error: e.message, code: e.code }, e.status as 400);
        throw e;
      }
    });
    return app;
  }

  mounts(_ctx?: NodeContext) { return [{ path: '/', app: this.routes() }]; }
  async start(ctx: NodeContext): Promise<Record<string, string>> {
    this.apiUrl = ctx.apiUrl ?? this.apiUrl;
    return { 'mail notices': `${this.apiUrl}${NOTICE_PATH} → ${this.opts.smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}` };
  }
  async stop(): Promise<void> { this.transport?.close(); this.transport = null; }
}
