/**
 * @module dns/responder — one DNS query (wire bytes) → one response (wire bytes) or null (dropped),
 * authoritative for the namespaces of a `DnsSource`:
 * - the namespace apex `<ns>` has SOA (serial = block height) and NS; names are records inside it;
 * - `<name>` / `<sub>.<name>` and owners below them answer from that name's current zone file
 *   (dns/zone.ts); CNAME at a queried owner answers any type;
 * - unregistered, expired and revoked names → NXDOMAIN (SOA in authority); a zone file announced on chain
 *   but not replicated yet → SERVFAIL with an EDNS extended error (RFC 8914, code 14 "Not Ready");
 * - every positive answer carries `_bns.<name> TXT` in the additional section (also queryable):
 *   `zonefile_hash=…`, `height=…`, `consensus_hash=…` — the state the answer was derived at;
 * - no recursion (RA=0; names outside our namespaces → REFUSED), ANY → RFC 8482 synthesized HINFO,
 *   AXFR/IXFR → REFUSED, opcodes other than QUERY → NOTIMP, EDNS version > 0 → BADVERS;
 * - over UDP no answer exceeds 512 bytes (or the EDNS size, at most 1232): the additional section goes
 *   first, then the answer is cut with TC=1 so the client retries over TCP;
 * - malformed packets, responses and multi-question packets are dropped / FORMERR'd, never thrown.
 * Encoded responses are cached by query bytes (less the ID) for `cacheMs`; `flush()` drops them.
 */
import { Buffer } from 'node:buffer';
import * as packet from 'dns-packet';
import { zoneRecords, txtChunks, type RR } from './zone.ts';
import type { DnsSource, DnsTip, NameState } from './source.ts';

export type Transport = 'udp' | 'tcp' | 'https';

export interface ResponderOptions {
  /** Name server host in SOA/NS records (default `localhost`). */
  nsName?: string;
  /** SOA RNAME (default `hostmaster.<ns>`). */
  hostmaster?: string;
  /** TTL of synthesized records (SOA, NS, `_bns`) and the negative-caching TTL (default 60). */
  metaTtl?: number;
  /** Response cache lifetime in ms (default 1000; 0 = off). */
  cacheMs?: number;
  cacheSize?: number;
}

/** Printable ASCII, labels of at most 63 bytes, at most 253 in all: a name a reply's question section can carry. */
function wireSafeName(name: string): boolean {
  const n = name.replace(/\.$/, '');
  return /^[\x21-\x7e]*$/.test(n) && n.length <= 253 && n.split('.').every((l) => l.length <= 63);
}

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
const AA = 0x400, TC = 0x200, RD = 0x100;
export const EDE_NOT_READY = 14;
const EDNS_MAX_UDP = 1232;
const te = new TextEncoder();

interface Built { rcode: number; aa: boolean; answers: RR[]; authorities: RR[]; additionals: RR[]; ede?: { code: number; text: string } }

/** URI has no dns-packet codec: it travels as type 256 with raw rdata. */
const wireType = (t: string): string => (t === 'URI' ? 'UNKNOWN_256' : t);
const queryType = (t: string): string => (t === 'UNKNOWN_256' ? 'URI' : t.toUpperCase());

export class DnsResponder {
  private cache = new Map<string, { until: number; buf: Buffer; rcode: number }>();
  private zones = new Map<string, RR[]>();
  readonly opts: Required<ResponderOptions>;
  /** rcode of the last answered query (for metrics); -1 when dropped. */
  lastRcode = -1;

  constructor(readonly source: DnsSource, opts: ResponderOptions = {}) {
    this.opts = { nsName: 'localhost', hostmaster: '', metaTtl: 60, cacheMs: 1000, cacheSize: 10_000, ...opts };
  }

  flush(): void { this.cache.clear(); }

  private key(query: Uint8Array, transport: Transport): string {
    return this.opts.cacheMs > 0 ? transport + Buffer.from(query.buffer, query.byteOffset, query.length).toString('latin1', 2) : '';
  }

  /** The cached answer to `query` (ID rewritten), synchronously, or null when it must be computed. */
  cached(query: Uint8Array, transport: Transport): Buffer | null {
    if (this.opts.cacheMs <= 0 || query.length < 12 || query.length > 65535 || (query[2] & 0x80) !== 0) return null;
    const hit = this.cache.get(this.key(query, transport));
    if (!hit || hit.until <= performance.now()) return null;
    const out = Buffer.from(hit.buf);
    out[0] = query[0]; out[1] = query[1];
    this.lastRcode = hit.rcode;
    return out;
  }

