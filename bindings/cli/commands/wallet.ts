/**
 * @module cli/commands/wallet — `blockstack setup`: create (or `--restore` from a BIP-39 phrase) the
 * local identity wallet, sealed with a password (scrypt + AES-GCM). `--devnet` writes the documented
 * devnet wallet (password `devnet`) holding the demo names. It also writes the node's config file
 * (`$BLOCKSTACK_HOME/config.json`, defaults for the devnet) unless one exists.
 */
import type { Command } from 'commander';
import { Wallet, writeWalletFile, walletFileExists, DEVNET_MNEMONIC, DEVNET_NAMES, DEVNET_PASSWORD } from '../../wallet/index.ts';
import { homeDir, writeConfig } from '../../node/config.ts';
import { ask, cliError, password, print, walletPath, type WalletFlags } from './_wallet-io.ts';

interface SetupFlags extends WalletFlags {
  restore?: boolean;
  phraseEnv?: string;
  names?: string;
  identities?: string;
  devnet?: boolean;
  force?: boolean;
}

export function registerWallet(program: Command): void {
  program
    .command('setup')
    .description('create (or restore) the identity wallet (BIP-39 phrase sealed with a password) and the node config file')
    .option('--wallet <path>', 'wallet file (default $BLOCKSTACK_WALLET or ~/.blockstack/wallet.json)')
    .option('--restore', 'restore from an existing phrase (read from --phrase-env or a prompt)')
    .option('--phrase-env <var>', 'environment variable holding the phrase to restore')
    .option('--password-env <var>', 'environment variable holding the password (default BLOCKSTACK_PASSWORD)')
    .option('--names <list>', 'comma-separated names owned by identities 0, 1, …')
    .option('--identities <n>', 'number of identities when no names are given', '1')
    .option('--devnet', `the devnet wallet (${DEVNET_NAMES.join(', ')}; password "${DEVNET_PASSWORD}")`)
    .option('--force', 'overwrite an existing wallet file')
    .option('--json', 'JSON output')
    .action(async (flags: SetupFlags) => {
      const path = walletPath(flags);
      if (!flags.force && (await walletFileExists(path))) throw cliError(`a wallet exists at ${path} (use --force to replace it)`, 'E_WALLET_EXISTS');
      let mnemonic: string | undefined;
      let pass: string;
      let names: (string | undefined)[] | number = flags.names ? flags.names.split(',').map((s) => s.trim()).filter(Boolean) : Number(flags.identities ?? 1);
      if (flags.devnet) {
        mnemonic = DEVNET_MNEMONIC;
        pass = DEVNET_PASSWORD;
        names = [...DEVNET_NAMES];
      } else {
        if (flags.restore) mnemonic = (flags.phraseEnv ? process.env[flags.phraseEnv] : undefined) ?? (await ask('BIP-39 phrase: '));
        pass = await password(flags, 'New wallet password: ');
        if (pass.length < 8) throw cliError('choose a password of at least 8 characters', 'E_WEAK_PASSWORD');
      }
      const { wallet, mnemonic: phrase } = Wallet.create({ mnemonic, password: pass, identities: names, scryptN: flags.devnet ? 1 << 12 : undefined });
      await writeWalletFile(path, wallet.file);
      const config = writeConfig(homeDir(process.env), {});
      const ids = wallet.file.identities.map((r) => ({ index: r.index, name: r.name ?? null, identityAddress: r.identityAddress }));
      const shown = flags.restore || flags.devnet ? undefined : phrase;
      print(
        flags,
        { path, config: config.path, identities: ids, mnemonic: shown },
        [
          `wallet written to ${path}`,
          `node config ${config.created ? 'written to' : 'kept at'} ${config.path}`,
          ...ids.map((i) => `  #${i.index} ${i.name ?? '(no name)'} ${i.identityAddress}`),
          ...(shown ? ['', 'Write down your recovery phrase; it is shown only once:', `  ${shown}`] : []),
        ].join('\n'),
      );
    });
}
