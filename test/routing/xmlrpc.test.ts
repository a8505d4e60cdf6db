/** XML-RPC codec: round trips, escaping, faults; the wire the npm `xmlrpc` client produces is parsed. */
import { describe, it, expect } from 'vitest';
import xmlrpc from 'xmlrpc';
import { xmlrpc as X, AtlasClient } from '../../bindings/routing/atlas/index.ts';
import { RoutingError } from '../../bindings/routing/errors.ts';

describe('xmlrpc codec', () => {
  it('round-trips every value type, escaping included', () => {
    const v = ['a<b&c>"d\'', 42, -7, 1.5, true, false, null, new Uint8Array([0, 1, 255]), [1, ['x']], { k: 'v', 'n<': [] }, 'ünïcödé ✓'];
    const call = X.decodeMethodCall(X.encodeMethodCall('m', v as any));
    expect(call.method).toBe('m');
    expect(call.params).toEqual(v);
    expect(X.decodeMethodResponse(X.encodeMethodResponse('{"x":"<&>"}'))).toBe('{"x":"<&>"}');
  });
  it('faults become E_ATLAS_RPC errors; garbage becomes E_XMLRPC_PARSE', () => {
    expect(() => X.decodeMethodResponse(X.encodeFault(3, 'boom'))).toThrow(/fault 3: boom/);
    try { X.decodeMethodCall('<methodCall><params>'); } catch (e) { expect((e as RoutingError).code).toBe('E_XMLRPC_PARSE'); }
    expect(() => X.decodeMethodCall('<methodCall><methodName>m</methodName><params><param><value><int>x</int></value></param></params></methodCall>')).toThrow(RoutingError);
  });
  it('parses what the npm xmlrpc client writes', async () => {
    const bodies: string[] = [];
    const http = await import('node:http');
    const srv = http.createServer((req, res) => {
      let b = '';
      req.on('data', (d) => (b += d));
      req.on('end', () => { bodies.push(b); res.setHeader('content-type', 'text/xml'); res.end(X.encodeMethodResponse('{"status": true}')); });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as { port: number }).port;
    const c = xmlrpc.createClient({ host: '127.0.0.1', port, path: '/RPC2' });
    const params = [0, 524288, ['ab'.repeat(20)], 'a&b', true, { x: 1.25 }];
    const r = await new Promise((res, rej) => c.methodCall('get_zonefiles', params, (e: Error, v: unknown) => (e ? rej(e) : res(v))));
    srv.close();
    expect(r).toBe('{"status": true}');
    expect(X.decodeMethodCall(bodies[0])).toEqual({ method: 'get_zonefiles', params });
  });
  it('the client rejects an inventory longer than asked and over-cap replies', async () => {
    const http = await import('node:http');
    const srv = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(X.encodeMethodResponse(JSON.stringify({ status: true, inv: Buffer.alloc(8).toString('base64') }))));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const hp = `127.0.0.1:${(srv.address() as { port: number }).port}`;
    await expect(new AtlasClient(hp).getInventory(0, 4)).rejects.toThrow(/asked 4/);
    await expect(new AtlasClient(hp, { maxReplyBytes: 50 }).ping()).rejects.toMatchObject({ code: 'E_ATLAS_REPLY_TOO_LARGE' });
    srv.close();
  });
});
