/**
 * @module api/routes-stacks — the Stacks blockchain API variant of the BNS name endpoints (naming.md §4.2),
 * mounted under `/stacks` (so `/stacks/v1/names/alice.id`): `blockchain: "stacks"`, `address` as a
 * mainnet c32 Stacks address of the owner's hash160, null fields omitted, its own error bodies. Point
 * `@stacks/auth` `lookupProfile({ zoneFileLookupURL: '<api>/stacks/v1/names' })` here.
 */
import { Hono } from 'hono';
import { c32address, STACKS_P2PKH, STACKS_P2SH } from '../base/c32.ts';
import { ApiError, badRequest, notFound } from './errors.ts';
import { PAGE, isNameish, parsePage, text } from './routes-v1.ts';
import type { NameView } from './view.ts';

export const STACKS_PREFIX = '/stacks';

export function stacksRoutes(view: NameView): Hono {
  const app = new Hono();
  app.get('/v1/names', (c) => {
    const q = c.req.query('page');
    if (q !== undefined && !/^\d+$/.test(q)) throw badRequest('Invalid page');
    const page = parsePage(q, false);
    const names = view.names(page * PAGE, PAGE, false);
    if (page > 0 && names.length === 0) throw badRequest('Invalid page');
    return c.json(names);
  });
  app.get('/v1/names/:name', (c) => {
    const name = c.req.param('name');
    if (!isNameish(name)) throw badRequest('Invalid name or subdomain');
    const n = view.name(name);
    if (!n || n.expired) throw new ApiError('E_NAME_NOT_FOUND', { error: `cannot find name ${name}` });
    const hash = Uint8Array.from(n.addressHash.match(/../g) ?? [], (h) => parseInt(h, 16));
    const out: Record<string, unknown> = {
      address: c32address(n.addressType === 'p2sh' ? STACKS_P2SH : STACKS_P2PKH, hash), blockchain: 'stacks',
      expire_block: n.expireBlock, grace_period: n.gracePeriod, last_txid: n.lastTxid, status: n.status,
    };
    if (n.zonefile) out.zonefile = text(n.zonefile);
    if (n.zonefileHash) out.zonefile_hash = n.zonefileHash;
    return c.json(out);
  });
  app.get('/v1/names/:name/subdomains', (c) => {
    const name = c.req.param('name');
    if (!isNameish(name)) throw badRequest('Invalid name or subdomain');
    return c.json(view.subdomains?.namesOfDomain(name) ?? []);
  });
  app.get('/v1/namespaces', (c) => c.json({ namespaces: view.namespaces() }));
  app.get('/v1/namespaces/:ns/names', (c) => {
    const q = c.req.query('page');
    if (q !== undefined && !/^\d+$/.test(q)) throw badRequest('Invalid page');
    const r = view.namespaceNames(c.req.param('ns'), parsePage(q, false) * PAGE, PAGE);
    if (!r) throw notFound('Namespace not found');
    return c.json(r);
  });
  return app;
}
