/**
 * @module cli/commands/nameops — commands that build, sign and send real name operations and wait for
 * their confirmations (progress on stderr): register (preorder + register), update, transfer, renew,
 * revoke, namespace-preorder / -reveal / -ready, name-import. Keys: `--from N` (P2PKH account N) or
 * `--from msN` (2-of-3 P2SH multisig account N) of the devnet wallet ($BLOCKSTACK_HOME/devnet/wallet.json),
 * or `--key <hex>` (a P2PKH private key). Chain: the running node's RPC (or --rpc-url); state: its API.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex } from '../../chain/bytes.ts';
import { DEVNET } from '../../chain/devnet/params.ts';
import { type NamespaceParams } from '../../chain/nameops.ts';
import { zoneFileHash } from '../../base/hash.ts';
import { Keyring, p2pkhAccount, type Account } from '../../chain/wallet.ts';
import { homeDir } from '../../node/config.ts';
import { NameOps, type SentOp } from '../../node/ops.ts';
import { apiBase, apiGet, cliError, out, rpcClient, withNodeFlags, withRpcFlags, type NodeFlags } from './_node-io.ts';

interface OpFlags extends NodeFlags { from: string; key?: string; zonefile?: string; mine?: boolean; confirmations?: string; owner?: string }

function account(f: OpFlags): Account {
  if (f.key) {
    if (!/^[0-9a-f]{64}(01)?$/i.test(f.key)) throw cliError('--key must be a 32-byte hex private key', 'E_BAD_KEY');
    return p2pkhAccount(fromHex(f.key.slice(0, 64).toLowerCase()), DEVNET.versions);
  }
  try { return Keyring.open(join(homeDir(), 'devnet', 'wallet.json'), DEVNET.versions).account(f.from); } catch (e) { throw cliError((e as Error).message, 'E_BAD_ACCOUNT'); }
}

function ops(f: OpFlags): NameOps {
  const rpc = rpcClient(f);
  const conf = f.confirmations ? Number(f.confirmations) : DEVNET.confirmations;
  let last = '';
  return new NameOps({
    rpc, versions: DEVNET.versions, fee: DEVNET.fee, dust: DEVNET.dust, confirmations: conf,
    consensusHash: async () => {
      const r = await apiGet(f, '/v1/blockchains/bitcoin/consensus');
      if (!r.body?.consensus_hash) throw cliError('the node has no consensus hash yet (still indexing?)', 'E_NO_CONSENSUS');
      return r.body.consensus_hash;
    },
    nodeHeight: async () => (await apiGet(f, '/v1/info')).body.last_block_processed,
    mine: f.mine ? async () => { await rpc.call('generatetoaddress', [1, Keyring.open(join(homeDir(), 'devnet', 'wallet.json'), DEVNET.versions).p2pkh(0).address]); } : undefined,
    onProgress: (e) => {
      if (f.json) return;
      const line = e.done ? `  ✓ ${e.step}: confirmed (${e.txid})` : `  … ${e.step}: ${e.confirmations}/${e.want} confirmation(s)`;
      if (line !== last) { process.stderr.write(line + '\n'); last = line; }
    },
  });
}

function readZonefile(path: string | undefined): Uint8Array | null {
  if (!path) return null;
  try { return new Uint8Array(readFileSync(path)); } catch (e) { throw cliError(`cannot read zone file ${path}: ${(e as Error).message}`, 'E_BAD_ZONEFILE'); }
}

async function pushZonefile(f: OpFlags, zf: Uint8Array): Promise<boolean> {
  const r = await fetch(apiBase(f) + '/v1/zonefile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zonefile_b64: Buffer.from(zf).toString('base64') }) });
  return r.ok;
}

async function price(f: OpFlags, path: string, pick: (b: any) => any): Promise<bigint> {
  const r = await apiGet(f, path);
  if (r.status !== 200) throw cliError(r.body?.error ?? `cannot price (${r.status})`, 'E_NO_PRICE');
  return BigInt(pick(r.body).amount);
}

/** A confirmed transaction can still be rejected by the naming rules: check the node applied it. */
async function verifyName(f: OpFlags, name: string, txid: string): Promise<void> {
  const r = await apiGet(f, `/v1/names/${encodeURIComponent(name)}`);
  if (r.body?.last_txid !== txid) throw cliError(`transaction ${txid} confirmed, but the node did not accept the operation on ${name} (not the owner, not registered, expired, or not preordered?)`, 'E_OP_REJECTED');
}
async function verifyNamespace(f: OpFlags, ns: string, txid: string): Promise<void> {
  const r = await apiGet(f, `/v1/namespaces/${encodeURIComponent(ns)}`);
  if (r.body?.txid !== txid) throw cliError(`transaction ${txid} confirmed, but the node did not accept the operation on namespace ${ns}`, 'E_OP_REJECTED');
}

const report = (f: OpFlags, what: string, sent: SentOp[], extra: Record<string, unknown> = {}) =>
  out(f, { op: what, txs: sent, ...extra }, `${what}: done in block ${sent.at(-1)?.height} (${sent.map((s) => s.txid).join(', ')})`);

function common(c: Command): Command {
  return withRpcFlags(withNodeFlags(c))
    .option('--from <account>', 'devnet wallet account paying and signing: N (P2PKH) or msN (2-of-3 P2SH multisig)', '1')
    .option('--key <hex>', 'sign with this P2PKH private key instead')
    .option('--confirmations <n>', 'confirmations to wait for')
    .option('--mine', 'mine devnet blocks while waiting (manual mining)');
}

