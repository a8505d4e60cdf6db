/** Zone files: every vector hash, every parse vs the npm `zone-file` package (reference only), writer round trips. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import * as ref from 'zone-file';
import { parseZoneFile, makeZoneFile, zoneFileHash } from '../../bindings/index.ts';
import { classifyZoneFile, MAX_ZONEFILE_BYTES } from '../../bindings/routing/zonefile/index.ts';
import { sharedJson } from '../helpers/shared.ts';

const V = sharedJson('vectors/zonefiles/zonefiles_sample.json');
const norm = (o: unknown) => JSON.parse(JSON.stringify(o));

describe('zone-file vectors', () => {
  it('hash160 of every sample matches', () => {
    expect(V.zonefiles.length).toBe(300);
    for (const z of V.zonefiles) {
      expect(zoneFileHash(z.text)).toBe(z.hash);
      expect(zoneFileHash(new TextEncoder().encode(z.text))).toBe(z.hash);
      expect(new TextEncoder().encode(z.text).length).toBe(z.size);
    }
  });
  it('the worked example of naming.md §1.1', () => {
    const t = '$ORIGIN 0.id\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"https://gaia.blockstack.org/hub/1A4aeTdM35rYtUoiCiV81jKwKyi1Egzb32/profile.json"\n\n';
    expect(zoneFileHash(t)).toBe('c5f5b4197c94d4561f6332160f624d728b0da8bf');
    expect(zoneFileHash(t.replace(/\n/g, '\r\n'))).not.toBe('c5f5b4197c94d4561f6332160f624d728b0da8bf');
  });
  it('parse reproduces the recorded zone-file@1.0.0 outputs exactly (key order too)', () => {
    for (const p of V.parsed) {
      const z = V.zonefiles.find((x: any) => x.hash === p.hash);
      expect(JSON.stringify(parseZoneFile(z.text))).toBe(JSON.stringify(p.parseZoneFile));
    }
  });
  it('parse equals the npm zone-file package on all 300 samples', () => {
    for (const z of V.zonefiles) expect(norm(parseZoneFile(z.text))).toEqual(norm(ref.parseZoneFile(z.text)));
  });
});

describe('parser edge cases vs reference', () => {
  const cases = [
    '$ORIGIN a.id.\n$TTL 60\n@ 300 IN A 1.2.3.4\nwww IN CNAME a.id.\n@ IN MX 10 mail.a.id.\n@ IN NS ns1.a.id.\n',
    '$ORIGIN a.id\n_http._tcp 100 IN URI 10 1 "https://x/p.json"\n_file URI 10 1 "file:///tmp/x"\n\n\n',
    '$ORIGIN a.id\nalice TXT "owner=1abc" "seqn=0" "parts=1" "zf0=AA\\=\\="\nbob IN TXT "single"\n',
    '$ORIGIN a.id\n@ IN SOA ns.a.id. root.a.id. (\n 2017 ; serial\n 3600 ; refresh\n 600 ; retry\n 604800 ; expire\n 86400 ) ; min\n',
    '$ORIGIN a.id\n_sip._tcp IN SRV 10 60 5060 sip.a.id.\n@ IN AAAA ::1\n; only a comment\n',
    '$origin lower.id\n$ttl 10\n_http._tcp\tURI\t10\t1\t"https://x"\r\n',
  ];
  for (const [i, t] of cases.entries()) {
    it(`case ${i}`, () => expect(norm(parseZoneFile(t))).toEqual(norm(ref.parseZoneFile(t))));
  }
  it('never throws on arbitrary bytes; ; inside quotes is kept (reference would cut it)', () => {
    for (const t of ['"unterminated', '((((', '{"name":{"formatted":"x"}}', '\u0000\u0001', ')))', 'TXT']) {
      expect(() => parseZoneFile(t)).not.toThrow();
    }
    expect(parseZoneFile('$ORIGIN a\nx TXT "a;b"\n').txt![0].txt).toBe('a;b');
  });
});

describe('makeZoneFile', () => {
  it('matches the package with the @stacks/profile template', () => {
    const o = { $origin: 'muneeb.id', $ttl: 3600, uri: [{ name: '_http._tcp', priority: 10, weight: 1, target: 'https://gaia.blockstack.org/hub/1J3PUxY5uDShUnHRrMyU6yKtoHEUPhKULs/0/profile.json' }] };
    const tpl = '{$origin}\n{$ttl}\n{uri}\n';
    expect(makeZoneFile(o, tpl)).toBe(ref.makeZoneFile(o as any, tpl));
  });
  it('parses the same as the package default-template output when an SOA is given', () => {
    const o = { $origin: 'a.id', $ttl: 60, soa: { name: '@', mname: 'ns.a.id.', rname: 'r.a.id.', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 },
      a: [{ name: '@', ip: '1.2.3.4' }], txt: [{ name: 'x', txt: ['a', 'b'] }], uri: [{ name: '_http._tcp', priority: 1, weight: 1, target: 'https://x' }] };
    const full = ref.makeZoneFile(JSON.parse(JSON.stringify(o)));
    const tplOut = makeZoneFile(JSON.parse(JSON.stringify(o)));
    expect(norm(parseZoneFile(tplOut))).toEqual(norm(ref.parseZoneFile(full)));
  });
  it('round-trips every sample through parse → make → parse', () => {
    for (const z of V.zonefiles) {
      const p = parseZoneFile(z.text);
      expect(norm(parseZoneFile(makeZoneFile(p)))).toEqual(norm(p));
    }
  });
});

describe('classify (naming.md §1.4) and limits', () => {
  it('classifies', () => {
    expect(classifyZoneFile('$ORIGIN a.id\n').kind).toBe('zonefile');
    expect(classifyZoneFile('{"name":{"formatted":"A"},"v":"0.2"}').kind).toBe('legacy-json');
    expect(classifyZoneFile('{"$origin":"a.id","$ttl":3600,"uri":[]}').kind).toBe('zonefile');
    expect(classifyZoneFile('garbage ( bytes').kind).toBe('non-standard');
  });
  it('limit is 40,960', () => expect(MAX_ZONEFILE_BYTES).toBe(40960));
});
