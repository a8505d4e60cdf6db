/**
 * @module examples/microblog — a microblog (TEAM.md format, crawled by bindings/crawl): posts are signed
 * JSON in the author's bucket (`microblog/posts.json` index, newest last, and `microblog/posts/<id>.json`),
 * follows in `microblog/follows.json`, all with `.sig` sidecars. Posting publishes a signed pointer on
 * `<author>/<app-domain>/posts` at the author's `_pubsub` URI; a follower subscribes at each followee's
 * `_pubsub`, verifies the message, fetches the post, checks it against the pointer and its signature,
 * and rebuilds the timeline from storage at start and after every reconnection (nothing is lost, nothing
 * doubled: posts already on the timeline are neither fetched again nor added twice).
 */
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { sha256Hex } from '../../bindings/storage/crypto/keys.ts';
import { makeTopic, type PubsubMessage } from '../../bindings/pubsub/message.ts';
import { MessageVerifier } from '../../bindings/pubsub/verifier.ts';
import { Publisher, subscribeVerified } from '../../bindings/pubsub/subscribe.ts';
import type { PubsubTransport } from '../../bindings/pubsub/transport.ts';
import type { PubsubError } from '../../bindings/pubsub/errors.ts';
import type { Session } from '../lib/session.ts';
import { pubsubUriOf } from '../lib/names.ts';
import { getOwnJson, putSignedJson, readSigned } from '../lib/storage.ts';

export interface PostRef { id: string; path: string; size: number; sha256: string; createdAt: string }
export interface Post { id: string; author: string; text: string; createdAt: string }
export interface PostIndex { version: 1; author: string; posts: PostRef[] }
export interface Follows { version: 1; follows: string[] }
export type Connect = (uri: string) => Promise<PubsubTransport>;

const enc = new TextEncoder();
const NAME = /^[a-z0-9\-_.+]+\.[a-z0-9\-_]+$/;
export const postsTopic = (name: string, appDomain: string) => makeTopic(name, appDomain, 'posts');

export async function post(c: StorageClient, s: Session, text: string, o: { connect?: Connect; publisher?: Publisher } = {}): Promise<{ ref: PostRef; published: boolean; error?: string }> {
  if (typeof text !== 'string' || text.trim() === '' || text.length > 2000) throw new Error('a post is 1..2000 characters');
  const id = `${Date.now()}-${bytesToHex(randomBytes(4))}`;
  const p: Post = { id, author: s.username, text, createdAt: new Date().toISOString() };
  const path = `microblog/posts/${id}.json`;
  const w = await putSignedJson(c, path, p);
  const ref: PostRef = { id, path, size: enc.encode(w.text).byteLength, sha256: sha256Hex(enc.encode(w.text)), createdAt: p.createdAt };
  const idx = (await getOwnJson<PostIndex>(c, 'microblog/posts.json')) ?? { version: 1, author: s.username, posts: [] };
  idx.posts.push(ref);
  await putSignedJson(c, 'microblog/posts.json', idx);
  if (!o.connect) return { ref, published: false };
  // the post is in storage already: a notification failure only delays followers until they re-list
  try {
    const t = await o.connect(await pubsubUriOf(s.apiUrl, s.username));
    try { await (o.publisher ?? new Publisher(s.appPrivateKey)).publish(t, postsTopic(s.username, s.appDomain), { path, size: ref.size, sha256: ref.sha256, version: w.version }); } finally { if (!o.publisher) await t.close(); }
    return { ref, published: true };
  } catch (e) {
    return { ref, published: false, error: (e as Error).message };
  }
}

export async function follows(c: StorageClient): Promise<string[]> {
  return (await getOwnJson<Follows>(c, 'microblog/follows.json'))?.follows ?? [];
}

export async function follow(c: StorageClient, name: string, on = true): Promise<string[]> {
  if (!NAME.test(name)) throw new Error(`not a name: ${name}`);
  const cur = await follows(c);
  const next = on ? [...new Set([...cur, name])] : cur.filter((n) => n !== name);
  await putSignedJson(c, 'microblog/follows.json', { version: 1, follows: next } satisfies Follows);
  return next;
}

