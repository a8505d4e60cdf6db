import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { createDemo, demoZonefile, opsFor } from '../../bindings/node/demo.ts';
import { zoneFileHash } from '../../bindings/base/hash.ts';

const home = mkdtempSync(join(tmpdir(), 'bsk-node-'));
const cfg = () => loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0, mining: 'instant' } }, { BLOCKSTACK_HOME: home });
let node: BlockstackNode;
const get = async (p: string) => { const r = await fetch(node.apiUrl + p); return { status: r.status, body: await r.json().catch(() => null), headers: r.headers }; };

describe('node on the embedded devnet', () => {
  beforeAll(async () => { node = await BlockstackNode.start(cfg(), { logToStderr: 'silent' }); }, 60_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('creates the demo namespace and names through real operations', async () => {
    const t0 = Date.now();
    const r = await createDemo(node);
    expect(r.created).toBe(true);
    expect(Date.now() - t0).toBeLessThan(25_000);
    const a = await get('/v1/names/alice.id');
    expect(a.status).toBe(200);
    expect(a.headers.get('access-control-allow-origin')).toBe('*');
    expect(Object.keys(a.body).sort()).toEqual(['address', 'blockchain', 'expire_block', 'grace_period', 'last_txid', 'renewal_deadline', 'resolver', 'status', 'zonefile', 'zonefile_hash']);
    expect(a.body.status).toBe('registered');
    expect(a.body.blockchain).toBe('bitcoin');
    expect(a.body.zonefile_hash).toBe(zoneFileHash(new TextEncoder().encode(a.body.zonefile)));
    expect((await get('/v1/namespaces')).body).toEqual({ namespaces: ['id'] });
    expect((await get('/v1/names?page=0')).body).toEqual(['alice.id', 'bob.id']);
    const owner = await get(`/v1/addresses/bitcoin/${a.body.address}`);
    expect(owner.body).toEqual({ names: ['alice.id'] });
    const hist = await get('/v1/names/alice.id/history');
    const entries = Object.values(hist.body as Record<string, any[]>).flat();
    expect(entries.at(-1).opcode).toBe('NAME_REGISTRATION');
    expect((await get('/v1/names/nobody.id')).body).toEqual({ status: 'available' });
    expect((await get('/v1/names/BAD!')).status).toBe(400);
    expect((await get('/v1/names')).body).toEqual({ error: 'page= argument required' });
    const info = await get('/v1/info');
    expect(info.body.last_block_processed).toBe(node.devnet!.chain.height);
    expect(info.body.consensus).toMatch(/^[0-9a-f]{32}$/);
    expect((await get('/v1/prices/names/alice.id')).body.name_price.units).toBe('BTC');
    expect((await get('/v1/namespaces/id')).body.ready).toBe(true);
    const m = await fetch(node.apiUrl + '/metrics').then((x) => x.text());
    expect(m).toMatch(/blockstack_block_height \d+/);
  }, 60_000);

  it('update, transfer, revoke, and a reorg that the indexer rolls back', async () => {
    const ops = opsFor(node);
    const owners = (await import('../../bindings/node/demo.ts')).demoOwners((n, a) => `${node.apiUrl}/hub/${a}/profile.json`);
    const bob = owners[1].account;
    const zf = demoZonefile('bob.id', 'https://example.org/bob.json');
    await ops.update(bob, 'bob.id', zoneFileHash(zf));
    expect(node.zonefiles.put(zf).saved).toBe(true);
    expect((await get('/v1/names/bob.id')).body.zonefile_hash).toBe(zoneFileHash(zf));
    expect((await get(`/v1/names/bob.id/zonefile/${zoneFileHash(zf)}`)).body).toEqual({ zonefile: new TextDecoder().decode(zf) });
    const ms = node.devnet!.keyring.multisig(7);
    await ops.fund(node.devnet!.miner, ms.address, 10n ** 8n);
    await ops.transfer(bob, 'bob.id', ms.address, true);
    expect((await get('/v1/names/bob.id')).body.address).toBe(ms.address);
    // the multisig owner revokes it (P2SH sender)
    const before = node.indexer.height;
    await ops.revoke(ms, 'bob.id');
    expect((await get('/v1/names/bob.id')).body.status).toBe('revoked');
    // reorg the revoke away: the devnet puts it back in the mempool and mines it again (instant mining)
    const reorgsBefore = (await node.metrics.reorgs.get()).values[0]?.value ?? 0;
    node.devnet!.setMining('manual');
    node.devnet!.chain.reorg(node.devnet!.chain.height - before + 0, node.devnet!.miner.script);
    await node.waitForHeight(node.devnet!.chain.height);
    expect((await get('/v1/names/bob.id')).body.status).toBe('registered');
    expect((await node.metrics.reorgs.get()).values[0]?.value).toBe(reorgsBefore + 1);
    node.devnet!.mine(1);
    await node.waitForHeight(node.devnet!.chain.height);
    expect((await get('/v1/names/bob.id')).body.status).toBe('revoked');
  }, 60_000);

  it('resumes from disk on a second start', async () => {
    const h = node.indexer.height;
    await node.stop();
    node = await BlockstackNode.start(cfg(), { logToStderr: 'silent' });
    expect(node.indexer.height).toBe(h);
    expect((await createDemo(node)).created).toBe(false);
    expect((await get('/v1/names/alice.id')).body.status).toBe('registered');
  }, 60_000);
});
