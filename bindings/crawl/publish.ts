/**
 * @module crawl/publish — `blockstack crawl publish --as NAME --app DOMAIN`: fetches the node's unsigned
 * snapshot (`/v1/crawl/snapshot?app=`), signs it with NAME's app key for the app (crawl/snapshot) and writes
 * snapshot, manifest and their `.sig` sidecars to that app bucket on the hub (manifest last, so a reader never
 * sees a manifest whose snapshot is not there yet).
 */
import { appOrigin, putToHub } from '../auth/index.ts';
import { signSnapshot, MANIFEST_PATH, type Snapshot } from './snapshot.ts';

/** `microblog.example` → `https://microblog.example`; loopback hosts → http; full origins kept. */
export function originOfDomain(domain: string): string {
  if (/^https?:\/\//i.test(domain)) return appOrigin(domain);
  const loop = /^(127\.|localhost|\[::1\])/.test(domain);
  return appOrigin(`${loop ? 'http' : 'https'}://${domain}`);
}

export interface PublishOptions { apiUrl: string; hubUrl: string; appPrivateKey: string; publisher: string; app: string }
export interface PublishResult { manifestUrl: string; bucketUrl: string; publicKey: string; count: number; bytes: number }

export async function publishSnapshot(o: PublishOptions): Promise<PublishResult> {
  const domain = new URL(originOfDomain(o.app)).host;
  const r = await fetch(`${o.apiUrl.replace(/\/+$/, '')}/v1/crawl/snapshot?app=${encodeURIComponent(domain)}`, { signal: AbortSignal.timeout(120_000) });
  if (r.status !== 200) throw Object.assign(new Error(`the node answered ${r.status} for its snapshot`), { code: 'E_SNAPSHOT', exitCode: 1 });
  const snap = (await r.json()) as Snapshot;
  const { files, manifest } = signSnapshot(snap, o.publisher, o.appPrivateKey);
  let manifestUrl = '';
  for (const f of files) {
    const url = await putToHub({ hubUrl: o.hubUrl, privateKey: o.appPrivateKey }, f.path, f.body, f.contentType);
    if (f.path === MANIFEST_PATH) manifestUrl = url;
  }
  return { manifestUrl, bucketUrl: manifestUrl.slice(0, -MANIFEST_PATH.length), publicKey: manifest.publicKey, count: snap.count, bytes: files[0].body.length };
}
