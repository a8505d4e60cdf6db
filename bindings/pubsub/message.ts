/**
 * @module pubsub/message — the pubsub message (TEAM.md shared format): a pointer `{path, size, sha256,
 * version}` to a file in the publisher's storage (never the data), the topic `<name>/<app-domain>/<channel>`
 * (app domain URI-encoded so the topic always has three `/`-separated parts), and a per-publisher sequence
 * number, signed (DER ECDSA over SHA-256 of the canonical body, low-S, as `.sig` files) by the publisher's
 * app key for that app domain. `seq` only grows: publishers use max(last + 1, Date.now()).
 */
import { signECDSA, verifyECDSA } from '../auth/shared-files.ts';
import { PubsubError } from './errors.ts';

export interface Pointer { path: string; size: number; sha256: string; version: number | null }
export interface PubsubMessage {
  v: 1;
  topic: string;
  /** the publisher's name: always the topic's first part */
  publisher: string;
  seq: number;
  /** ms since epoch at publication */
  ts: number;
  pointer: Pointer;
  publicKey: string;
  signature: string;
}
export interface Topic { name: string; appDomain: string; channel: string }

const NAME = /^[a-z0-9\-_.+]{1,37}\.[a-z0-9\-_]{1,19}$/;
const CHANNEL = /^[A-Za-z0-9._\-]{1,64}$/;

export function makeTopic(name: string, appDomain: string, channel: string): string {
  if (!NAME.test(name)) throw new PubsubError('E_BAD_TOPIC', `not a name: ${JSON.stringify(name)}`);
  if (!/^https?:\/\/[^\s]+$/.test(appDomain)) throw new PubsubError('E_BAD_TOPIC', `app domain must be an http(s) URL: ${JSON.stringify(appDomain)}`);
  if (!CHANNEL.test(channel)) throw new PubsubError('E_BAD_TOPIC', `channel must match ${CHANNEL}: ${JSON.stringify(channel)}`);
  return `${name}/${encodeURIComponent(appDomain)}/${channel}`;
}

export function parseTopic(topic: unknown): Topic {
  if (typeof topic !== 'string' || topic.length > 512) throw new PubsubError('E_BAD_TOPIC', 'topic must be a string of at most 512 characters');
  const parts = topic.split('/');
  if (parts.length !== 3) throw new PubsubError('E_BAD_TOPIC', `topic must be <name>/<app-domain>/<channel>: ${JSON.stringify(topic)}`);
  let appDomain: string;
  try { appDomain = decodeURIComponent(parts[1]); } catch { throw new PubsubError('E_BAD_TOPIC', 'app domain is not URI-encoded'); }
  makeTopic(parts[0], appDomain, parts[2]);
  return { name: parts[0], appDomain, channel: parts[2] };
}

/** The signed bytes: fixed key order, no signature fields. */
export function canonicalBody(m: Omit<PubsubMessage, 'publicKey' | 'signature'>): string {
  const p = m.pointer;
  return JSON.stringify({ v: m.v, topic: m.topic, publisher: m.publisher, seq: m.seq, ts: m.ts, pointer: { path: p.path, size: p.size, sha256: p.sha256, version: p.version } });
}

export function signMessage(appPrivateKey: string, topic: string, seq: number, pointer: Pointer, ts = Date.now()): PubsubMessage {
  const t = parseTopic(topic);
  const body = { v: 1 as const, topic, publisher: t.name, seq, ts, pointer: { path: pointer.path, size: pointer.size, sha256: pointer.sha256, version: pointer.version ?? null } };
  checkShape({ ...body, publicKey: '00', signature: '00' });
  const { signature, publicKey } = signECDSA(appPrivateKey, canonicalBody(body));
  return { ...body, publicKey, signature };
}

/** Structural check of an untrusted value; returns it typed or throws E_BAD_MESSAGE. */
export function checkShape(x: unknown): PubsubMessage {
  const bad = (why: string): never => { throw new PubsubError('E_BAD_MESSAGE', `malformed message: ${why}`); };
  if (!x || typeof x !== 'object') bad('not an object');
  const m = x as Record<string, any>;
  if (m.v !== 1) bad('v must be 1');
  const t = parseTopic(m.topic);
  if (m.publisher !== t.name) bad('publisher is not the topic owner');
  if (!Number.isSafeInteger(m.seq) || m.seq < 1) bad('seq must be a positive integer');
  if (!Number.isSafeInteger(m.ts) || m.ts < 0) bad('ts must be ms since epoch');
  const p = m.pointer;
  if (!p || typeof p !== 'object') bad('pointer missing');
  if (typeof p.path !== 'string' || p.path.length === 0 || p.path.length > 1024 || p.path.startsWith('/') || p.path.includes('..')) bad('pointer.path must be a relative storage path');
  if (!Number.isSafeInteger(p.size) || p.size < 0) bad('pointer.size must be a byte count');
  if (typeof p.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256)) bad('pointer.sha256 must be 64 hex digits');
  if (p.version !== null && (!Number.isSafeInteger(p.version) || p.version < 1)) bad('pointer.version must be a positive integer or null');
  if (typeof m.publicKey !== 'string' || !/^[0-9a-f]+$/i.test(m.publicKey)) bad('publicKey must be hex');
  if (typeof m.signature !== 'string' || !/^[0-9a-f]+$/i.test(m.signature)) bad('signature must be hex');
  return m as PubsubMessage;
}

/** Signature check only (the key's ownership is the verifier's job). */
export function signatureValid(m: PubsubMessage): boolean {
  return verifyECDSA(canonicalBody(m), m.publicKey, m.signature);
}
