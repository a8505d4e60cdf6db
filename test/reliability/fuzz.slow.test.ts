/**
 * Parser fuzzing (issue 13): ≥ 10^5 mutated inputs each for the XML-RPC reader, the zone-file parser, JWT /
 * token parsing (decodeJwt, authRequest checks, the hub's Authorization header), and the block and tx parsers
 * (WASM core and the TypeScript decoders). No crash (only each parser's own typed error), no hang (> 100 ms).
 * Seeded mutation loop (test/reliability/mutator.ts) over real seeds; FUZZ_N changes the count.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzz } from './mutator.ts';
import { xmlrpc as X } from '../../bindings/routing/atlas/index.ts';
import { RoutingError } from '../../bindings/routing/errors.ts';
import { parseZoneFile } from '../../bindings/routing/zonefile/index.ts';
import { classifyZoneFile } from '../../bindings/routing/zonefile/classify.ts';
import { decodeJwt, signJwt } from '../../bindings/base/jwt.ts';
import { BaseError } from '../../bindings/base/errors.ts';
import { checkAuthRequest, makeAuthRequest } from '../../bindings/auth/auth-request.ts';
import { validateAuthorization } from '../../bindings/storage/hub/auth-token.ts';
import { makeAuthToken } from '../../bindings/storage/client/hub-connection.ts';
import { StorageError } from '../../bindings/storage/errors.ts';
import { parseBlock } from '../../bindings/core/block.ts';
import { parseTx } from '../../bindings/core/tx.ts';
import { CoreError } from '../../bindings/core/errors.ts';
import { decodeBlock, encodeBlock } from '../../bindings/chain/block.ts';
import { decodeTx, encodeTx } from '../../bindings/chain/tx.ts';
import { ChainError } from '../../bindings/chain/errors.ts';

const N = Number(process.env.FUZZ_N ?? 100_000);
const enc = (s: string) => new TextEncoder().encode(s);
const dec = new TextDecoder();
const SHARED = new URL('../../../shared/', import.meta.url);
const KEY = 'a5c61c6ca7b3e7e55edee68566aeab22e4da26baa285c7bd10e8d2218aa3b229';

function check(name: string, r: ReturnType<typeof fuzz>, rejects = true) {
  console.log(`${name}: ${r.inputs} inputs, ${r.accepted} accepted, ${r.rejected} rejected, slowest ${r.slowestMs.toFixed(1)} ms`);
  expect(r.findings).toEqual([]);
  expect(r.inputs).toBeGreaterThanOrEqual(N);
  expect(r.accepted).toBeGreaterThan(0);
  if (rejects) expect(r.rejected).toBeGreaterThan(0);
}

describe(`parser fuzzing, ${N} inputs each`, () => {
  it('XML-RPC reader', () => {
    const seeds = [
      X.encodeMethodCall('get_zonefiles', [['0123456789abcdef0123456789abcdef01234567']]),
      X.encodeMethodCall('put_zonefiles', [['JE9SSUdJTiB4LmlkCg==']]),
      X.encodeMethodCall('m', ['a<b&c>"d', 42, -7, 1.5, true, null, new Uint8Array([0, 1, 255]), [1, ['x']], { k: 'v' }]),
      X.encodeMethodResponse('{"status": true, "inv": "AAAA"}'),
      X.encodeFault(3, 'boom'),
      "<?xml version='1.0'?>\n<!-- c --><methodResponse><params><param><value><string><![CDATA[a<b]]>&amp;&#x263A;</string></value></param></params></methodResponse>",
    ].map(enc);
    const dict = ['<value>', '</value>', '<struct>', '<member>', '<name>', '<array><data>', '</data></array>', '<![CDATA[', ']]>', '<!--', '-->', '&amp;', '&#x', '&#', '<!DOCTYPE', '<?', '?>', '<nil/>', '<base64>', '<int>', '<i8>'];
    check('xml-rpc', fuzz({ seed: 1, count: N, seeds, dict, maxLen: 4096, target: (b) => {
      const s = dec.decode(b);
      try { X.decodeMethodCall(s); } catch (e) { if (!(e instanceof RoutingError)) throw e; }
      X.decodeMethodResponse(s);
    }, allowed: (e) => e instanceof RoutingError }));
  }, 600_000);

  it('zone-file parser (never throws)', () => {
    const sample = JSON.parse(readFileSync(new URL('vectors/zonefiles/zonefiles_sample.json', SHARED), 'utf8')) as { zonefiles: { text: string }[] };
    const seeds = sample.zonefiles.slice(0, 60).map((z) => enc(z.text));
    const dict = ['$ORIGIN ', '$TTL ', ' IN ', ' URI ', ' TXT ', ' SOA ', '(', ')', '"', '\\"', ';', '\n', '\r\n', '\t', '_http._tcp', '__proto__'];
    check('zone file', fuzz({ seed: 2, count: N, seeds, dict, maxLen: 40_960, target: (b) => {
      const t = dec.decode(b);
      const z = parseZoneFile(t);
      if (!z || typeof z !== 'object') throw new Error('no object');
      classifyZoneFile(t);
    }, allowed: () => false }), false);
  }, 600_000);

  it('JWT and token parsing (decodeJwt, authRequest checks, hub Authorization header)', () => {
    const now = Math.floor(Date.now() / 1000);
    const authReq = makeAuthRequest({ transitPrivateKey: KEY, appDomain: 'http://app.example' });
    const hubTok = makeAuthToken(JSON.stringify(['gaiahub', '0', 'hub.example', 'blockstack_storage_please_sign']), 'https://hub.example', KEY);
    const plain = signJwt({ iss: 'did:btc-addr:1x', iat: now, exp: now + 3600, nested: { a: [1, 2, { b: 'c' }] } }, KEY);
    const seeds = [authReq, hubTok, `bearer ${hubTok}`, plain, 'eyJ0eXAiOiJKV1QifQ.e30.', 'v1:a.b.c'].map(enc);
    const dict = ['.', 'v1:', 'bearer ', 'eyJ', '=', '-', '_', '+', '/', 'e30', 'null', 'W10'];
    const opts = { serverName: 'hub.example', requireCorrectHubUrl: true, validHubUrls: ['https://hub.example'], whitelist: null, now };
    check('jwt/token', fuzz({ seed: 3, count: N, seeds, dict, maxLen: 8192, target: (b) => {
      const s = dec.decode(b);
      const r = checkAuthRequest(s, now); // never throws
      if (typeof r.ok !== 'boolean') throw new Error('no verdict');
      try { validateAuthorization(s, '1BHx2ykWDm8J8vcWXVmrfGV8ujxTGSfAjo', opts); } catch (e) { if (!(e instanceof StorageError)) throw e; }
      decodeJwt(s.startsWith('v1:') ? s.slice(3) : s);
    }, allowed: (e) => e instanceof BaseError }));
  }, 600_000);

  const realBlocks = ['block413567.raw', 'block702861.raw'].map((f) => decodeBlock(new Uint8Array(readFileSync(new URL(`data/${f}`, SHARED)))));
  const txSeeds = realBlocks.flatMap((b) => [b.txs[0], b.txs[1], b.txs[2], b.txs[b.txs.length - 1]]).map((t) => encodeTx(t));
  const blockSeeds = realBlocks.flatMap((b) => [encodeBlock({ header: b.header, txs: b.txs.slice(0, 3) }), encodeBlock({ header: b.header, txs: [b.txs[0]] })]);

  it('block parsers (WASM core parseBlock, chain decodeBlock)', () => {
    check('block', fuzz({ seed: 4, count: N, seeds: blockSeeds, dict: [], maxLen: 16_384, target: (b) => {
      try { decodeBlock(b); } catch (e) { if (!(e instanceof ChainError)) throw e; }
      parseBlock(b);
    }, allowed: (e) => e instanceof CoreError }));
  }, 600_000);

  it('tx parsers (WASM core parseTx, chain decodeTx)', () => {
    check('tx', fuzz({ seed: 5, count: N, seeds: txSeeds, dict: [], maxLen: 8192, target: (b) => {
      try { decodeTx(b); } catch (e) { if (!(e instanceof ChainError)) throw e; }
      parseTx(b);
    }, allowed: (e) => e instanceof CoreError }));
  }, 600_000);
});
