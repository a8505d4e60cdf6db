/**
 * @module crawl/apps — the public app files a profile points to. `apps` maps an app origin to the user's
 * bucket URL for it; the crawler records which apps each user has (app stats) and reads the microblog's
 * public files (TEAM.md format) from that bucket: `microblog/follows.json` (karma) and `microblog/posts.json`
 * (post count). Each file must come with its `.sig` sidecar (`{signature, publicKey}`, stacks.js
 * `putFile(..., {sign: true})`) whose key is the bucket's own key (its address is the bucket name) and, when the
 * profile lists it, the `appsMeta` key; anything else is not counted.
 */
import { base58checkEncode, BTC_P2PKH, fromHex, hash160, p2pkhAddress, verifyECDSA } from '../base/index.ts';

/**
 * P2PKH (0x00) address of a sidecar key. A compressed key is hashed as given — the point itself is checked by the
 * signature verification that follows (the WASM core) — so no point decompression is paid per file; an
 * uncompressed key is compressed first, as before.
 */
function addressFromPublicKey(hex: string): string {
  if (hex.length === 66 && (hex.startsWith('02') || hex.startsWith('03'))) return base58checkEncode(BTC_P2PKH, hash160(fromHex(hex)));
  return p2pkhAddress(hex);
}

/** `https://app.example.com` → `app.example.com`; a bare domain stays as is (lower case). */
export function appDomain(origin: string): string {
  try { return new URL(origin).host.toLowerCase(); } catch { return origin.trim().toLowerCase().slice(0, 253); }
}

/** Bucket address: the last path segment of a Gaia read URL (`…/read/1ABC…/`). */
export function bucketAddress(bucketUrl: string): string | null {
  try {
    const seg = new URL(bucketUrl).pathname.split('/').filter(Boolean);
    const a = seg[seg.length - 1];
    return a && /^[a-zA-Z0-9]{20,64}$/.test(a) ? a : null;
  } catch { return null; }
}

export class AppFileError extends Error {
  constructor(readonly reason: 'app_signature' | 'app_malformed', message: string) { super(message); }
}

/** Checks a file against its sidecar; returns the parsed JSON. */
export function verifySigned(body: Buffer, sidecar: Buffer, bucketAddr: string, metaKey?: string): unknown {
  let sig: { signature?: unknown; publicKey?: unknown };
  try { sig = JSON.parse(sidecar.toString('utf8')); } catch { throw new AppFileError('app_signature', 'signature sidecar is not JSON'); }
  if (typeof sig.signature !== 'string' || typeof sig.publicKey !== 'string') throw new AppFileError('app_signature', 'signature sidecar lacks signature/publicKey');
  let addr: string;
  try { addr = addressFromPublicKey(sig.publicKey); } catch { throw new AppFileError('app_signature', 'bad public key in signature sidecar'); }
  if (addr !== bucketAddr) throw new AppFileError('app_signature', `signed by ${addr}, not the bucket's key ${bucketAddr}`);
  if (metaKey && metaKey.toLowerCase() !== sig.publicKey.toLowerCase()) throw new AppFileError('app_signature', 'signed by a key other than the profile\'s appsMeta key');
  if (!verifyECDSA(body, sig.publicKey, sig.signature)) throw new AppFileError('app_signature', 'signature does not verify');
  try { return JSON.parse(body.toString('utf8')); } catch { throw new AppFileError('app_malformed', 'not JSON'); }
}

const NAME = /^[a-z0-9\-_.+]{3,256}$/;

export function parseFollows(j: unknown): string[] {
  const f = (j as { follows?: unknown })?.follows;
  if (!Array.isArray(f)) throw new AppFileError('app_malformed', 'follows.json has no follows array');
  return [...new Set(f.filter((x): x is string => typeof x === 'string' && NAME.test(x)))].slice(0, 10_000);
}

export function parsePosts(j: unknown, author: string): number {
  const o = j as { author?: unknown; posts?: unknown };
  if (!o || !Array.isArray(o.posts)) throw new AppFileError('app_malformed', 'posts.json has no posts array');
  if (o.author !== undefined && o.author !== author) throw new AppFileError('app_malformed', `posts.json is by ${String(o.author)}, not ${author}`);
  return o.posts.length;
}