  async respond(query: Uint8Array, transport: Transport): Promise<Buffer | null> {
    this.lastRcode = -1;
    if (query.length < 12 || query.length > 65535 || (query[2] & 0x80) !== 0) return null; // short, huge, or a response
    const hit = this.cached(query, transport);
    if (hit) return hit;
    const key = this.key(query, transport);
    let q: packet.Packet;
    try { q = packet.decode(Buffer.from(query.buffer, query.byteOffset, query.length)); } catch { return null; }
    const r = await this.build(q, transport);
    if (!r) return null;
    if (key && r.rcode !== RCODE.SERVFAIL) {
      if (this.cache.size >= this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { until: performance.now() + this.opts.cacheMs, buf: r.buf, rcode: r.rcode });
    }
    this.lastRcode = r.rcode;
    return r.buf;
  }

  private async build(q: packet.Packet, transport: Transport): Promise<{ buf: Buffer; rcode: number } | null> {
    const opt = (q.additionals ?? []).find((a) => a.type === 'OPT') as (packet.Answer & { udpPayloadSize?: number; ednsVersion?: number }) | undefined;
    const flags = q.flags ?? 0;
    const opcode = (flags >> 11) & 0xf;
    const questions = q.questions ?? [];
    const base = { id: q.id ?? 0, rd: (flags & RD) !== 0, questions, edns: !!opt };
    if (opcode !== 0) return this.encode(base, { rcode: RCODE.NOTIMP, aa: false, answers: [], authorities: [], additionals: [] }, transport, 512);
    if (questions.length !== 1) return this.encode({ ...base, questions: [] }, { rcode: RCODE.FORMERR, aa: false, answers: [], authorities: [], additionals: [] }, transport, 512);
    const udpMax = opt ? Math.min(Math.max(opt.udpPayloadSize ?? 512, 512), EDNS_MAX_UDP) : 512;
    if (opt && (opt.ednsVersion ?? 0) > 0) return this.encode(base, { rcode: 16, aa: false, answers: [], authorities: [], additionals: [] }, transport, udpMax);
    const qq = questions[0];
    if (typeof qq.name !== 'string' || (qq.class !== 'IN' && qq.class !== 'ANY')) {
      return this.encode(base, { rcode: RCODE.REFUSED, aa: false, answers: [], authorities: [], additionals: [] }, transport, udpMax);
    }
    // a name the reply could not carry back (a byte outside printable ASCII in a label: decoded as U+FFFD and
    // re-encoded longer than the label's 63 bytes; found by the fuzz once its generator used the LCG's high bits)
    if (!wireSafeName(qq.name)) return this.encode({ ...base, questions: [] }, { rcode: RCODE.FORMERR, aa: false, answers: [], authorities: [], additionals: [] }, transport, udpMax);
    const built = await this.answer(qq.name.toLowerCase().replace(/\.$/, ''), queryType(String(qq.type)));
    return this.encode(base, built, transport, udpMax);
  }

  /** The records of one question (exported for tests and DoH callers through respond()). */
  async answer(qname: string, qtype: string): Promise<Built> {
    const empty = (rcode: number, aa = true): Built => ({ rcode, aa, answers: [], authorities: [], additionals: [] });
    if (qtype === 'AXFR' || qtype === 'IXFR') return empty(RCODE.REFUSED, false);
    const labels = qname.split('.');
    if (!qname || labels.some((l) => !l)) return empty(RCODE.REFUSED, false);
    const ns = labels[labels.length - 1];
    if (!(await this.source.namespace(ns))) return empty(RCODE.REFUSED, false);
    const tip = await this.source.tip();
    const soa = this.soa(ns, tip);
    const neg = (rcode: number, ede?: Built['ede']): Built => ({ rcode, aa: true, answers: [], authorities: [soa], additionals: [], ede });
    const nodata = (): Built => neg(RCODE.NOERROR);

    if (labels.length === 1) {
      if (qtype === 'SOA') return { ...empty(RCODE.NOERROR), answers: [soa] };
      if (qtype === 'NS') return { ...empty(RCODE.NOERROR), answers: [this.nsRecord(ns)] };
      if (qtype === 'ANY') return { ...empty(RCODE.NOERROR), answers: [this.hinfo(ns)] };
      return nodata();
    }
    // the owner whose zone file answers: a subdomain sub.name.ns when it exists, else the name
    const name = labels.slice(-2).join('.');
    let owner = name;
    let st: NameState = await this.source.name(name);
    if (st.kind !== 'ok') return neg(RCODE.NXDOMAIN);
    if (labels.length >= 3 && this.source.subdomain) {
      const sub = labels.slice(-3).join('.');
      const ss = await this.source.subdomain(sub);
      if (ss.kind === 'ok') { owner = sub; st = ss; }
    }
    if (st.zonefile === null && st.zonefileHash) {
      return neg(RCODE.SERVFAIL, { code: EDE_NOT_READY, text: `zone file ${st.zonefileHash} of ${owner} not replicated yet` });
    }
    const proof = this.proof(owner, st.zonefileHash, tip);
    if (qname === proof.name) {
      if (qtype === 'TXT') return { ...empty(RCODE.NOERROR), answers: [proof] };
      if (qtype === 'ANY') return { ...empty(RCODE.NOERROR), answers: [this.hinfo(qname)] };
      return nodata();
    }
    const records = st.zonefile === null ? [] : this.zone(owner, st.zonefileHash ?? '', st.zonefile);
    const here = records.filter((r) => r.name === qname);
    if (here.length === 0) {
      const exists = qname === owner || records.some((r) => r.name.endsWith('.' + qname));
      return exists ? nodata() : neg(RCODE.NXDOMAIN);
    }
    const cname = here.find((r) => r.type === 'CNAME');
    let answers: RR[];
    if (qtype === 'ANY') answers = [this.hinfo(qname)];
    else if (cname && qtype !== 'CNAME') answers = [cname];
    else answers = here.filter((r) => r.type === qtype);
    if (answers.length === 0) return nodata();
    return { rcode: RCODE.NOERROR, aa: true, answers, authorities: [], additionals: qtype === 'ANY' ? [] : [proof] };
  }

