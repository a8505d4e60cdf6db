/**
 * @module pubsub/verifier — what every receiver (the node's /pubsub service once per publish, and each
 * subscriber for every message) checks: shape, signature, that the signing key is the publisher's app key
 * for the topic's app domain (key discovery: name → zone file → profile `apps`/`appsMeta`, cached), the
 * timestamp window, and the per-publisher sequence number (only grows: replays and reorderings dropped).
 */
import { discoverAppKey, type DiscoverOptions } from '../auth/discover.ts';
import { btcAddressOf, compressPublicKey } from '../auth/keys.ts';
import { bytesToHex } from '@noble/hashes/utils.js';
import { checkShape, parseTopic, signatureValid, type PubsubMessage } from './message.ts';
import { PubsubError } from './errors.ts';

export interface SeqStore { get(key: string): number | undefined; set(key: string, seq: number): void }

export interface VerifierOptions extends DiscoverOptions {
  /** where the last accepted seq per publisher lives (default: memory) */
  seqs?: SeqStore;
  /** refuse messages older than this (default 10 minutes) or more than 5 minutes in the future */
  maxAgeMs?: number;
  now?: () => number;
}

export class MessageVerifier {
  readonly seqs: SeqStore;
  constructor(readonly opts: VerifierOptions = {}) {
    const m = new Map<string, number>();
    this.seqs = opts.seqs ?? { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
  }

  private async keyOwned(name: string, appDomain: string, publicKey: string): Promise<boolean> {
    for (const fresh of [false, true]) {
      let app;
      try {
        app = await discoverAppKey(name, appDomain, { ...this.opts, fresh });
      } catch (e) {
        if (fresh) throw new PubsubError('E_UNKNOWN_KEY', `no app key for ${name} at ${appDomain}: ${(e as Error).message}`);
        continue;
      }
      let ok: boolean;
      try {
        ok = btcAddressOf(publicKey) === app.bucketAddress &&
          (!app.appPublicKey || bytesToHex(compressPublicKey(publicKey)) === bytesToHex(compressPublicKey(app.appPublicKey)));
      } catch { return false; }
      if (ok) return true;
    }
    return false;
  }

  /** Checks without recording the seq (use `accept` to record). Throws PubsubError. */
  async check(raw: unknown): Promise<PubsubMessage> {
    const m = checkShape(raw);
    const now = this.opts.now?.() ?? Date.now();
    const maxAge = this.opts.maxAgeMs ?? 600_000;
    if (m.ts < now - maxAge || m.ts > now + 300_000) throw new PubsubError('E_STALE', `message time ${new Date(m.ts).toISOString()} is outside the accepted window`);
    if (!signatureValid(m)) throw new PubsubError('E_BAD_SIGNATURE', `signature of ${m.publisher} #${m.seq} does not verify`);
    const t = parseTopic(m.topic);
    if (!(await this.keyOwned(t.name, t.appDomain, m.publicKey))) throw new PubsubError('E_UNKNOWN_KEY', `message is not signed by ${t.name}'s app key for ${t.appDomain}`);
    const last = this.seqs.get(seqKey(m));
    if (last !== undefined && m.seq <= last) throw new PubsubError('E_REPLAY', `seq ${m.seq} of ${t.name} is not above the last accepted ${last}`);
    return m;
  }

  /** check + record: the message is accepted exactly once. */
  async accept(raw: unknown): Promise<PubsubMessage> {
    const m = await this.check(raw);
    const k = seqKey(m);
    const last = this.seqs.get(k);
    // two concurrent checks of the same seq: only the first records it
    if (last !== undefined && m.seq <= last) throw new PubsubError('E_REPLAY', `seq ${m.seq} of ${m.publisher} is not above the last accepted ${last}`);
    this.seqs.set(k, m.seq);
    return m;
  }
}

/** Sequence numbers are per publisher and app domain (one app key signs them). */
export function seqKey(m: Pick<PubsubMessage, 'topic'>): string {
  const t = parseTopic(m.topic);
  return `${t.name}/${t.appDomain}`;
}
