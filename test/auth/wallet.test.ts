// Wallet at rest: sealed phrase (scrypt + AES-GCM), wrong password, restore, file round trip, devnet identities.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet, readWalletFile, writeWalletFile, seal, openSealed, devnetIdentities, devnetWallet, DEVNET_MNEMONIC } from '../../bindings/wallet/index.ts';
import { sharedJson } from '../helpers/shared.ts';

const V = sharedJson('vectors/storage/app_key_derivation.json');

describe('wallet', () => {
  it('seals and opens; a wrong password fails with E_WALLET_BAD_PASSWORD', () => {
    const box = seal('secret words', 'pw-123456', 1 << 10);
    expect(openSealed(box, 'pw-123456')).toBe('secret words');
    expect(JSON.stringify(box)).not.toContain('secret');
    expect(() => openSealed(box, 'nope')).toThrow(expect.objectContaining({ code: 'E_WALLET_BAD_PASSWORD' }));
  });

  it('restores identities from the vector phrase and survives a file round trip', async () => {
    const w = V.wallets[0];
    const { wallet } = Wallet.create({ mnemonic: w.mnemonic, password: 'pw-123456', identities: ['alice.id', 'bob.id'], scryptN: 1 << 10 });
    expect(wallet.find('alice.id')!.identityAddress).toBe(w.accounts[0].identityAddress);
    expect(wallet.appPrivateKey('bob.id', w.accounts[1].apps[0].appDomain)).toBe(w.accounts[1].apps[0].appPrivateKey);
    const dir = mkdtempSync(join(tmpdir(), 'wallet-'));
    try {
      const path = join(dir, 'w', 'wallet.json');
      await writeWalletFile(path, wallet.file);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8')).not.toContain('abandon');
      const back = Wallet.unlock(await readWalletFile(path), 'pw-123456');
      expect(back.identity('bob.id').keys.dataPrivateKey).toBe(w.accounts[1].dataPrivateKey);
      expect(() => Wallet.unlock(back.file, 'bad')).toThrow(expect.objectContaining({ code: 'E_WALLET_BAD_PASSWORD' }));
      await expect(readWalletFile(join(dir, 'none.json'))).rejects.toMatchObject({ code: 'E_WALLET_MISSING' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('new wallets get a fresh 12-word phrase; identity lookups by name, address, index', () => {
    const a = Wallet.create({ password: 'x', scryptN: 1 << 10 });
    const b = Wallet.create({ password: 'x', scryptN: 1 << 10 });
    expect(a.mnemonic.split(' ')).toHaveLength(12);
    expect(a.mnemonic).not.toBe(b.mnemonic);
    const rec = a.wallet.find(0)!;
    expect(a.wallet.find(rec.identityAddress)).toBe(rec);
    expect(() => a.wallet.identity('nobody.id')).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_NAME' }));
  });

  it('devnet identities are deterministic and match the devnet wallet', () => {
    const ids = devnetIdentities();
    const w = devnetWallet();
    expect(DEVNET_MNEMONIC.split(' ')).toHaveLength(12);
    for (const i of ids) expect(w.find(i.name)!.identityAddress).toBe(i.ownerAddress);
    expect(new Set(ids.map((i) => i.ownerAddress)).size).toBe(ids.length);
  });
});
