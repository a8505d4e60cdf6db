/**
 * @module crawl/gen/users — synthetic users for crawler tests and benches: deterministic owner and app keys
 * from a seed, a display name / description / linked account from small word lists, a zone file pointing at
 * the profile on a (loopback) hub, the profile token signed by the owner key (auth/profile-token, as
 * @stacks/profile signs it), and for some users microblog files (TEAM.md format: posts.json, one post,
 * follows.json, each with its signed `.sig` sidecar) in their app bucket. Files go straight through the hub's
 * storage driver (the hub serves them as it serves any write); `chain.ts` puts the names on the devnet.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { signProfileToken, wrapProfileToken, type Person } from '../../auth/profile-token.ts';
import { p2pkhAddress, publicKeyFromPrivate, toHex as bytesToHex, sha256Hex, signECDSA } from '../../base/index.ts';
const addressFromPrivateKey = (k: string): string => p2pkhAddress(publicKeyFromPrivate(k));
import type { Driver } from '../../storage/drivers/driver.ts';

const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yolanda', 'zoe', 'muneeb', 'ryan', 'jude', 'larry', 'aaron', 'diwaker', 'ken', 'patrick', 'jesse'];
const LAST = ['smith', 'jones', 'nakamoto', 'lovelace', 'hopper', 'turing', 'knuth', 'ritchie', 'thompson', 'liskov', 'lamport', 'diffie', 'hellman', 'merkle', 'rivest', 'shamir', 'adleman', 'szabo', 'finney', 'back', 'chaum', 'wuille', 'maxwell', 'todd', 'antonopoulos'];
const WORDS = ['bitcoin', 'gardener', 'photographer', 'cyclist', 'developer', 'painter', 'runner', 'chef', 'musician', 'astronomer', 'writer', 'sailor', 'climber', 'teacher', 'cryptographer', 'designer', 'baker', 'pilot', 'skater', 'historian'];

export interface GenUser {
  index: number; name: string; ownerKey: string; ownerAddress: string; appKey: string; appAddress: string;
  displayName: string; description: string; twitter: string; microblog: boolean; follows: string[];
}

const keyOf = (seed: string, what: string, i: number): string => bytesToHex(sha256(new TextEncoder().encode(`${seed}:${what}:${i}`)));

export interface GenOptions { seed?: string; namespace?: string; prefix?: string; /** every k-th user has microblog data (0 = none) */ microblogEvery?: number }

export function makeUser(i: number, n: number, o: GenOptions = {}): GenUser {
  const seed = o.seed ?? 'crawl';
  const ownerKey = keyOf(seed, 'owner', i), appKey = keyOf(seed, 'app', i);
  const first = FIRST[i % FIRST.length], last = LAST[Math.floor(i / FIRST.length) % LAST.length];
  const every = o.microblogEvery ?? 5;
  const microblog = every > 0 && i % every === 0;
  const ns = o.namespace ?? 'id';
  const nameOf = (k: number) => `${o.prefix ?? 'user'}${k}.${ns}`;
  const follows = microblog ? [1, 2, 3].map((d) => nameOf((i + d * every) % n)).filter((f) => f !== nameOf(i)) : [];
  return {
    index: i, name: nameOf(i), ownerKey, ownerAddress: addressFromPrivateKey(ownerKey), appKey, appAddress: addressFromPrivateKey(appKey),
    displayName: `${cap(first)} ${cap(last)} ${i}`, description: `${WORDS[i % WORDS.length]} and ${WORDS[(i * 7 + 3) % WORDS.length]} number ${i}`,
    twitter: `${first}_${last}_${i}`, microblog, follows,
  };
}
const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

export function profileOf(u: GenUser, readPrefix: string, microblogOrigin: string): Person {
  const p: Person = { '@type': 'Person', '@context': 'http://schema.org', name: u.displayName, description: u.description,
    account: [{ '@type': 'Account', service: 'twitter', identifier: u.twitter, proofType: 'http' }] };
  if (u.microblog) {
    p.apps = { [microblogOrigin]: `${readPrefix}${u.appAddress}/` };
    p.appsMeta = { [microblogOrigin]: { storage: `${readPrefix}${u.appAddress}/`, publicKey: publicKeyFromPrivate(u.appKey) } };
  }
  return p;
}

export function zonefileOf(name: string, profileUrl: string): string {
  return `$ORIGIN ${name}\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"${profileUrl}"\n\n`;
}
export const profileUrlOf = (u: GenUser, readPrefix: string): string => `${readPrefix}${u.ownerAddress}/profile.json`;

const enc = new TextEncoder();

/** Writes the user's profile (signed now, or at `issuedAt`) and microblog files through the hub's driver. */
export async function writeUserFiles(driver: Driver, u: GenUser, readPrefix: string, microblogOrigin: string, opts: { issuedAt?: Date; profile?: Person } = {}): Promise<void> {
  const profile = opts.profile ?? profileOf(u, readPrefix, microblogOrigin);
  const tokenFile = JSON.stringify([wrapProfileToken(signProfileToken(profile, u.ownerKey, { issuedAt: opts.issuedAt }))]);
  await driver.performWrite({ bucket: u.ownerAddress, path: 'profile.json', contentType: 'application/json', body: enc.encode(tokenFile) });
  if (!u.microblog) return;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + u.index * 60_000).toISOString();
  const post = JSON.stringify({ id: `p${u.index}`, author: u.name, text: `hello from ${u.displayName}`, createdAt });
  const posts = JSON.stringify({ version: 1, author: u.name, posts: [{ id: `p${u.index}`, path: `microblog/posts/p${u.index}.json`, size: enc.encode(post).length, sha256: sha256Hex(post), createdAt }] });
  const follows = JSON.stringify({ version: 1, follows: u.follows });
  for (const [path, body] of [[`microblog/posts/p${u.index}.json`, post], ['microblog/posts.json', posts], ['microblog/follows.json', follows]] as const) {
    await signedWrite(driver, u.appAddress, u.appKey, path, body);
  }
}

export async function signedWrite(driver: Driver, bucket: string, key: string, path: string, body: string): Promise<void> {
  await driver.performWrite({ bucket, path, contentType: 'application/json', body: enc.encode(body) });
  await driver.performWrite({ bucket, path: `${path}.sig`, contentType: 'application/json', body: enc.encode(JSON.stringify(signECDSA(key, body))) });
}
