/**
 * @module cli/commands/names — read commands over the node's REST API: `lookup` (record + zone file),
 * `whois` (record + history summary), `names` (by owner address or namespace), `price` (name or namespace).
 */
import type { Command } from 'commander';
import { apiGet, cliError, out, withNodeFlags, type NodeFlags } from './_node-io.ts';

function fail(status: number, body: any, what: string): never {
  const msg = body?.error ?? (body?.status === 'available' ? `${what} is not registered` : `HTTP ${status}`);
  throw cliError(msg, status === 404 ? 'E_NOT_FOUND' : status === 400 ? 'E_BAD_INPUT' : 'E_API_ERROR');
}

export function registerNames(program: Command): void {
  withNodeFlags(program.command('lookup <name>').description('the name record and its zone file'))
    .action(async (name: string, f: NodeFlags) => {
      const r = await apiGet(f, `/v1/names/${encodeURIComponent(name)}`);
      if (r.status !== 200) fail(r.status, r.body, name);
      out(f, r.body, () => `${name}  ${r.body.status}  owner ${r.body.address}  expires ${r.body.expire_block}\nzone file ${r.body.zonefile_hash ?? '(none)'}\n${r.body.zonefile ?? '(zone file not held)'}`);
    });
  withNodeFlags(program.command('whois <name>').description('owner, expiry, last operation and history'))
    .action(async (name: string, f: NodeFlags) => {
      const r = await apiGet(f, `/v1/names/${encodeURIComponent(name)}`);
      if (r.status !== 200) fail(r.status, r.body, name);
      const h = await apiGet(f, `/v1/names/${encodeURIComponent(name)}/history`);
      const ops = Object.entries((h.body ?? {}) as Record<string, any[]>).flatMap(([b, es]) => es.map((e) => ({ block: Number(b), opcode: e.opcode, txid: e.txid })));
      const v = { name, ...r.body, history: ops };
      out(f, v, () => [`name        ${name}`, `status      ${r.body.status}`, `owner       ${r.body.address}`, `expires     block ${r.body.expire_block} (renew by ${r.body.renewal_deadline})`, `zone file   ${r.body.zonefile_hash ?? '-'}`, `last txid   ${r.body.last_txid}`, 'history:', ...ops.map((o) => `  ${o.block}  ${o.opcode.padEnd(18)} ${o.txid}`)].join('\n'));
    });
  withNodeFlags(program.command('names [address]').description('names owned by an address, or --namespace ns, or all (--page)').option('--namespace <ns>', 'names in a namespace').option('--page <n>', 'page of 100', '0'))
    .action(async (address: string | undefined, f: NodeFlags & { namespace?: string; page: string }) => {
      const path = address ? `/v1/addresses/bitcoin/${encodeURIComponent(address)}` : f.namespace ? `/v1/namespaces/${encodeURIComponent(f.namespace)}/names?page=${f.page}` : `/v1/names?page=${encodeURIComponent(f.page)}`;
      const r = await apiGet(f, path);
      if (r.status !== 200) fail(r.status, r.body, address ?? f.namespace ?? 'names');
      const names: string[] = Array.isArray(r.body) ? r.body : r.body.names;
      out(f, { names }, names.length ? names.join('\n') : '(none)');
    });
  withNodeFlags(program.command('price <nameOrNamespace>').description('registration price of a name (x.ns) or a namespace (ns), in satoshi'))
    .action(async (x: string, f: NodeFlags) => {
      const isName = x.includes('.');
      const r = await apiGet(f, isName ? `/v1/prices/names/${encodeURIComponent(x)}` : `/v1/prices/namespaces/${encodeURIComponent(x)}`);
      if (r.status !== 200) fail(r.status, r.body, x);
      const p = isName ? r.body.name_price : r.body;
      out(f, { [isName ? 'name' : 'namespace']: x, ...p }, `${x}: ${p.amount} satoshi (${p.units})`);
    });
}
