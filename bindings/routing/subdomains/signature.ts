/**
 * @module routing/subdomains/signature — subdomain record signatures (naming.md §3.3): the plaintext, and
 * the scriptSig check against an owner address (single-sig P2PKH or m-of-n P2SH multisig, keys walked
 * forward only). Returns a reason string instead of throwing on hostile data.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeHashAddress as decodeAddress, hash160, P2PKH_VERSIONS, P2SH_VERSIONS, verifyDigest } from '../../base/index.ts';

/** 64-byte r‖s over a 32-byte digest through the core; high S accepted as Core's Python verifier does. */
const verifyDigestSignature = (sig64: Uint8Array, digest32: Uint8Array, pubkey: Uint8Array): boolean => verifyDigest(digest32, sig64, pubkey, 'compact');
import type { SubdomainRecord } from './record.ts';

const esc = (v: string): string => v.replace(/=/g, '\\=');

export function subdomainPlaintext(r: Pick<SubdomainRecord, 'name' | 'owner' | 'seqn' | 'parts' | 'chunks'>): string {
  return [r.name, 'owner=' + esc(r.owner), 'seqn=' + r.seqn, 'parts=' + r.parts, ...r.chunks.map((c, i) => `zf${i}=` + esc(c))].join(',');
}

function b64(s: string): Uint8Array | null {
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch { return null; }
}

/** Split a script into its data pushes (only push opcodes allowed; OP_0 gives an empty push). */
function pushes(script: Uint8Array): Uint8Array[] | null {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < script.length) {
    const op = script[i++];
    let n: number;
    if (op === 0) { out.push(new Uint8Array(0)); continue; }
    if (op <= 75) n = op;
    else if (op === 0x4c) { if (i >= script.length) return null; n = script[i++]; }
    else if (op === 0x4d) { if (i + 2 > script.length) return null; n = script[i] | (script[i + 1] << 8); i += 2; }
    else return null;
    if (i + n > script.length) return null;
    out.push(script.subarray(i, i + n));
    i += n;
  }
  return out;
}

const eq = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Parse `OP_m <pk>... OP_n OP_CHECKMULTISIG`. */
function parseRedeem(s: Uint8Array): { m: number; keys: Uint8Array[] } | null {
  if (s.length < 3 || s[s.length - 1] !== 0xae) return null;
  const m = s[0] - 0x50, n = s[s.length - 2] - 0x50;
  if (m < 1 || m > 16 || n < m || n > 16) return null;
  const ks = pushes(s.subarray(1, s.length - 2));
  if (!ks || ks.length !== n || ks.some((k) => k.length !== 33 && k.length !== 65)) return null;
  return { m, keys: ks };
}

/** Check `record.sig` against `address`; `{ok:true}` or `{ok:false, reason}`. */
export function checkSubdomainSignature(record: SubdomainRecord, address: string): { ok: boolean; reason?: string } {
  if (!record.sig) return { ok: false, reason: 'no signature' };
  const script = b64(record.sig);
  if (!script) return { ok: false, reason: 'signature is not base64' };
  const addr = decodeAddress(address);
  if (!addr) return { ok: false, reason: 'bad owner address' };
  const digest = sha256(new TextEncoder().encode(subdomainPlaintext(record)));
  const ps = pushes(script);
  if (!ps) return { ok: false, reason: 'signature script is not push-only' };
  if (P2PKH_VERSIONS.has(addr.version)) {
    if (ps.length !== 2 || ps[0].length !== 64) return { ok: false, reason: 'single-sig script must be <sig64> <pubkey>' };
    if (!eq(hash160(ps[1]), addr.hash)) return { ok: false, reason: 'public key does not match the owner address' };
    return verifyDigestSignature(ps[0], digest, ps[1]) ? { ok: true } : { ok: false, reason: 'signature does not verify' };
  }
  if (P2SH_VERSIONS.has(addr.version)) {
    if (ps.length < 3 || ps[0].length !== 0) return { ok: false, reason: 'multisig script must start with OP_0' };
    const redeem = ps[ps.length - 1];
    if (!eq(hash160(redeem), addr.hash)) return { ok: false, reason: 'redeem script does not match the owner address' };
    const r = parseRedeem(redeem);
    if (!r) return { ok: false, reason: 'bad redeem script' };
    const sigs = ps.slice(1, -1);
    if (sigs.length !== r.m) return { ok: false, reason: `expected ${r.m} signatures, got ${sigs.length}` };
    let k = 0;
    for (const s of sigs) {
      while (k < r.keys.length && !verifyDigestSignature(s, digest, r.keys[k])) k++;
      if (k >= r.keys.length) return { ok: false, reason: 'multisig signatures do not verify in key order' };
      k++;
    }
    return { ok: true };
  }
  return { ok: false, reason: `unsupported address version ${addr.version}` };
}

export function verifySubdomainSignature(record: SubdomainRecord, address: string): boolean {
  return checkSubdomainSignature(record, address).ok;
}
