/**
 * @module virtualchain/codec — small byte/text helpers shared by the state machine: hex, hash160,
 * hash128, base58check addresses, base-40 and Python-2 `str()` rendering of values (consensus.md §2.2).
 */
import { toHex, fromHex, ascii, concat, hash160, hash128Hex as hash128HexOf, base58checkEncode, base58checkDecode, b40Bytes, b40FromBytes, isB40 } from '../base/index.ts';

// hex, hashes and base58check are the base layer's (bindings/base); re-exported for the state machine.
export { toHex, fromHex, ascii, concat, hash160, base58checkEncode, base58checkDecode };
// base-40 is the base layer's too (base/b40.ts; a bad character is BaseError E_BAD_NAME).
export { b40Bytes, b40FromBytes, isB40 };
/** hash128(x) = SHA256(x)[0..16], as hex (core SHA-256). */
export const hash128Hex = (s: string): string => hash128HexOf(s);

export interface NetworkVersions { p2pkhVersion: number; p2shVersion: number }

/** Memo per network (keyed by its two version bytes, so no key string is built per call): script hex → address. */
const addrCaches = new Map<number, Map<string, string | null>>();

/** Address of a p2pkh / p2sh output script (hex), or null for any other script (memoized; base58 is slow). */
export function scriptToAddress(scriptHex: string, net: NetworkVersions): string | null {
  const nk = net.p2pkhVersion * 256 + net.p2shVersion;
  let cache = addrCaches.get(nk);
  if (!cache) addrCaches.set(nk, (cache = new Map()));
  let a = cache.get(scriptHex);
  if (a === undefined) {
    a = scriptToAddressUncached(scriptHex, net);
    if (cache.size >= 100_000) cache.clear();
    cache.set(scriptHex, a);
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