/** One post by `author`, checked against its reference (digest) and signature. */
async function fetchPost(c: StorageClient, s: Session, author: string, ref: { path: string; sha256: string; size?: number }): Promise<Post> {
  if (!/^microblog\/posts\/[0-9]+-[0-9a-f]{8}\.json$/.test(ref.path)) throw new Error(`not a post path: ${ref.path}`);
  const text = await readSigned(c, s, author, ref.path);
  if (sha256Hex(enc.encode(text)) !== ref.sha256) throw new Error(`${ref.path} of ${author} does not match its pointer`);
  const p = JSON.parse(text) as Post;
  if (p.author !== author || typeof p.text !== 'string') throw new Error(`${ref.path} is not a post by ${author}`);
  return p;
}

/** Everything `author` posted (verified; `skip` leaves out posts the caller has); failing posts are dropped and reported. */
export async function readPosts(c: StorageClient, s: Session, author: string, onDrop?: (why: string) => void, skip?: (ref: PostRef) => boolean): Promise<Post[]> {
  let idx: PostIndex;
  try { idx = JSON.parse(await readSigned(c, s, author, 'microblog/posts.json')) as PostIndex; } catch (e) {
    if ((e as { code?: string }).code === 'E_DOES_NOT_EXIST') return [];
    throw e;
  }
  if (idx.version !== 1 || idx.author !== author || !Array.isArray(idx.posts)) throw new Error(`the post index of ${author} is malformed`);
  const out: Post[] = [];
  for (const r of idx.posts) {
    if (skip?.(r)) continue;
    try { out.push(await fetchPost(c, s, author, r)); } catch (e) { onDrop?.(`${author}/${r.path}: ${(e as Error).message}`); }
  }
  return out;
}

export interface TimelineEvents {
  onUpdate?: (posts: Post[]) => void;
  onDrop?: (why: string) => void;
  /** once per post, however it arrived first: a listing of the author's storage, or a notification */
  onPost?: (p: Post, via: 'storage' | 'notification') => void;
}

/**
 * A follower's timeline: rebuilt from storage, kept current by verified notifications. Each post enters
 * once (keyed by author and id): the catch-up listing after a reconnection fetches only posts not yet
 * seen, and a notification racing a listing for the same post adds it once.
 */
export class Timeline {
  readonly posts = new Map<string, Post>();
  private transports: PubsubTransport[] = [];
  constructor(readonly c: StorageClient, readonly s: Session, readonly ev: TimelineEvents = {}) {}

  sorted(): Post[] { return [...this.posts.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)); }

  private add(p: Post, via: 'storage' | 'notification'): void {
    const k = `${p.author}/${p.id}`;
    if (this.posts.has(k)) return;
    this.posts.set(k, p);
    this.ev.onPost?.(p, via);
    this.ev.onUpdate?.(this.sorted());
  }

  async rebuild(names?: string[]): Promise<Post[]> {
    for (const n of names ?? (await follows(this.c))) {
      for (const p of await readPosts(this.c, this.s, n, this.ev.onDrop, (r) => this.posts.has(`${n}/${r.id}`))) this.add(p, 'storage');
    }
    this.ev.onUpdate?.(this.sorted());
    return this.sorted();
  }

  /** Subscribe at each followee's `_pubsub`; re-list their storage after every reconnection. */
  async watch(connect: Connect, names?: string[]): Promise<void> {
    const verifier = new MessageVerifier({ apiUrl: this.s.apiUrl });
    for (const n of names ?? (await follows(this.c))) {
      const t = await connect(await pubsubUriOf(this.s.apiUrl, n));
      this.transports.push(t);
      t.onReconnect(() => void this.rebuild([n]).catch((e) => this.ev.onDrop?.(`re-listing ${n}: ${(e as Error).message}`)));
      await subscribeVerified(t, postsTopic(n, this.s.appDomain), verifier, {
        onMessage: async (m: PubsubMessage) => {
          try { this.add(await fetchPost(this.c, this.s, m.publisher, m.pointer), 'notification'); } catch (e) { this.ev.onDrop?.(`${m.publisher}: ${(e as Error).message}`); }
        },
        onDrop: (e: PubsubError) => this.ev.onDrop?.(`notification dropped: ${e.code} ${e.message}`),
      });
    }
  }

  async close(): Promise<void> { for (const t of this.transports) await t.close(); this.transports = []; }
}
