/**
 * Differential test: 20,000 generated well-formed zone files (random record mixes, spacing, optional class and
 * TTL, case of keywords, comments, blank lines) parse to the same JSON as the npm `zone-file` package, and
 * parse ∘ make is the identity on what we parse.
 */
import { describe, it, expect } from 'vitest';
import * as ref from 'zone-file';
import { parseZoneFile, makeZoneFile } from '../../bindings/index.ts';

let seed = 12345;
function rnd(n: number): number { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
}
const pick = <T>(a: T[]): T => a[rnd(a.length)];
const sep = () => pick([' ', '\t', '  ', ' \t']);
const label = () => pick(['@', 'www', 'mail', '_http._tcp', '_https._tcp', '_file', '_dht._udp', '_resolver', 'alice', 'bob-1', 'x_y']);
const word = () => Array.from({ length: 1 + rnd(12) }, () => pick([...'abcdefghijklmnopqrstuvwxyz0123456789-_/.:=+'])).join('');
const cls = () => pick(['', 'IN' + sep()]);
const ttl = () => pick(['', '', `${rnd(100000)}${sep()}`]);
const kw = (k: string) => (rnd(4) === 0 ? k.toLowerCase() : k);

function line(): string {
  const own = label();
  const head = own + sep() + ttl() + cls();
  switch (rnd(8)) {
    case 0: return head + kw('URI') + sep() + rnd(100) + sep() + rnd(10) + sep() + `"https://${word()}/${word()}"`;
    case 1: return head + 'TXT' + sep() + pick([`"${word()}"`, `"${word()} ${word()}"`, `""`]);
    case 2: return head + 'TXT' + sep() + Array.from({ length: 2 + rnd(4) }, () => `"${word()}=${word()}"`).join(' ');
    case 3: return head + 'A' + sep() + `${rnd(256)}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
    case 4: return head + 'CNAME' + sep() + word() + '.';
    case 5: return head + 'MX' + sep() + rnd(50) + sep() + 'mx.' + word() + '.';
    case 6: return head + 'NS' + sep() + 'ns.' + word() + '.';
    default: return head + 'SRV' + sep() + rnd(10) + sep() + rnd(10) + sep() + rnd(65536) + sep() + word() + '.';
  }
}

function zonefile(): string {
  const lines = [`$ORIGIN ${word()}.id`];
  if (rnd(3)) lines.push(`$TTL ${rnd(100000)}`);
  const n = rnd(8);
  for (let i = 0; i < n; i++) {
    lines.push(line() + (rnd(6) === 0 ? ' ; comment ' + word() : ''));
    if (rnd(8) === 0) lines.push('');
  }
  return lines.join(pick(['\n', '\n', '\r\n'])) + pick(['', '\n', '\n\n']);
}

const norm = (o: unknown) => JSON.parse(JSON.stringify(o));

describe('differential: our parser vs npm zone-file', () => {
  it('20,000 generated zone files', () => {
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = zonefile();
      const ours = norm(parseZoneFile(t));
      expect(ours, t).toEqual(norm(ref.parseZoneFile(t)));
      expect(norm(parseZoneFile(makeZoneFile(ours)))).toEqual(ours);
      checked++;
    }
    expect(checked).toBe(20_000);
  });
});
