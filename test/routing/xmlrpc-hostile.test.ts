/**
 * Issue 13 item 1: the XML-RPC reader is linear. The attack was 320 KB of "<a" posted to /RPC2 (23 s of event
 * loop); every 6 MB hostile shape below must be refused in well under 100 ms of CPU time, and the real
 * endpoint must keep answering while it is being fed.
 */
import { describe, it, expect } from 'vitest';
import { xmlrpc as X, AtlasClient } from '../../bindings/routing/atlas/index.ts';
import { RoutingError } from '../../bindings/routing/errors.ts';

const M = 6 * 1024 * 1024;
export const HOSTILE_XML: Record<string, () => string> = {
  lt_a_320k: () => '<a'.repeat(160 * 1024),
  lt_a: () => '<a'.repeat(M / 2),
  lt_value: () => '<methodCall><methodName>x</methodName><params><param>' + '<value'.repeat(M / 6),
  lt_value_open: () => '<methodCall><methodName>x</methodName><params><param>' + '<value x="'.repeat(M / 10),
  deep: () => '<methodCall><methodName>x</methodName><params><param>' + '<value><array><data>'.repeat(M / 20),
  many_elements: () => '<methodCall><methodName>x</methodName><params><param><value><array><data>' + '<value><nil/></value>'.repeat(M / 21),
  comment: () => '<methodCall><!--' + '-'.repeat(M),
  cdata: () => '<methodCall><![CDATA[' + ']'.repeat(M),
  char_refs: () => '<methodCall><methodName>' + '&#1'.repeat(M / 3),
  entities: () => '<methodCall><methodName>' + '&amp;'.repeat(M / 5) + '</methodName></methodCall>',
  pi: () => '<?' + '?'.repeat(M),
  doctype_bomb: () => '<!DOCTYPE x [<!ENTITY a "' + 'a'.repeat(1000) + '"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><methodCall>&b;</methodCall>',
  xxe: () => '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><methodCall><methodName>&e;</methodName></methodCall>',
  close_spam: () => '<methodCall>' + '</value>'.repeat(M / 8),
  slash_spam: () => '</'.repeat(M / 2),
  unknown_tag: () => '<methodCall><x' + 'y'.repeat(M),
  big_string: () => '<methodCall><methodName>x</methodName><params><param><value><string>' + 'A'.repeat(13 * 1024 * 1024) + '</string></value></param></params></methodCall>',
};

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('XML-RPC reader: linear, bounded', () => {
  for (const [name, make] of Object.entries(HOSTILE_XML)) {
    it(`refuses ${name} quickly with E_XMLRPC_PARSE`, () => {
      const body = make();
      let err: unknown;
      const run = () => cpuMs(() => { err = undefined; try { X.decodeMethodCall(body); } catch (e) { err = e; } });
      const first = run();
      const warm = Math.min(run(), run());
      expect(err).toBeInstanceOf(RoutingError);
      expect((err as RoutingError).code).toBe('E_XMLRPC_PARSE');
      // "well under 100 ms" of CPU for the 6 MB shapes: cold (first call, includes flattening the string and
      // JIT) typically < 15 ms, warm < 8 ms; bounds leave room for a loaded shared machine
      expect(first).toBeLessThan(90);
      expect(warm).toBeLessThan(40);
    });
  }

  it('time grows linearly: 8x the input costs < 20x the time', () => {
    const t = (n: number) => { const b = '<a'.repeat(n); return Math.min(...[0, 1, 2].map(() => cpuMs(() => { try { X.decodeMethodCall(b); } catch { /* expected */ } }))); };
    const small = Math.max(t(200_000), 0.5);
    expect(t(1_600_000)).toBeLessThan(small * 20);
  });

  it('struct members named __proto__ stay plain data', () => {
    const v = X.decodeMethodResponse('<methodResponse><params><param><value><struct><member><name>__proto__</name><value><struct><member><name>polluted</name><value><int>1</int></value></member></struct></value></member></struct></value></param></params></methodResponse>') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still reads what Python xmlrpc / Core write (declaration, whitespace, comments, CDATA, nil, i8)', () => {
    const xml = `<?xml version='1.0'?>\n<!-- hi -->\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n<value><string><![CDATA[a<b]]>&amp;c</string></value>\n<value>bare &#x263A;</value>\n<value><nil/></value><value><i8>9007199254740991</i8></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n`;
    expect(X.decodeMethodResponse(xml)).toEqual(['a<b&c', 'bare ☺', null, 9007199254740991]);
  });

  it('a peer reply made of "<a" fails the client fast with E_XMLRPC_PARSE (peer-exchange vector)', async () => {
    const http = await import('node:http');
    const srv = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end('<a'.repeat(1_000_000))); });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const t0 = performance.now();
    await expect(new AtlasClient(`127.0.0.1:${(srv.address() as { port: number }).port}`).ping()).rejects.toMatchObject({ code: 'E_XMLRPC_PARSE' });
    expect(performance.now() - t0).toBeLessThan(2000);
    srv.close();
  });
});
