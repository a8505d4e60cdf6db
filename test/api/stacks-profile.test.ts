/**
 * An unmodified @stacks/auth `lookupProfile`, pointed at the node's Stacks-variant prefix through
 * `zoneFileLookupURL`, resolves and verifies the profile of a demo name registered on the devnet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupProfile } from '@stacks/auth';
import { signProfileToken, wrapProfileToken } from '@stacks/profile';
import { c32address as refC32 } from 'c32check';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo } from '../../bindings/node/demo.ts';
import { devnetIdentities } from '../../bindings/wallet/devnet.ts';
import { c32address } from '../../bindings/base/c32.ts';
import { fromHex } from '../../bindings/chain/bytes.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-stacks-'));
let node: BlockstackNode;
let tokens: Server;
let tokenUrl = '';
const ids = devnetIdentities(['alice.id', 'bob.id']);
const profiles: Record<string, unknown> = {
  'alice.id': { '@type': 'Person', '@context': 'http://schema.org', name: 'Alice Devnet', description: 'demo profile' },
  'bob.id': { '@type': 'Person', '@context': 'http://schema.org', name: 'Bob Devnet' },
};

describe('Stacks API variant + @stacks/auth lookupProfile', () => {
  beforeAll(async () => {
    // a token-file server standing in for the storage hub: /<address>/profile.json
    tokens = createServer((req, res) => {
      const id = ids.find((i) => req.url === `/${i.ownerAddress}/profile.json`);
      if (!id) { res.writeHead(404).end(); return; }
      const token = signProfileToken(profiles[id.name], id.privateKey);
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify([wrapProfileToken(token)]));
    });
    await new Promise<void>((ok) => tokens.listen(0, '127.0.0.1', () => ok()));
    tokenUrl = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}`;
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0 } }, { BLOCKSTACK_HOME: home }), { logToStderr: 'silent' });
    await createDemo(node, { profileUrl: (_n, addr) => `${tokenUrl}/${addr}/profile.json` });
  }, 60_000);
  afterAll(async () => { await node?.stop(); tokens?.close(); rmSync(home, { recursive: true, force: true }); });

  it('c32 addresses match the reference c32check package', () => {
    for (const h of ['0000000000000000000000000000000000000000', 'a46ff88886c2ef9762d970b4d2c63678835bd39d', '00ff' + 'ee'.repeat(18)]) {
      expect(c32address(22, fromHex(h))).toBe(refC32(22, h));
      expect(c32address(20, fromHex(h))).toBe(refC32(20, h));
    }
  });

  it('serves the Stacks shape under /stacks', async () => {
    const r = await fetch(`${node.apiUrl}/stacks/v1/names/alice.id`);
    const b = await r.json();
    expect(r.status).toBe(200);
    expect(b.blockchain).toBe('stacks');
    expect(b.address).toMatch(/^SP[0-9A-Z]+$/);
    expect(b).not.toHaveProperty('resolver');
    const missing = await fetch(`${node.apiUrl}/stacks/v1/names/nobody.id`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'cannot find name nobody.id' });
    expect((await fetch(`${node.apiUrl}/stacks/v1/names?page=9`)).status).toBe(400);
  });

  it('lookupProfile verifies alice.id and bob.id through zoneFileLookupURL', async () => {
    for (const name of ['alice.id', 'bob.id']) {
      const p = await lookupProfile({ username: name, zoneFileLookupURL: `${node.apiUrl}/stacks/v1/names` });
      expect(p).toEqual(profiles[name]);
    }
  });

  it('the Core v1 shape (base58 regtest address) does not verify with lookupProfile, hence the prefix', async () => {
    await expect(lookupProfile({ username: 'alice.id', zoneFileLookupURL: `${node.apiUrl}/v1/names` })).rejects.toThrow();
    await expect(lookupProfile({ username: 'nobody.id', zoneFileLookupURL: `${node.apiUrl}/stacks/v1/names` })).rejects.toThrow();
  });
});
