/**
 * @module crawl/gen/chain — puts many names on the devnet cheaply: one namespace (preorder, reveal), then
 * NAME_IMPORTs from the revealer (each spending the previous one's change, so hundreds go into one block;
 * no preorder/register round trips), then namespace ready; the zone files go into the node's store once
 * their hashes are on chain.
 */
import { fromHex } from '../../chain/bytes.ts';
import { DEVNET } from '../../chain/devnet/params.ts';
import { nameImport } from '../../chain/nameops.ts';
import { encodeTx, txid as txidOf } from '../../chain/tx.ts';
import { buildTx, p2pkhAccount, type Utxo } from '../../chain/wallet.ts';
import { zoneFileHash } from '../../base/index.ts';
import { opsFor } from '../../node/demo.ts';
import type { BlockstackNode } from '../../node/node.ts';

export interface ChainUser { name: string; ownerKey: string; zonefile: string }

export async function importUsers(node: BlockstackNode, users: ChainUser[], o: { namespace: string; perBlock?: number; onProgress?: (done: number) => void }): Promise<{ blocks: number }> {
  const dn = node.devnet;
  if (!dn) throw new Error('importUsers needs the embedded devnet');
  const ops = opsFor(node);
  const creator = dn.keyring.p2pkh(7);
  const ns = o.namespace;
  const fee = DEVNET.fee, dust = DEVNET.dust;
  const nsRec = node.view.namespace(ns);
  if (!nsRec) {
    const price = node.view.priceNamespace(ns);
    if (price === null) throw new Error(`no price for namespace ${ns}`);
    await ops.run(`fund ${ns} creator`, dn.miner, [{ value: price + 10n ** 8n + BigInt(users.length) * (fee + 2n * dust + 1000n), script: creator.script }, 'change']);
    await ops.namespacePreorder(creator, ns, creator.address, price);
    await ops.namespaceReveal(creator, ns, { ...DEVNET.demoNamespace }, creator.address);
  } else if (nsRec.ready) throw new Error(`namespace ${ns} is already ready (imports closed)`);

  const rpcCoins: Utxo[] = await ops.deps.rpc.unspent(creator.address, creator.script);
  let coins = rpcCoins;
  let blocks = 0;
  const per = o.perBlock ?? 500;
  for (let k = 0; k < users.length; k += per) {
    for (const u of users.slice(k, k + per)) {
      const owner = p2pkhAccount(fromHex(u.ownerKey), DEVNET.versions);
      const tx = buildTx(creator, coins, nameImport(u.name, owner.script, dust, zoneFileHash(u.zonefile)), fee);
      dn.chain.sendRawTransaction(encodeTx(tx));
      coins = [{ txid: txidOf(tx), vout: 3, value: tx.outs[3].value, script: creator.script }];
    }
    dn.mine(1);
    blocks++;
    await node.waitForHeight(dn.chain.height, 300_000);
    o.onProgress?.(Math.min(k + per, users.length));
  }
  await ops.namespaceReady(creator, ns);
  for (const u of users) node.zonefiles.put(new TextEncoder().encode(u.zonefile));
  return { blocks };
}

/** Updates a name's zone-file hash on chain (NAME_UPDATE from the owner) and stores the new zone file. */
export async function updateUser(node: BlockstackNode, u: ChainUser): Promise<void> {
  const dn = node.devnet!;
  const ops = opsFor(node);
  const owner = p2pkhAccount(fromHex(u.ownerKey), DEVNET.versions);
  const have = await ops.deps.rpc.unspent(owner.address, owner.script);
  if (have.reduce((a, c) => a + c.value, 0n) < 10n ** 6n) await ops.run(`fund ${u.name}`, dn.miner, [{ value: 10n ** 7n, script: owner.script }, 'change']);
  await ops.update(owner, u.name, zoneFileHash(u.zonefile));
  node.zonefiles.put(new TextEncoder().encode(u.zonefile));
}
