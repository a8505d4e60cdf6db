import { describe, expect, it } from 'vitest';
import { createApp } from '../../bindings/api/app.ts';
import { fakeView, ZF, ZF_HASH, BAD_HASH } from '../fixtures/api/fake-view.ts';

const app = createApp(fakeView());
const get = async (p: string) => { const r = await app.request(p); const t = await r.text(); let body: any = t; try { body = JSON.parse(t); } catch { /* raw */ } return { status: r.status, body, type: r.headers.get('content-type'), cors: r.headers.get('access-control-allow-origin') }; };

describe('REST v1 shapes and documented errors (naming.md §4)', () => {
  it('node', async () => {
    expect(await get('/v1/node/ping')).toMatchObject({ status: 200, body: { status: 'alive', version: '21.0.0.0' }, cors: '*' });
    expect((await get('/v1/ping')).body.status).toBe('alive');
    const i = await get('/v1/info');
    expect(i.body).toEqual({ consensus: 'a55d440eb192a1857739b0e0742fd312', first_block: 373601, indexing: false, last_block_processed: 601574, last_block_seen: 601580, server_alive: true, server_version: '21.0.0.0', testnet: false, zonefile_count: 2 });
    const stale = await (await createApp(fakeView({ lastBlockSeen: 602000 })).request('/v1/info')).json();
    expect(stale.stale).toBe(true);
    expect(stale.warning).toBe('Daemon is behind the chain tip.  Do not rely on it for fresh information.');
  });
  it('names', async () => {
    expect((await get('/v1/names?page=0')).body).toEqual(['muneeb.id', 'nozf.id', 'weird.id']);
    expect((await get('/v1/names?page=0&all=true')).body).toContain('old.id');
    expect(await get('/v1/names')).toMatchObject({ status: 400, body: { error: 'page= argument required' } });
    expect(await get('/v1/names?page=x')).toMatchObject({ status: 400, body: { error: 'Invalid page= value' } });
    const m = await get('/v1/names/muneeb.id');
    expect(m.type).toMatch(/application\/json/);
    expect(m.body).toEqual({ address: '1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs', blockchain: 'bitcoin', expire_block: 599266, grace_period: false, last_txid: '1e'.repeat(32), renewal_deadline: 604266, resolver: null, status: 'registered', zonefile: new TextDecoder().decode(ZF), zonefile_hash: ZF_HASH });
    expect((await get('/v1/names/nozf.id')).body).toMatchObject({ status: 'revoked', zonefile: null, zonefile_hash: null });
    expect(await get('/v1/names/unknown.id')).toMatchObject({ status: 404, body: { status: 'available' } });
    expect((await get('/v1/names/old.id')).status).toBe(404);
    expect((await get('/v1/names/old.id')).body.error).toMatch(/expired/);
    expect(await get('/v1/names/Bad$Name')).toMatchObject({ status: 400, body: { error: 'Invalid name or subdomain' } });
  });
  it('zone files', async () => {
    expect((await get('/v1/names/muneeb.id/zonefile')).body).toEqual({ zonefile: new TextDecoder().decode(ZF) });
    const raw = await get('/v1/names/muneeb.id/zonefile?raw=1');
    expect(raw.type).toBe('application/octet-stream');
    expect(await get('/v1/names/nozf.id/zonefile')).toMatchObject({ status: 404, body: { error: 'No zone file for name' } });
    expect(await get('/v1/names/weird.id/zonefile')).toMatchObject({ status: 400, body: { error: 'Non-standard zone file.  Try passing raw=1 to get the raw zone file.' } });
    expect((await get(`/v1/names/muneeb.id/zonefile/${ZF_HASH}`)).body.zonefile).toBe(new TextDecoder().decode(ZF));
    expect((await get(`/v1/names/muneeb.id/zonefile/${BAD_HASH}`)).status).toBe(204);
    expect(await get(`/v1/names/muneeb.id/zonefile/${'dd'.repeat(20)}`)).toMatchObject({ status: 404, body: { error: 'Blockstack does not have this zonefile.  Try again later.' } });
    expect(await get(`/v1/names/muneeb.id/zonefile/${'ee'.repeat(20)}`)).toMatchObject({ status: 404, body: { error: 'No such zonefile' } });
    expect(await get('/v1/names/muneeb.id/zonefile/xyz')).toMatchObject({ status: 400, body: { error: 'Invalid zone file hash' } });
    expect((await get(`/v1/zonefiles/${ZF_HASH}`)).type).toBe('application/octet-stream');
    expect(await get(`/v1/zonefiles/${'ee'.repeat(20)}`)).toMatchObject({ status: 404, body: { error: 'Blockstack node does not have this zonefile.  Try again later.' } });
    expect(await get('/v1/zonefiles/nothex')).toMatchObject({ status: 400, body: { error: 'Invalid zone file hash' } });
    const post = await app.request('/v1/zonefile', { method: 'POST', body: JSON.stringify({ zonefile: '$ORIGIN a.id\n' }), headers: { 'content-type': 'application/json' } });
    expect((await post.json()).status).toBe(true);
    const bad = await app.request('/v1/zonefile', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });
  it('history', async () => {
    expect((await get('/v1/names/muneeb.id/history')).body).toEqual({ 373821: [{ name: 'muneeb.id', opcode: 'NAME_IMPORT', op: ';' }], 373900: [{ name: 'muneeb.id', opcode: 'NAME_UPDATE', op: '+' }] });
    expect(await get('/v1/names/muneeb.id/history?page=-1')).toMatchObject({ status: 400, body: { error: 'Invalid page' } });
    expect(await get('/v1/names/unknown.id/history')).toMatchObject({ status: 404, body: { error: 'No such name' } });
  });
  it('namespaces, addresses, consensus, prices', async () => {
    expect((await get('/v1/namespaces')).body).toEqual({ namespaces: ['id'] });
    expect((await get('/v1/namespaces/id')).body.namespace_id).toBe('id');
    expect(await get('/v1/namespaces/nope')).toMatchObject({ status: 404, body: { error: 'No such namespace' } });
    expect((await get('/v1/namespaces/id/names?page=0')).body).toHaveLength(4);
    expect((await get('/v1/namespaces/id/names')).status).toBe(400);
    expect(await get('/v1/namespaces/nope/names?page=0')).toMatchObject({ status: 404, body: { error: 'No such namespace' } });
    expect((await get('/v1/addresses/bitcoin/1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs')).body).toEqual({ names: ['muneeb.id', 'weird.id'] });
    expect(await get('/v1/addresses/ethereum/0xabc')).toMatchObject({ status: 404, body: { error: 'Unsupported blockchain' } });
    expect(await get('/v1/addresses/bitcoin/0OIl')).toMatchObject({ status: 400, body: { error: 'Invalid address' } });
    expect((await get('/v1/blockchains/bitcoin/consensus')).body).toEqual({ consensus_hash: 'a55d440eb192a1857739b0e0742fd312' });
    expect(await get('/v1/blockchains/bitcoin/consensus/10000000')).toMatchObject({ status: 503, body: { error: 'The node has not processed block 10000000' } });
    expect((await get('/v1/blockchains/bitcoin/consensus-block/a55d440eb192a1857739b0e0742fd312')).body).toEqual({ block_height: 601574 });
    expect((await get('/v1/blockchains/bitcoin/name_count')).body).toEqual({ names_count: 3 });
    expect((await get('/v1/prices/names/muneeb.id')).body).toEqual({ name_price: { satoshis: 100000, units: 'BTC', amount: '100000' } });
    expect((await get('/v2/prices/names/muneeb.id')).body).toEqual({ name_price: { units: 'BTC', amount: '100000' } });
    expect((await get('/v1/prices/namespaces/id')).body).toEqual({ satoshis: 4000000000, units: 'BTC', amount: '4000000000' });
    expect(await get('/v1/prices/names/nodot')).toMatchObject({ status: 400, body: { error: 'Invalid name' } });
    expect(await get('/v1/prices/namespaces/NOPE!')).toMatchObject({ status: 400, body: { error: 'Invalid namespace' } });
  });
  it('CORS preflight and unknown routes', async () => {
    const pre = await app.request('/v1/names/muneeb.id', { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(await get('/v9/nothing')).toMatchObject({ status: 404, body: { error: 'Not found' } });
  });
});
