// Routing under Deno: zone-file vectors, an Atlas node on node:sqlite served by Deno.serve and driven by our
// XML-RPC client, and the resolver against a Deno.serve v1 API (hash check, profile signature, tampering).
import { strictEqual, deepStrictEqual, rejects } from 'node:assert/strict';
// @ts-ignore: node:sqlite is built into Deno 2, but @types/node 20 has no declarations for it
import { DatabaseSync } from 'node:sqlite';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { parseZoneFile, zoneFileHash, makeZoneFile, resolve } from '../../bindings/runtime/deno.ts';
import { AtlasNode, AtlasClient, createAtlasHandler } from '../../bindings/routing/index.ts';
import { base58checkEncode as encodeAddress, hash160 } from '../../bindings/base/index.ts';

const V = JSON.parse(await Deno.readTextFile(new URL('../../../shared/vectors/zonefiles/zonefiles_sample.json', import.meta.url)));

Deno.test('zone-file vectors: every hash, every recorded parse', () => {
  for (const z of V.zonefiles) strictEqual(zoneFileHash(z.text), z.hash);
  for (const p of V.parsed) {
    const z = V.zonefiles.find((x: { hash: string }) => x.hash === p.hash);
    strictEqual(JSON.stringify(parseZoneFile(z.text)), JSON.stringify(p.parseZoneFile));
  }
});

Deno.test('Atlas node on node:sqlite behind Deno.serve', async () => {
  const texts = V.zonefiles.slice(0, 5).map((z: { text: string }) => z.text);
  const node = new AtlasNode({ db: new DatabaseSync(':memory:') as never, chain: { lastBlock: () => 10, consensus: () => null } });
  node.addSlots(texts.map((t: string, i: number) => ({ hash: zoneFileHash(t), block_height: i + 1 })));
  const handler = createAtlasHandler(node);
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, (req, info) => handler(req, (info.remoteAddr as Deno.NetAddr).hostname));
  try {
    const c = new AtlasClient(`127.0.0.1:${server.addr.port}`);
    deepStrictEqual(await c.putZonefiles(texts.slice(0, 3).map((t: string) => new TextEncoder().encode(t))), [1, 1, 1]);
    strictEqual((await c.putZonefiles([new TextEncoder().encode('$ORIGIN nope\n')]))[0], 0);
    deepStrictEqual([...(await c.getInventory(0, 1))], [0xe0]);
    const got = await c.getZonefiles([zoneFileHash(texts[1])]);
    strictEqual(new TextDecoder().decode(got.get(zoneFileHash(texts[1]))!), texts[1]);
  } finally {
    await server.shutdown();
  }
});

Deno.test('resolver under Deno: verified profile, tampered zone file rejected', async () => {
  const priv = sha256(new TextEncoder().encode('deno-key'));
  const pub = secp256k1.getPublicKey(priv, true);
  const address = encodeAddress(0, hash160(pub));
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  const b64u = (s: string | Uint8Array) => btoa(typeof s === 'string' ? s : String.fromCharCode(...s)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const input = `${b64u(JSON.stringify({ typ: 'JWT', alg: 'ES256K' }))}.${b64u(JSON.stringify({ iat: new Date().toISOString(), issuer: { publicKey: hex(pub) }, subject: { publicKey: hex(pub) }, claim: { name: 'Deno' } }))}`;
  const sig = secp256k1.sign(sha256(new TextEncoder().encode(input)), priv, { prehash: false, format: 'compact' });
  const tokenFile = JSON.stringify([{ token: `${input}.${b64u(sig)}` }]);
  let base = '';
  const names: Record<string, { zonefile: string; zonefile_hash: string }> = {};
  const server = Deno.serve({ port: 0, hostname: '127.0.0.1', onListen() {} }, (req) => {
    const p = new URL(req.url).pathname;
    if (p === '/p.json') return new Response(tokenFile);
    const m = /^\/v1\/names\/([^/]+)$/.exec(p);
    const n = m && names[m[1]];
    return n ? Response.json({ address, status: 'registered', ...n }) : Response.json({ status: 'available' }, { status: 404 });
  });
  base = `http://127.0.0.1:${server.addr.port}`;
  const z = makeZoneFile({ $origin: 'deno.id', $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: `${base}/p.json` }] }, '{$origin}\n{$ttl}\n{uri}\n');
  names['deno.id'] = { zonefile: z, zonefile_hash: zoneFileHash(z) };
  names['evil.id'] = { zonefile: z.replace('deno.id', 'evil.id'), zonefile_hash: zoneFileHash(z) };
  try {
    const r = await resolve('deno.id', { api: base });
    deepStrictEqual(r.profile, { name: 'Deno' });
    strictEqual(r.verified, true);
    await rejects(resolve('evil.id', { api: base }), (e: { code: string }) => e.code === 'E_ZONEFILE_HASH_MISMATCH');
  } finally {
    await server.shutdown();
  }
});
