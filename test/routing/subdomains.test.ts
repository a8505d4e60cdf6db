/** Subdomains: the shared vectors (real genesis domains, signed cases, sequences) and generated update chains. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import {
  decodeDomainZoneFile, subdomainPlaintext, checkSubdomainSignature, SubdomainIndexer, recordView, lookupSubdomain,
  encodeAddress, type SubdomainRecord,
} from '../../bindings/routing/subdomains/index.ts';
import { hash160 } from '../../bindings/base/index.ts';
import { openSqlite } from '../../bindings/routing/store/sqlite.ts';
import { zoneFileHash } from '../../bindings/index.ts';
import { sharedJson } from '../helpers/shared.ts';

const V = sharedJson('vectors/zonefiles/subdomains.json');
const caseById = (id: string) => V.cases.find((c: any) => c.id === id);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('real genesis domains', () => {
  for (const d of V.real) {
    it(d.domain, () => {
      expect(zoneFileHash(d.domain_zonefile)).toBe(d.domain_zonefile_hash);
      const info = decodeDomainZoneFile(d.domain_zonefile, d.domain);
      expect(info.resolver).toBe(d.resolver);
      expect(info.records.map((r) => ({
        zonefile_offset: r.zonefile_offset, is_subdomain_record: true, name: r.name, fqn: r.fqn, independent: r.independent,
        owner: r.owner, seqn: r.seqn, parts: r.parts, zonefile: r.zonefile, zonefile_hash: r.zonefile_hash, sig: r.sig, accepted: true,
      }))).toEqual(d.records);
    });
  }
});

describe('generated cases: parse, plaintext, digest, signature', () => {
  for (const c of V.cases) {
    it(c.id, () => {
      const info = decodeDomainZoneFile(c.domain_zonefile, c.domain);
      const r = info.records.find((x) => x.fqn === c.parsed.fqn) as SubdomainRecord;
      expect(r).toBeTruthy();
      for (const k of ['name', 'fqn', 'independent', 'owner', 'seqn', 'parts', 'zonefile', 'zonefile_hash', 'sig']) expect((r as any)[k]).toEqual(c.parsed[k]);
      expect(subdomainPlaintext(r)).toBe(c.plaintext_to_sign);
      expect(hex(sha256(new TextEncoder().encode(subdomainPlaintext(r))))).toBe(c.sha256_of_plaintext);
      if (c.verify_against_address) {
        const res = checkSubdomainSignature(r, c.verify_against_address);
        expect(res.ok).toBe(c.signature_valid);
      }
    });
  }
});

describe('sequences (chain-order acceptance)', () => {
  for (const s of V.sequences) {
    it(s.id, () => {
      const ix = new SubdomainIndexer(openSqlite());
      for (const st of s.steps) {
        const c = caseById(st.record);
        ix.processZoneFile({ domain: c.domain, zonefile: c.domain_zonefile, zonefile_hash: zoneFileHash(c.domain_zonefile),
          parent_zonefile_index: st.parent_zonefile_index, txid: `tx${st.parent_zonefile_index}`, block_height: 100 + st.parent_zonefile_index });
      }
      for (const [fqn, exp] of Object.entries<any>(s.expected)) {
        expect(ix.history(fqn).map((r) => !!r.accepted)).toEqual(exp.accepted_steps);
        const cur = ix.current(fqn);
        if (exp.final === null) expect(cur).toBeNull();
        else expect({ owner: cur!.owner, seqn: cur!.sequence, zonefile_hash: cur!.zonefile_hash }).toEqual(exp.final);
      }
    });
  }
  it('duplicate in one zone file: lowest seqn kept', () => {
    const d = V.duplicate_in_one_zonefile;
    const info = decodeDomainZoneFile(d.domain_zonefile, 'example.id');
    expect(info.records.map((r) => ({ fqn: r.fqn, seqn: r.seqn }))).toEqual(d.expected.kept);
  });
  it('non-records and reserved names are skipped; _resolver and _missing read', () => {
    const d = V.non_records;
    const info = decodeDomainZoneFile(d.domain_zonefile, d.domain);
    expect(info.records).toEqual(d.expected.subdomain_records);
    expect(info.resolver).toBe(d.expected.resolver);
    expect(info.missing).toEqual(d.expected.missing_zonefile_indexes);
  });
  it('independent seqn=0 record is never an initial registration', () => {
    const c = caseById('independent-seqn0');
    const ix = new SubdomainIndexer(openSqlite());
    ix.processZoneFile({ domain: c.domain, zonefile: c.domain_zonefile, zonefile_hash: 'x', parent_zonefile_index: 0, txid: 't', block_height: 1 });
    expect(ix.current(c.parsed.fqn)).toBeNull();
  });
});

// ---- generated update chains ----
function keypair(seed: number) {
  const priv = sha256(new TextEncoder().encode(`key-${seed}`));
  const pub = secp256k1.getPublicKey(priv, true);
  return { priv, pub, address: encodeAddress(0, hash160(pub)) };
}
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
function txtFor(label: string, owner: string, seqn: number, zf: string, signer?: { priv: Uint8Array; pub: Uint8Array }): string {
  const enc = b64(new TextEncoder().encode(zf));
  const chunks = enc.match(/.{1,250}/g)!;
  const rec = { name: label, owner, seqn, parts: chunks.length, chunks };
  let line = `${label} TXT "owner=${owner}" "seqn=${seqn}" "parts=${chunks.length}" ${chunks.map((c, i) => `"zf${i}=${c}"`).join(' ')}`;
  if (signer) {
    const digest = sha256(new TextEncoder().encode(subdomainPlaintext(rec)));
    const sig = secp256k1.sign(digest, signer.priv, { prehash: false, format: 'compact' });
    const script = new Uint8Array([0x40, ...sig, 0x21, ...signer.pub]);
    line += ` "sig=${b64(script)}"`;
  }
  return line;
}

describe('generated update chains', () => {
  const keys = Array.from({ length: 6 }, (_, i) => keypair(i));
  // alice: 0 → 1 → ... → 8, transferred between keys; bob: 0 then a bad update and a gap; carol: big zone file (multi-part)
  const zonefiles: string[] = [];
  const owners: string[] = [];
  for (let s = 0; s <= 8; s++) {
    const owner = keys[(s + 1) % keys.length].address;
    const signer = s === 0 ? undefined : keys[s % keys.length];
    const lines = [txtFor('alice', owner, s, `$ORIGIN alice\n$TTL 3600\n_http._tcp URI 10 1 "https://h/${s}/profile.json"\n`, signer)];
    if (s === 0) lines.push(txtFor('bob', keys[0].address, 0, '$ORIGIN bob\n'), txtFor('carol', keys[0].address, 0, '$ORIGIN carol\n' + 'x'.repeat(700) + '\n'));
    if (s === 1) lines.push(txtFor('bob', keys[1].address, 1, '$ORIGIN bob\n', keys[2])); // wrong signer
    if (s === 2) lines.push(txtFor('bob', keys[1].address, 2, '$ORIGIN bob\n', keys[0])); // gap (0 → 2)
    zonefiles.push(`$ORIGIN chain.id\n$TTL 3600\n${lines.join('\n')}\n`);
    owners.push(owner);
  }
  const ev = (i: number) => ({ domain: 'chain.id', zonefile: zonefiles[i], zonefile_hash: zoneFileHash(zonefiles[i]), parent_zonefile_index: i * 3, txid: `t${i}`, block_height: 500 + i });

  it('in order: every update accepted, transfers followed, bad ones recorded but not accepted', () => {
    const ix = new SubdomainIndexer(openSqlite());
    for (let i = 0; i < zonefiles.length; i++) ix.processZoneFile(ev(i));
    expect(ix.history('alice.chain.id').map((r) => r.accepted)).toEqual(Array(9).fill(1));
    expect(ix.current('alice.chain.id')!.owner).toBe(owners[8]);
    expect(ix.history('bob.chain.id').map((r) => r.accepted)).toEqual([1, 0, 0]);
    expect(ix.history('bob.chain.id')[1].reason).toMatch(/owner address/);
    expect(ix.history('bob.chain.id')[2].reason).toMatch(/does not follow/);
    expect(ix.current('carol.chain.id')!.parts).toBeGreaterThan(1);
    expect(ix.namesOwnedBy(owners[8])).toContain('alice.chain.id');
    const view = recordView(ix.recordsByTxid('t0')[0]);
    expect(view).toMatchObject({ accepted: 1, fully_qualified_subdomain: 'alice.chain.id', signature: 'None', sequence: 0, missing: '' });
    const l = lookupSubdomain(ix, 'alice.chain.id');
    expect(l.status).toBe(200);
    expect(lookupSubdomain(ix, 'nobody.chain.id').status).toBe(404);
  });

  it('any arrival order (Atlas filling gaps) gives the same state as the in-order replay', () => {
    const ref = new SubdomainIndexer(openSqlite());
    for (let i = 0; i < zonefiles.length; i++) ref.processZoneFile(ev(i));
    const snapshot = (ix: SubdomainIndexer) => ['alice', 'bob', 'carol'].map((n) => ix.history(`${n}.chain.id`).map((r) => [r.sequence, r.accepted, r.owner]));
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 25; trial++) {
      const order = [...zonefiles.keys()].sort(() => rnd() - 0.5);
      const ix = new SubdomainIndexer(openSqlite());
      for (const i of order) ix.processZoneFile(ev(i));
      expect(snapshot(ix)).toEqual(snapshot(ref));
    }
  });

  it('a subdomain of a domain with a resolver redirects when unknown', () => {
    const ix = new SubdomainIndexer(openSqlite());
    const d = V.real.find((x: any) => x.resolver);
    ix.processZoneFile({ domain: d.domain, zonefile: d.domain_zonefile, zonefile_hash: d.domain_zonefile_hash, parent_zonefile_index: 0, txid: 't', block_height: 1 });
    const l = lookupSubdomain(ix, `unknown.${d.domain}`);
    expect(l).toMatchObject({ status: 301, location: `${d.resolver}/v1/names/unknown.${d.domain}` });
  });
});

describe('Atlas → subdomain indexer wiring', () => {
  it('a domain zone file stored by Atlas makes its subdomains resolvable', async () => {
    const { AtlasNode, connectSubdomains } = await import('../../bindings/routing/index.ts');
    const d = V.real[0];
    const atlas = new AtlasNode({ db: openSqlite(), chain: { lastBlock: () => 1, consensus: () => null } });
    const ix = new SubdomainIndexer(openSqlite());
    connectSubdomains(atlas, ix);
    atlas.addSlots([{ hash: d.domain_zonefile_hash, block_height: 500_000, txid: 'ab'.repeat(32), name: d.domain }]);
    expect(atlas.acceptUploads([new TextEncoder().encode(d.domain_zonefile)])[0].saved).toBe(true);
    const l = lookupSubdomain(ix, d.records[0].fqn);
    expect(l.status).toBe(200);
    expect((l as any).body).toMatchObject({ status: 'registered_subdomain', address: d.records[0].owner, zonefile_hash: d.records[0].zonefile_hash, last_txid: 'ab'.repeat(32) });
  });
});