  private zone(owner: string, hash: string, text: string): RR[] {
    const k = owner + '\n' + hash;
    let z = this.zones.get(k);
    if (!z) {
      z = zoneRecords(text, owner);
      if (this.zones.size >= 5000) this.zones.delete(this.zones.keys().next().value!);
      this.zones.set(k, z);
    }
    return z;
  }

  private soa(ns: string, tip: DnsTip): RR {
    const t = this.opts.metaTtl;
    return { name: ns, type: 'SOA', class: 'IN', ttl: t, data: {
      mname: this.opts.nsName, rname: this.opts.hostmaster || `hostmaster.${ns}`, serial: Math.max(0, tip.height) >>> 0,
      refresh: 3600, retry: 600, expire: 86400, minimum: t,
    } };
  }
  private nsRecord(ns: string): RR { return { name: ns, type: 'NS', class: 'IN', ttl: this.opts.metaTtl, data: this.opts.nsName }; }
  /** RFC 8482 §4.2: ANY is answered with one synthesized HINFO "RFC8482" record. */
  private hinfo(name: string): RR { return { name, type: 'HINFO', class: 'IN', ttl: this.opts.metaTtl, data: { cpu: 'RFC8482', os: '' } }; }
  /** `_bns.<owner> TXT`: what a client with a trusted consensus hash checks the answer against. */
  proof(owner: string, zonefileHash: string | null, tip: DnsTip): RR {
    const strings = [`zonefile_hash=${zonefileHash ?? ''}`, `height=${tip.height}`, `consensus_hash=${tip.consensus ?? ''}`];
    return { name: `_bns.${owner}`, type: 'TXT', class: 'IN', ttl: this.opts.metaTtl, data: strings.flatMap(txtChunks) };
  }

  private encode(base: { id: number; rd: boolean; questions: packet.Question[]; edns: boolean }, b: Built, transport: Transport, udpMax: number): { buf: Buffer; rcode: number } {
    const rc = b.rcode & 0xf;
    let flags = rc | (b.aa ? AA : 0) | (base.rd ? RD : 0);
    const opt = base.edns ? [{
      type: 'OPT', name: '.', udpPayloadSize: EDNS_MAX_UDP, extendedRcode: b.rcode >> 4, ednsVersion: 0, flags: 0,
      options: b.ede ? [{ code: 15, data: Buffer.concat([Buffer.from([b.ede.code >> 8, b.ede.code & 0xff]), Buffer.from(te.encode(b.ede.text))]) }] : [],
    }] : [];
    const wire = (rs: RR[]) => rs.map((r) => ({ ...r, type: wireType(r.type) })) as packet.Answer[];
    const mk = (answers: RR[], authorities: RR[], additionals: RR[]): Buffer => packet.encode({
      type: 'response', id: base.id, flags, questions: base.questions,
      answers: wire(answers), authorities: wire(authorities), additionals: [...wire(additionals), ...(opt as packet.Answer[])],
    });
    let buf = mk(b.answers, b.authorities, b.additionals);
    if (transport === 'udp' && buf.length > udpMax) {
      buf = mk(b.answers, b.authorities, []);
      if (buf.length > udpMax) { flags |= TC; buf = mk([], [], []); }
    } else if (buf.length > 65535) {
      flags = (flags & ~0xf) | RCODE.SERVFAIL;
      return { buf: mk([], [], []), rcode: RCODE.SERVFAIL };
    }
    return { buf, rcode: b.rcode };
  }
}
