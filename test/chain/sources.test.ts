import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Devnet } from '../../bindings/chain/devnet/devnet.ts';
import { DevnetSource } from '../../bindings/chain/devnet/source.ts';
import { BlkFileSource, readXorKey } from '../../bindings/chain/blkfiles.ts';
import { RpcSource } from '../../bindings/chain/rpc.ts';
import { RpcClient } from '../../bindings/chain/rpc-client.ts';
import { buildTx } from '../../bindings/chain/wallet.ts';
import { encodeTx } from '../../bindings/chain/tx.ts';
import { toHex } from '../../bindings/chain/bytes.ts';
import type { ChainSource } from '../../bindings/chain/source.ts';

const BitcoinCore = createRequire(import.meta.url)('bitcoin-core');
const dirs: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'src-')); dirs.push(d); return d; };

/** A devnet with some history: 101 blocks, a P2PKH→multisig payment, a multisig spend. */
async function makeDevnet(obfuscate: boolean): Promise<{ dn: Devnet; url: string; spend: string }> {
  const dn = new Devnet({ dir: tmp(), mining: 'manual', obfuscate, rpcUser: 'u', rpcPassword: 'p' });
  const url = await dn.start();
  dn.ensureMatureFunds();
  const rpc = new RpcClient({ url, user: 'u', password: 'p' });
  const ms = dn.keyring.multisig(0);
  const coins = await rpc.unspent(dn.miner.address, dn.miner.script);
  expect(coins.length).toBe(1);
  await rpc.sendRawTransaction(toHex(encodeTx(buildTx(dn.miner, coins, [{ value: 2n * 10n ** 8n, script: ms.script }, 'change'], 10_000n))));
  dn.mine(1);
  const msCoins = await rpc.unspent(ms.address, ms.script);
  const spend = await rpc.sendRawTransaction(toHex(encodeTx(buildTx(ms, msCoins, [{ value: 10n ** 8n, script: dn.miner.script }, 'change'], 10_000n))));
  dn.mine(2);
  return { dn, url, spend };
}

async function sameAsDevnet(src: ChainSource, dn: Devnet, spend: string): Promise<void> {
  expect(await src.tipHeight()).toBe(dn.chain.height);
  for (const h of [0, 1, 50, dn.chain.height]) {
    const b = await src.block(h);
    expect(b.hash).toBe(dn.chain.blockAt(h)!.hash);
    expect(toHex(b.raw)).toBe(toHex(dn.chain.blockAt(h)!.raw));
    if (h > 0) expect(b.prevHash).toBe(dn.chain.blockAt(h - 1)!.hash);
  }
  const spendTx = dn.chain.getTx(spend)!.tx;
  const prev = await src.prevOuts(spendTx.ins.map((i) => ({ txid: i.prevTxid, vout: i.vout })));
  expect(prev[0]!.value).toBe(2n * 10n ** 8n);
  expect(toHex(prev[0]!.script)).toBe(toHex(dn.keyring.multisig(0).script));
  expect(await src.prevOuts([{ txid: 'ff'.repeat(32), vout: 0 }])).toEqual([null]);
}