export function registerNameOps(program: Command): void {
  common(program.command('register <name>').description('preorder + register a name (optionally with a zone file)').option('--owner <address>', 'owner (default: the sender)').option('--zonefile <file>', 'zone file whose hash goes on chain'))
    .action(async (name: string, f: OpFlags) => {
      const from = account(f);
      const zf = readZonefile(f.zonefile);
      const o = ops(f);
      const p = await price(f, `/v1/prices/names/${encodeURIComponent(name)}`, (b) => b.name_price);
      const sent = await o.preorderRegister(from, name, f.owner ?? from.address, p, zf ? zoneFileHash(zf) : null);
      await verifyName(f, name, sent[1].txid);
      const stored = zf ? await pushZonefile(f, zf) : undefined;
      report(f, `register ${name}`, sent, { owner: f.owner ?? from.address, price: p.toString(), zonefileStored: stored });
    });
  common(program.command('update <name>').description('set the zone file of a name').requiredOption('--zonefile <file>', 'the new zone file'))
    .action(async (name: string, f: OpFlags) => {
      const zf = readZonefile(f.zonefile)!;
      const sent = await ops(f).update(account(f), name, zoneFileHash(zf));
      await verifyName(f, name, sent.txid);
      report(f, `update ${name}`, [sent], { zonefileHash: zoneFileHash(zf), zonefileStored: await pushZonefile(f, zf) });
    });
  common(program.command('transfer <name> <address>').description('give a name to another address').option('--keep-data', 'keep the zone-file hash'))
    .action(async (name: string, to: string, f: OpFlags & { keepData?: boolean }) => {
      const sent = await ops(f).transfer(account(f), name, to, !!f.keepData);
      await verifyName(f, name, sent.txid);
      report(f, `transfer ${name}`, [sent], { to });
    });
  common(program.command('renew <name>').description('renew a name (pays the name price again)').option('--owner <address>', 'new owner (renew + transfer)'))
    .action(async (name: string, f: OpFlags) => {
      const p = await price(f, `/v1/prices/names/${encodeURIComponent(name)}`, (b) => b.name_price);
      const sent = await ops(f).renew(account(f), name, p, f.owner);
      await verifyName(f, name, sent.txid);
      report(f, `renew ${name}`, [sent]);
    });
  common(program.command('revoke <name>').description('revoke a name (it stays owned until it expires)'))
    .action(async (name: string, f: OpFlags) => {
      const sent = await ops(f).revoke(account(f), name);
      await verifyName(f, name, sent.txid);
      report(f, `revoke ${name}`, [sent]);
    });
  common(program.command('namespace-preorder <ns>').description('preorder a namespace (burns its price)').option('--reveal-address <addr>', 'the address that will reveal it (default: the sender)'))
    .action(async (ns: string, f: OpFlags & { revealAddress?: string }) => {
      const from = account(f);
      const p = await price(f, `/v1/prices/namespaces/${encodeURIComponent(ns)}`, (b) => b);
      report(f, `namespace-preorder ${ns}`, [await ops(f).namespacePreorder(from, ns, f.revealAddress ?? from.address, p)]);
    });
  common(program.command('namespace-reveal <ns>').description('reveal a preordered namespace with its rules')
    .option('--reveal-address <addr>', 'revealer (must match the preorder; default: the sender)')
    .option('--lifetime <blocks>', 'name lifetime in blocks (4294967295 = forever)', String(DEVNET.demoNamespace.lifetime))
    .option('--coeff <n>', 'price coefficient', '250').option('--base <n>', 'price base', '4')
    .option('--buckets <list>', '16 comma-separated exponents by name length', DEVNET.demoNamespace.buckets.join(','))
    .option('--nonalpha-discount <n>', '1..15', '10').option('--novowel-discount <n>', 'no-vowel discount, 1..15', '10')
    .option('--ns-version <n>', '1 burn, 2 pay-to-creator', '1'))
    .action(async (ns: string, f: OpFlags & Record<string, string>) => {
      const from = account(f);
      const params: NamespaceParams = { lifetime: Number(f.lifetime), coeff: Number(f.coeff), base: Number(f.base), buckets: String(f.buckets).split(',').map(Number), nonalphaDiscount: Number(f.nonalphaDiscount), noVowelDiscount: Number(f.novowelDiscount), version: Number(f.nsVersion) };
      const sent = await ops(f).namespaceReveal(from, ns, params, f.revealAddress ?? from.address);
      await verifyNamespace(f, ns, sent.txid);
      report(f, `namespace-reveal ${ns}`, [sent]);
    });
  common(program.command('namespace-ready <ns>').description('launch a revealed namespace (by its revealer)'))
    .action(async (ns: string, f: OpFlags) => {
      const sent = await ops(f).namespaceReady(account(f), ns);
      await verifyNamespace(f, ns, sent.txid);
      report(f, `namespace-ready ${ns}`, [sent]);
    });
  common(program.command('name-import <name> <owner>').description('import a name into a revealed namespace (by its revealer)').requiredOption('--zonefile <file>', 'the zone file'))
    .action(async (name: string, owner: string, f: OpFlags) => {
      const zf = readZonefile(f.zonefile)!;
      const sent = await ops(f).nameImport(account(f), name, owner, zoneFileHash(zf));
      await verifyName(f, name, sent.txid);
      report(f, `name-import ${name}`, [sent], { zonefileStored: await pushZonefile(f, zf) });
    });
}
