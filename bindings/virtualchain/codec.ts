/**
 * @module virtualchain/codec — small byte/text helpers shared by the state machine: hex, hash160,
 * hash128, base58check addresses, base-40 and Python-2 `str()` rendering of values (consensus.md §2.2).
 */
import { toHex, fromHex, ascii, concat, hash160, hash128Hex as hash128HexOf, base58checkEncode, base58checkDecode } from '../base/index.ts';

// hex, hashes and base58check are the base layer's (bindings/base); re-exported for the state machine.
export { toHex, fromHex, ascii, concat, hash160, base58checkEncode, base58checkDecode };
/** hash128(x) = SHA256(x)[0..16], as hex (core SHA-256). */
export const hash128Hex = (s: string): string => hash128HexOf(s);

export interface NetworkVersions { p2pkhVersion: number; p2shVersion: number }

const addrCache = new Map<string, string | null>();

/** Address of a p2pkh / p2sh output script (hex), or null for any other script (memoized; base58 is slow). */
export function scriptToAddress(scriptHex: string, net: NetworkVersions): string | null {
  const key = net.p2pkhVersion + ':' + net.p2shVersion + ':' + scriptHex;
  let a = addrCache.get(key);
  if (a === undefined) {
    a = scriptToAddressUncached(scriptHex, net);
    if (addrCache.size >= 100_000) addrCache.clear();
    addrCache.set(key, a);
  }
  return a;
}

function scriptToAddressUncached(scriptHex: string, net: NetworkVersions): string | null {
  const s = scriptHex.toLowerCase();
  if (s.length === 50 && s.startsWith('76a914') && s.endsWith('88ac')) return base58checkEncode(net.p2pkhVersion, fromHex(s.slice(6, 46)));
  if (s.length === 46 && s.startsWith('a914') && s.endsWith('87')) return base58checkEncode(net.p2shVersion, fromHex(s.slice(4, 44)));
  return null;
}

export const isP2shScript = (s: string): boolean => s.length === 46 && s.startsWith('a914') && s.endsWith('87');

const B40 = '0123456789abcdefghijklmnopqrstuvwxyz-_.+';

/** b40bytes(s): base-40 big integer, minimal big-endian bytes (protocol.md §6.1). */
export function b40Bytes(s: string): Uint8Array {
  let n = 0n;
  for (const ch of s) {
    const d = B40.indexOf(ch);
    if (d < 0) throw new RangeError(`"b40" invalid character ${JSON.stringify(ch)}`);
    n = n * 40n + BigInt(d);
  }
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return fromHex(h);
}

export function b40FromBytes(b: Uint8Array): string {
  let n = BigInt('0x' + (toHex(b) || '0'));
  if (n === 0n) return '0';
  let s = '';
  while (n > 0n) { s = B40[Number(n % 40n)] + s; n /= 40n; }
  return s;
}

export const isB40 = (s: string): boolean => /^[a-z0-9\-_.+]*$/.test(s);

/** Python 2 `str(float)`: `%.12g`, then `.0` if there is neither `.` nor `e`. */
export function pyFloatStr(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  let s: string;
  let e = Number(x.toExponential(11).split('e')[1]);
  if (e < -4 || e >= 12) {
    const [m, ee] = x.toExponential(11).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    e = Number(ee);
    s = `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  } else {
    s = x.toFixed(Math.max(0, 11 - e));
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  if (!s.includes('.') && !s.includes('e')) s += '.0';
  return s;
}
