import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DevnetChain } from '../../bindings/chain/devnet/chain.ts';
import { DEVNET } from '../../bindings/chain/devnet/params.ts';
import { Keyring, buildTx } from '../../bindings/chain/wallet.ts';
import { encodeTx, decodeTx, txid } from '../../bindings/chain/tx.ts';
import { blockMerkleRoot, decodeBlock, encodeBlock, headerHash, checkProofOfWork } from '../../bindings/chain/block.ts';
import { fromHex, toHex } from '../../bindings/chain/bytes.ts';
import { verifyP2pkhInput } from '../../bindings/chain/sign.ts';
import { ChainError } from '../../bindings/chain/errors.ts';

const dirs: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'devnet-')); dirs.push(d); return d; };
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const coinsOf = (c: DevnetChain, script: Uint8Array) =>
  [...c.utxo].filter(([, v]) => toHex(v.script) === toHex(script) && (!v.coinbase || c.height - v.height + 1 > 100))
    .map(([k, v]) => ({ txid: k.split(':')[0], vout: Number(k.split(':')[1]), value: v.value, script: v.script }));

describe('devnet chain', () => {
  it('starts from the real regtest genesis block', () => {
    const c = new DevnetChain(tmp());
    const g = c.blockAt(0)!;
    expect(g.hash).toBe(DEVNET.genesisHash);
    expect(g.block.header.merkleRoot).toBe('4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b');
    expect(blockMerkleRoot(g.block.txs)).toBe(g.block.header.merkleRoot);
    expect(toHex(encodeBlock(decodeBlock(g.raw)))).toBe(DEVNET.genesisHex);
    c.close();
  });

  it('mines PoW blocks, matures coinbase, spends P2PKH and P2SH-multisig, persists and reorgs', () => {
    const dir = tmp();
    const c = new DevnetChain(dir, { obfuscate: true });
    const kr = Keyring.open(join(dir, 'wallet.json'), DEVNET.versions);
    const miner = kr.p2pkh(0);
    const ms = kr.multisig(1);
    expect(ms.address.startsWith('2')).toBe(true);
    c.generate(99, miner.script);
    expect(coinsOf(c, miner.script)).toHaveLength(0); // immature
    // premature spend is rejected
    const cb = c.blockAt(1)!;
    const early = buildTx(miner, [{ txid: cb.txids[0], vout: 0, value: 50_0000_0000n, script: miner.script }], [{ value: 1000n, script: ms.script }], 1000n);
    expect(() => c.sendRawTransaction(encodeTx(early))).toThrow(/premature/);
    c.generate(2, miner.script);
    const coins = coinsOf(c, miner.script);
    expect(coins).toHaveLength(1);
    const tx1 = buildTx(miner, coins, [{ value: 10_0000_0000n, script: ms.script }, 'change'], 10_000n);
    // the signature verifies against the sighash
    const sig = tx1.ins[0].script.subarray(1, 1 + tx1.ins[0].script[0]);
    const pub = tx1.ins[0].script.subarray(2 + sig.length);
    expect(verifyP2pkhInput(tx1, 0, miner.script, sig, pub)).toBe(true);
    const id1 = c.sendRawTransaction(encodeTx(tx1));
    expect(id1).toBe(txid(decodeTx(encodeTx(tx1))));
    expect(() => c.sendRawTransaction(encodeTx(tx1))).toThrow(ChainError);
    c.generate(1, miner.script);
    expect(c.getTx(id1)!.height).toBe(102);
    const msCoins = coinsOf(c, ms.script);
    expect(msCoins[0].value).toBe(10_0000_0000n);
    const tx2 = buildTx(ms, msCoins, [{ value: 1_0000_0000n, script: miner.script }, 'change'], 10_000n);
    expect(tx2.ins[0].script[0]).toBe(0); // OP_0 <sig> <sig> <redeem>
    const id2 = c.sendRawTransaction(encodeTx(tx2));
    // double spend in the mempool
    const dbl = buildTx(ms, msCoins, [{ value: 5n * 10n ** 8n, script: miner.script }], 10_000n);
    expect(() => c.sendRawTransaction(encodeTx(dbl))).toThrow(/conflict/);
    c.generate(1, miner.script);
    const tipBefore = c.tip.hash;
    // every block meets its target
    for (let h = 1; h <= c.height; h++) expect(checkProofOfWork(c.blockAt(h)!.hash, c.blockAt(h)!.block.header.bits)).toBe(true);
    c.close();

    // second open resumes from the block files (obfuscated with xor.dat)
    expect(readFileSync(join(dir, 'blocks', 'xor.dat')).some((b) => b !== 0)).toBe(true);
    const c2 = new DevnetChain(dir);
    expect(c2.height).toBe(103);
    expect(c2.tip.hash).toBe(tipBefore);
    expect(c2.getTx(id2)!.height).toBe(103);
    // reorg 2: tx2's block is replaced by a longer branch, tx2 goes back to the mempool
    const r = c2.reorg(2, miner.script);
    expect(r.forkHeight).toBe(101);
    expect(c2.height).toBe(104);
    expect(c2.getTx(id2)!.height).toBe(null);
    expect(c2.mempool.has(id1)).toBe(true);
    expect(headerHash(c2.blockAt(102)!.block.header)).not.toBe(r.dropped[0]);
    c2.close();
    const c3 = new DevnetChain(dir);
    expect(c3.height).toBe(104);
    expect(c3.blockAt(102)!.hash).toBe(r.added[0]);
    c3.close();
  });

  it('rejects garbage transactions with typed errors', () => {
    const c = new DevnetChain(tmp());
    expect(() => c.sendRawTransaction(fromHex('0100'))).toThrow(ChainError);
    c.close();
  });
});
