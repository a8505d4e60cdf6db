/**
 * @module api/routes-v1 — the Blockstack Core v1 endpoints (naming.md §4.1-4.5) with their exact JSON
 * shapes and documented error bodies.
 */
import { Hono } from 'hono';
import { badRequest, notFound, ApiError } from './errors.ts';
import type { NameInfo, NameView } from './view.ts';

export const PAGE = 100;
export const HISTORY_PAGE = 20;
const NAME_RE = /^[a-z0-9\-_.+]{1,256}$/;
const NS_RE = /^[a-z0-9\-_]{1,40}$/;
const HASH_RE = /^[0-9a-f]{40}$/;
const td = new TextDecoder('utf-8', { fatal: true });

export const isNameish = (s: string): boolean => NAME_RE.test(s) && s.includes('.') && !s.startsWith('.') && !s.endsWith('.');
export function text(b: Uint8Array): string | null { try { return td.decode(b); } catch { return null; } }

/** A zone file is "standard" if it has an $ORIGIN line or is a JSON (legacy profile) document (naming.md §1.4). */
export function isStandardZonefile(t: string | null): boolean {
  if (t === null) return false;
  if (/^\s*\$ORIGIN\s+\S+/m.test(t)) return true;
  try { JSON.parse(t); return true; } catch { return false; }
}

/** `label.name.ns`: three or more labels (naming.md: "subdomain"). */
export const isSubdomain = (s: string): boolean => isNameish(s) && s.split('.').length >= 3;

/** Largest page number accepted (the offsets stay exact integers). */
export const MAX_PAGE = 10_000_000;

export function parsePage(v: string | undefined, required: boolean): number {
  if (v === undefined) { if (required) throw badRequest('page= argument required'); return 0; }
  if (!/^\d+$/.test(v)) throw badRequest('Invalid page= value');
  // any page past MAX_PAGE is out of range (its row offset would not fit the database's 64-bit OFFSET)
  if (v.length > 9 || Number(v) > MAX_PAGE) throw badRequest('Invalid page= value: out of range');
  return Number(v);
}

export function nameJson(n: NameInfo): Record<string, unknown> {
  return {
    address: n.address, blockchain: 'bitcoin', expire_block: n.expireBlock, grace_period: n.gracePeriod, last_txid: n.lastTxid,
    renewal_deadline: n.renewalDeadline, resolver: null, status: n.status, zonefile: n.zonefile ? text(n.zonefile) : null, zonefile_hash: n.zonefileHash,
  };
}

function lookupName(view: NameView, name: string): NameInfo {
  if (!isNameish(name)) throw badRequest('Invalid name or subdomain');
  const n = view.name(name);
  if (!n) throw new ApiError('E_NAME_AVAILABLE', { status: 'available' });
  if (n.expired) throw notFound(`Name expired: ${name} expired at block ${n.renewalDeadline}`);
  return n;
}