describe('chain sources against the devnet', () => {
  let plain: Awaited<ReturnType<typeof makeDevnet>>;
  let xored: Awaited<ReturnType<typeof makeDevnet>>;
  beforeAll(async () => { plain = await makeDevnet(false); xored = await makeDevnet(true); });
  afterAll(async () => { await plain.dn.stop(); await xored.dn.stop(); dirs.forEach((d) => rmSync(d, { recursive: true, force: true })); });

  it('devnet source', async () => { await sameAsDevnet(new DevnetSource(plain.dn.chain), plain.dn, plain.spend); });

  it('blk*.dat source without obfuscation (xor.dat all zero)', async () => {
    expect(readXorKey(join(plain.dn.opts.dir, 'blocks')).every((b) => b === 0)).toBe(true);
    await sameAsDevnet(new BlkFileSource(join(plain.dn.opts.dir, 'blocks'), 'regtest'), plain.dn, plain.spend);
  });

  it('blk*.dat source with the Core 28 XOR key', async () => {
    const blocks = join(xored.dn.opts.dir, 'blocks');
    expect(readXorKey(blocks).some((b) => b !== 0)).toBe(true);
    // the file really is obfuscated: the regtest magic is not at offset 0
    expect(toHex(readFileSync(join(blocks, 'blk00000.dat')).subarray(0, 4))).not.toBe('fabfb5da');
    await sameAsDevnet(new BlkFileSource(blocks, 'regtest'), xored.dn, xored.spend);
  });

  it('blk*.dat source follows the longest branch after a reorg, by previous hash', async () => {
    xored.dn.chain.reorg(2, xored.dn.miner.script);
    const src = new BlkFileSource(join(xored.dn.opts.dir, 'blocks'), 'regtest');
    expect(await src.tipHeight()).toBe(xored.dn.chain.height);
    expect(await src.blockHash(xored.dn.chain.height)).toBe(xored.dn.chain.tip.hash);
    expect(() => new BlkFileSource(join(xored.dn.opts.dir, 'blocks'), 'main')).toThrow(/magic/);
  });

  it('RPC source against the devnet JSON-RPC, with confirmations and reorg visibility', async () => {
    const src = new RpcSource({ url: plain.url, user: 'u', password: 'p', confirmations: 3 });
    expect(await src.detectNetwork()).toBe('regtest');
    await sameAsDevnet(src, plain.dn, plain.spend);
    expect(await src.confirmedHeight()).toBe(plain.dn.chain.height - 2);
    const before = await src.blockHash(plain.dn.chain.height);
    plain.dn.chain.reorg(1, plain.dn.miner.script);
    expect(await src.blockHash(plain.dn.chain.height - 1)).not.toBe(before);
    expect(await src.blockHash(10_000)).toBe(null);
    const bad = new RpcSource({ url: plain.url, user: 'u', password: 'wrong' });
    await expect(bad.tipHeight()).rejects.toMatchObject({ code: 'E_RPC_AUTH' });
  });

  it('the bitcoin-core npm client talks to the devnet RPC', async () => {
    const { port } = new URL(plain.url);
    const client = new BitcoinCore({ host: `http://127.0.0.1:${port}`, username: 'u', password: 'p' });
    const count = await client.command('getblockcount');
    expect(count).toBe(plain.dn.chain.height);
    const hash = await client.command('getblockhash', count);
    expect(hash).toBe(plain.dn.chain.tip.hash);
    const b = await client.command('getblock', hash, 1);
    expect(b.height).toBe(count);
    expect(b.tx.length).toBe(plain.dn.chain.tip.block.txs.length);
    expect(b.previousblockhash).toBe(plain.dn.chain.blockAt(count - 1)!.hash);
    expect(await client.command('getblock', hash, 0)).toBe(toHex(plain.dn.chain.tip.raw));
    const info = await client.command('getblockchaininfo');
    expect(info.chain).toBe('regtest');
    expect(info.blocks).toBe(count);
    const t = await client.command('getrawtransaction', plain.spend, true);
    expect(t.txid).toBe(plain.spend);
    expect(t.vout[0].scriptPubKey.address).toBe(plain.dn.miner.address);
    const mined = await client.command('generatetoaddress', 2, plain.dn.miner.address);
    expect(mined).toHaveLength(2);
    await expect(client.command('getblockhash', 99999)).rejects.toMatchObject({ code: -8 });
    await expect(client.command('getrawtransaction', '00'.repeat(32))).rejects.toMatchObject({ code: -5 });
    await expect(client.command('sendrawtransaction', 'zz')).rejects.toMatchObject({ code: -22 });
    await expect(client.command('nosuchmethod')).rejects.toMatchObject({ code: -32601 });
    const tx = buildTx(plain.dn.miner, await new RpcClient({ url: plain.url, user: 'u', password: 'p' }).unspent(plain.dn.miner.address, plain.dn.miner.script), [{ value: 1000n, script: plain.dn.miner.script }], 10_000n);
    expect(await client.command('sendrawtransaction', toHex(encodeTx(tx)))).toMatch(/^[0-9a-f]{64}$/);
  });
});
