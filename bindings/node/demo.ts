/**
 * @module node/demo — what `npm start` shows a newcomer: the namespace `id` (mainnet `id`'s price curve,
 * DEVNET.demoNamespace) and the names alice.id and bob.id (owned by the devnet identities of
 * wallet/devnet.ts), created through real operations on the devnet — fund, namespace preorder / reveal /
 * ready, name preorder / register with a zone file whose hash goes on chain — then the zone files are
 * stored. Idempotent: a second start finds them and does nothing.
 */
import { fromHex } from '../chain/bytes.ts';
import { DEVNET } from '../chain/devnet/params.ts';
import type { Devnet } from '../chain/devnet/devnet.ts';
import { namePreorder, nameRegister } from '../chain/nameops.ts';
import { zoneFileHash } from '../base/hash.ts';
import { RpcClient } from '../chain/rpc-client.ts';
import { p2pkhAccount, type Account } from '../chain/wallet.ts';
import { devnetIdentities } from '../wallet/devnet.ts';
import type { BlockstackNode } from './node.ts';
import { NameOps, type OpsDeps } from './ops.ts';

export const DEMO_NAMES = ['alice.id', 'bob.id'] as const;

export function demoZonefile(name: string, profileUrl: string): Uint8Array {
  return new TextEncoder().encode(`$ORIGIN ${name}\n$TTL 3600\n_http._tcp\tIN\tURI\t10\t1\t"${profileUrl}"\n\n`);
}

/**
 * The demo's app records, added to alice.id's and bob.id's zone files: the node's pubsub as their
 * notification service (`_pubsub` URI) and a devnet mail address (`TXT "mailto:<user>@example.org"`).
 */
export function withAppRecords(zonefile: string, name: string, apiUrl: string): string {
  const ws = `${apiUrl.replace(/^http/, 'ws')}/pubsub`;
  return `${zonefile.replace(/\n*$/, '\n')}_pubsub\tIN\tURI\t10\t1\t"${ws}"\n@\tIN\tTXT\t"mailto:${name.split('.')[0]}@example.org"\n`;
}

export function opsFor(node: BlockstackNode, onProgress?: OpsDeps['onProgress']): NameOps {
  const dn = node.devnet!;
  return new NameOps({
    rpc: new RpcClient({ url: node.rpcUrl!, user: node.cfg.devnet.rpcUser, password: node.cfg.devnet.rpcPassword }),
    versions: DEVNET.versions,
    consensusHash: async () => node.view.consensusAt()!,
    nodeHeight: async () => { node.indexer.poke(); return node.indexer.height; },
    mine: node.cfg.devnet.mining === 'manual' ? async () => { dn.mine(1); } : undefined,
    fee: DEVNET.fee, dust: DEVNET.dust, confirmations: DEVNET.confirmations, onProgress,
  });
}

export interface DemoOwner { name: string; account: Account; profileUrl: string; zonefile: Uint8Array }

/** Owners of the demo names: the devnet identities' keys, as devnet (regtest-version) P2PKH accounts. */
export function demoOwners(profileUrl: (name: string, mainnetAddress: string) => string, zonefiles?: Map<string, string>): DemoOwner[] {
  return devnetIdentities([...DEMO_NAMES]).map((id) => {
    const url = profileUrl(id.name, id.ownerAddress);
    const zf = zonefiles?.get(id.name);
    return { name: id.name, account: p2pkhAccount(fromHex(id.privateKey.slice(0, 64)), DEVNET.versions), profileUrl: url, zonefile: zf ? new TextEncoder().encode(zf) : demoZonefile(id.name, url) };
  });
}

/**
 * `zonefiles` (name → zone-file text, e.g. from the authenticator's publishProfiles on the hub) replaces
 * the default zone files pointing at `profileUrl`.
 */
export async function createDemo(node: BlockstackNode, opts: { profileUrl?: (name: string, mainnetAddress: string) => string; zonefiles?: Map<string, string>; onProgress?: OpsDeps['onProgress'] } = {}): Promise<{ created: boolean; names: string[] }> {
  const dn: Devnet = node.devnet!;
  const view = node.view;
  const profileUrl = opts.profileUrl ?? ((_n: string, a: string) => `${node.apiUrl}/hub/${a}/profile.json`);
  const owners = demoOwners(profileUrl, opts.zonefiles);
  if (owners.every((o) => view.name(o.name))) { storeZonefiles(node, owners); return { created: false, names: owners.map((o) => o.name) }; }
  const ops = opsFor(node, opts.onProgress);
  const creator = dn.keyring.p2pkh(1);
  const ns = DEVNET.demoNamespace;

  await ops.run('fund demo accounts', dn.miner, [
    { value: 10n * 10n ** 8n, script: creator.script },
    ...owners.map((o) => ({ value: 10n ** 8n, script: o.account.script })),
    // spending money for the README's example commands (`--from 2`, `--from 3`, `--from ms1`)
    ...[dn.keyring.p2pkh(2), dn.keyring.p2pkh(3), dn.keyring.multisig(1)].map((a) => ({ value: 5n * 10n ** 8n, script: a.script })),
    'change',
  ]);
  const nsRec = view.namespace(ns.id);
  if (!nsRec) {
    await ops.namespacePreorder(creator, ns.id, creator.address, view.priceNamespace(ns.id)!);
    await ops.namespaceReveal(creator, ns.id, ns, creator.address);
  }
  if (!nsRec || nsRec.ready !== true) await ops.namespaceReady(creator, ns.id);

  const todo = owners.filter((o) => !view.name(o.name));
  const pre = await Promise.all(todo.map(async (o) => ops.submit(o.account, namePreorder(o.name, o.account.script, o.account.address, view.consensusAt()!, view.priceName(o.name)!))));
  await Promise.all(pre.map((txid, i) => ops.wait(`preorder ${todo[i].name}`, txid)));
  const reg = await Promise.all(todo.map((o) => ops.submit(o.account, nameRegisterOutputs(o))));
  await Promise.all(reg.map((txid, i) => ops.wait(`register ${todo[i].name}`, txid)));
  storeZonefiles(node, owners);
  return { created: true, names: owners.map((o) => o.name) };
}

/** Registration with the zone-file hash in the 57-byte payload (epoch 3 OP_REGISTER_UPDATE). */
const nameRegisterOutputs = (o: DemoOwner) => nameRegister(o.name, o.account.script, DEVNET.dust, zoneFileHash(o.zonefile));

function storeZonefiles(node: BlockstackNode, owners: DemoOwner[]): void {
  for (const o of owners) node.zonefiles.put(o.zonefile);
}