function zonefileReply(bytes: Uint8Array, raw: boolean, name: string, nonStandard: ApiError): Response {
  if (raw) return new Response(bytes as unknown as BodyInit, { status: 200, headers: { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' } });
  const t = text(bytes);
  if (!isStandardZonefile(t)) throw nonStandard;
  return Response.json({ zonefile: t }, { headers: { 'access-control-allow-origin': '*' } });
}

const isRaw = (v: string | undefined): boolean => v !== undefined && v !== '0' && v !== 'false';

export function v1Routes(view: NameView): Hono {
  const app = new Hono();
  const ping = (c: any) => c.json({ status: 'alive', version: view.info().serverVersion });
  app.get('/v1/node/ping', ping);
  app.get('/v1/ping', ping);
  app.get('/v1/info', (c) => {
    const i = view.info();
    const body: Record<string, unknown> = {
      consensus: i.consensus, first_block: i.firstBlock, indexing: i.indexing, last_block_processed: i.lastBlockProcessed,
      last_block_seen: i.lastBlockSeen, server_alive: true, server_version: i.serverVersion, testnet: i.testnet, zonefile_count: i.zonefileCount,
    };
    if (i.lastBlockSeen - i.lastBlockProcessed > 10) Object.assign(body, { stale: true, warning: 'Daemon is behind the chain tip.  Do not rely on it for fresh information.' });
    return c.json(body);
  });

  app.get('/v1/names', (c) => {
    const page = parsePage(c.req.query('page'), true);
    return c.json(view.names(page * PAGE, PAGE, c.req.query('all') === 'true'));
  });
  app.get('/v1/names/:name', (c) => {
    const name = c.req.param('name');
    if (view.subdomains && isSubdomain(name)) {
      const r = view.subdomains.lookup(name);
      return c.json(r.body, r.status, r.location ? { Location: r.location } : {});
    }
    return c.json(nameJson(lookupName(view, name)));
  });
  app.get('/v1/names/:name/zonefile', (c) => {
    const sub = view.subdomains && isSubdomain(c.req.param('name')) ? view.subdomains.lookup(c.req.param('name')) : null;
    if (sub) {
      if (sub.status !== 200 || typeof sub.body.zonefile !== 'string') throw notFound('No zone file for name');
      return c.json({ zonefile: sub.body.zonefile });
    }
    const n = lookupName(view, c.req.param('name'));
    if (!n.zonefile) throw notFound('No zone file for name');
    return zonefileReply(n.zonefile, isRaw(c.req.query('raw')), n.name, badRequest('Non-standard zone file.  Try passing raw=1 to get the raw zone file.'));
  });
  app.get('/v1/names/:name/zonefile/:hash', (c) => {
    const name = c.req.param('name');
    const hash = c.req.param('hash');
    if (!isNameish(name)) throw badRequest('Invalid name or subdomain');
    if (!HASH_RE.test(hash)) throw badRequest('Invalid zone file hash');
    const hashes = view.nameZonefileHashes(name);
    if (!hashes || !hashes.includes(hash)) throw notFound('No such zonefile');
    const bytes = view.zonefile(hash);
    if (!bytes) throw notFound('Blockstack does not have this zonefile.  Try again later.');
    return zonefileReply(bytes, isRaw(c.req.query('raw')), name, new ApiError('E_NO_CONTENT', { error: `Non-standard zone file for ${name}` }));
  });
  app.get('/v1/names/:name/history', (c) => {
    const name = c.req.param('name');
    const pq = c.req.query('page');
    if (pq !== undefined && !/^\d+$/.test(pq)) throw badRequest('Invalid page');
    const page = parsePage(pq, false);
    if (!isNameish(name)) throw badRequest('Invalid name or subdomain');
    const h = view.nameHistory(name);
    if (!h) throw notFound('No such name');
    // newest first pages of 20, shown keyed by block height
    const slice = [...h].reverse().slice(page * HISTORY_PAGE, (page + 1) * HISTORY_PAGE).reverse();
    const out: Record<string, unknown[]> = {};
    for (const e of slice) (out[String(e.block)] ??= []).push(e.entry);
    return c.json(out);
  });

  app.get('/v1/namespaces', (c) => c.json({ namespaces: view.namespaces() }));
  app.get('/v1/namespaces/:ns', (c) => {
    const ns = c.req.param('ns');
    if (!NS_RE.test(ns)) throw badRequest('Invalid namespace');
    const r = view.namespace(ns);
    if (!r) throw notFound('No such namespace');
    return c.json(r);
  });
  app.get('/v1/namespaces/:ns/names', (c) => {
    const ns = c.req.param('ns');
    const page = parsePage(c.req.query('page'), true);
    if (!NS_RE.test(ns)) throw badRequest('Invalid namespace');
    const r = view.namespaceNames(ns, page * PAGE, PAGE);
    if (!r) throw notFound('No such namespace');
    return c.json(r);
  });
  app.get('/v1/namespaces/:ns/name_count', (c) => {
    const r = view.namespaceNames(c.req.param('ns'), 0, Number.MAX_SAFE_INTEGER);
    if (!r) throw notFound('No such namespace');
    return c.json({ names_count: r.length });
  });

  app.get('/v1/addresses/:chain/:addr', (c) => {
    if (c.req.param('chain') !== 'bitcoin') throw notFound('Unsupported blockchain');
    const addr = c.req.param('addr');
    if (!/^[1-9A-HJ-NP-Za-km-z]{26,35}$/.test(addr)) throw badRequest('Invalid address');
    return c.json({ names: view.namesOwnedBy(addr) });
  });

  app.get('/v1/blockchains/bitcoin/consensus', (c) => c.json({ consensus_hash: view.consensusAt() }));
  app.get('/v1/blockchains/bitcoin/consensus/:height', (c) => {
    const h = c.req.param('height');
    if (!/^\d{1,10}$/.test(h)) throw badRequest('Invalid height');
    const ch = view.consensusAt(Number(h));
    if (!ch) throw new ApiError('E_NOT_PROCESSED', { error: `The node has not processed block ${h}` });
    return c.json({ consensus_hash: ch });
  });
  app.get('/v1/blockchains/bitcoin/consensus-block/:hash', (c) => {
    const b = view.blockOfConsensus(c.req.param('hash'));
    if (b === null) throw notFound('No such consensus hash');
    return c.json({ block_height: b });
  });
  app.get('/v1/blockchains/bitcoin/name_count', (c) => c.json({ names_count: view.nameCount() }));
  app.get('/v1/blockchains/bitcoin/subdomains_count', (c) => c.json({ names_count: view.subdomains?.count() ?? 0 }));

  app.get('/v1/subdomains', (c) => c.json(view.subdomains?.list(parsePage(c.req.query('page'), true)) ?? []));
  app.get('/v1/subdomains/:txid', (c) => {
    const txid = c.req.param('txid');
    if (!/^[0-9a-fA-F]{64}$/.test(txid)) throw badRequest('Invalid txid');
    return c.json(view.subdomains?.recordsByTxid(txid.toLowerCase()) ?? []);
  });

  const price = (v2: boolean) => (sat: bigint) => (v2 ? { units: 'BTC', amount: sat.toString() } : { satoshis: Number(sat), units: 'BTC', amount: sat.toString() });
  for (const ver of ['v1', 'v2'] as const) {
    const fmt = price(ver === 'v2');
    app.get(`/${ver}/prices/names/:name`, (c) => {
      const name = c.req.param('name');
      if (!isNameish(name) || name.split('.').length !== 2) throw badRequest('Invalid name');
      const p = view.priceName(name);
      if (p === null) throw badRequest('Invalid name');
      return c.json({ name_price: fmt(p) });
    });
    app.get(`/${ver}/prices/namespaces/:ns`, (c) => {
      const ns = c.req.param('ns');
      if (!/^[a-z0-9\-_]{1,19}$/.test(ns)) throw badRequest('Invalid namespace');
      const p = view.priceNamespace(ns);
      if (p === null) throw badRequest('Invalid namespace');
      return c.json(fmt(p));
    });
  }

  app.get('/v1/zonefiles/:hash', (c) => {
    const hash = c.req.param('hash');
    if (!HASH_RE.test(hash)) throw badRequest('Invalid zone file hash');
    const b = view.zonefile(hash);
    if (!b) throw notFound('Blockstack node does not have this zonefile.  Try again later.');
    return new Response(b as unknown as BodyInit, { headers: { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' } });
  });
  app.post('/v1/zonefile', async (c) => {
    let body: unknown;
    try { body = await c.req.json(); } catch { throw badRequest('Invalid JSON body'); }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Body must be a JSON object with zonefile or zonefile_b64');
    const { zonefile, zonefile_b64: b64 } = body as { zonefile?: unknown; zonefile_b64?: unknown };
    let bytes: Uint8Array | null = null;
    if (typeof zonefile === 'string') bytes = new TextEncoder().encode(zonefile);
    else if (typeof b64 === 'string') {
      let bin: string;
      try { bin = atob(b64); } catch { throw badRequest('zonefile_b64 is not base64'); }
      bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    }
    if (!bytes) throw badRequest('Missing zonefile or zonefile_b64');
    if (!view.putZonefile || !view.putZonefile(bytes)) throw badRequest('Zone file not saved: its hash is not announced on chain, or it is too large');
    return c.json({ status: true, servers: [new URL(c.req.url).origin] });
  });
  return app;
}
