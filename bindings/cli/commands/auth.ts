/**
 * @module cli/commands/auth — `blockstack auth` (sign an app in from the terminal), `blockstack apps`
 * (list / revoke / discover / read / send: app grants and multi-user files through key discovery) and
 * `blockstack profile publish`.
 */
import type { Command } from 'commander';
import { checkAuthRequest, discoverAppKey, readSharedFile, sealForUser, putToHub, appOrigin } from '../../auth/index.ts';
import { approveSignIn, publishProfile, revokeApp } from '../../authenticator/index.ts';
import { apiUrl, ask, cliError, hubUrl, openWallet, print, type WalletFlags } from './_wallet-io.ts';

interface AuthFlags extends WalletFlags {
  name?: string;
  yes?: boolean;
}

const common = (c: Command) =>
  c
    .option('--wallet <path>', 'wallet file')
    .option('--password-env <var>', 'environment variable holding the wallet password (default BLOCKSTACK_PASSWORD)')
    .option('--hub <url>', 'Gaia hub URL (default $BLOCKSTACK_HUB_URL or http://127.0.0.1:4000)')
    .option('--api <url>', 'node API URL (default $BLOCKSTACK_API_URL or http://127.0.0.1:6270)')
    .option('--json', 'JSON output');

function requestFrom(arg: string): string {
  if (/^https?:\/\//.test(arg)) {
    const u = new URL(arg.replace('/#/?', '/?'));
    const t = u.searchParams.get('authRequest');
    if (!t) throw cliError('the URL has no authRequest parameter', 'E_AUTH_REQUEST_MISSING');
    return t;
  }
  return arg;
}

export function registerAuth(program: Command): void {
  common(
    program
      .command('auth <authRequest>')
      .description('sign in to an app: check its authRequest (JWT or URL), ask, print the authResponse and redirect URL')
      .option('--name <name>', 'sign in as this name (default: the first identity)')
      .option('--yes', 'approve without asking (scripts)'),
  ).action(async (arg: string, flags: AuthFlags) => {
    const token = requestFrom(arg);
    const check = checkAuthRequest(token);
    if (!check.ok) throw cliError(check.reason, check.code);
    const { wallet, ctx } = await openWallet(flags);
    const who = flags.name ?? wallet.file.identities[0]?.name ?? 0;
    wallet.identity(who);
    const p = check.payload;
    if (!flags.yes) {
      const answer = await ask(`Sign in to ${p.domain_name} as ${who} (scopes: ${p.scopes.join(', ') || 'none'})? [y/N] `);
      if (!/^y(es)?$/i.test(answer)) throw cliError('sign-in declined; nothing issued', 'E_CONSENT_DENIED');
    }
    const r = await approveSignIn(ctx, token, who);
    print(flags, { authResponse: r.authResponse, redirectUrl: r.redirectUrl, grant: r.grant }, r.redirectUrl);
  });

  const apps = program.command('apps').description('apps signed in with your identities; multi-user files');
  common(apps.command('list').description('list app grants').option('--name <name>', 'only this name').option('--all', 'include revoked'))
    .action(async (flags: AuthFlags & { all?: boolean }) => {
      const { readWalletFile } = await import('../../wallet/index.ts');
      const { walletPath } = await import('./_wallet-io.ts');
      const file = await readWalletFile(walletPath(flags));
      const list = file.apps.filter((a) => (!flags.name || a.name === flags.name) && (flags.all || !a.revokedAt));
      print(flags, list, list.map((a) => `${a.name}\t${a.origin}\t${a.appAddress}\t${a.scopes.join(',')}\t${a.revokedAt ? `revoked ${a.revokedAt}` : a.grantedAt}`).join('\n') || '(no apps)');
    });
  common(apps.command('revoke <origin>').description("revoke an app's access (hub revoke-all, profile entry removed)").requiredOption('--name <name>', 'identity'))
    .action(async (origin: string, flags: AuthFlags) => {
      const { ctx } = await openWallet(flags);
      const g = await revokeApp(ctx, flags.name!, appOrigin(origin));
      print(flags, g, `revoked ${g.origin} for ${g.name} (bucket ${g.appAddress})`);
    });
  common(apps.command('discover <name> <origin>').description("a user's bucket URL and app public key for an app (verified)"))
    .action(async (name: string, origin: string, flags: AuthFlags) => {
      const d = await discoverAppKey(name, appOrigin(origin), { apiUrl: apiUrl(flags) });
      const { profile: _p, ...out } = d;
      print(flags, out, `${d.bucketUrl}\t${d.appPublicKey ?? '(no public key)'}`);
    });
  common(
    apps
      .command('send <path> <content>')
      .description('write a file to your app bucket, encrypted to another user (discovered key) and signed')
      .requiredOption('--name <name>', 'your identity')
      .requiredOption('--origin <origin>', 'app origin')
      .requiredOption('--to <name>', 'recipient name'),
  ).action(async (path: string, content: string, flags: AuthFlags & { origin: string; to: string }) => {
    const origin = appOrigin(flags.origin);
    const to = await discoverAppKey(flags.to, origin, { apiUrl: apiUrl(flags) });
    if (!to.appPublicKey) throw cliError(`${flags.to} has no app public key for ${origin}`, 'E_APP_NOT_FOUND');
    const { wallet } = await openWallet(flags);
    const key = wallet.appPrivateKey(flags.name!, origin);
    const url = await putToHub({ hubUrl: hubUrl(flags), privateKey: key }, path, sealForUser(key, to.appPublicKey, content), 'application/json');
    print(flags, { publicURL: url }, url);
  });
  common(
    apps
      .command('read <name> <origin> <path>')
      .description("read another user's file through key discovery; --as decrypts with your app key; signatures verified")
      .option('--as <name>', 'decrypt with this identity’s app key')
      .option('--no-verify', 'skip signature verification'),
  ).action(async (name: string, origin: string, path: string, flags: AuthFlags & { as?: string; verify: boolean }) => {
    const o = appOrigin(origin);
    const decryptKey = flags.as ? (await openWallet(flags)).wallet.appPrivateKey(flags.as, o) : undefined;
    const out = await readSharedFile(name, o, path, { apiUrl: apiUrl(flags), verify: flags.verify, decryptKey });
    const text = typeof out === 'string' ? out : Buffer.from(out).toString('base64');
    print(flags, { content: text }, text);
  });

  const profile = program.command('profile').description('your public profile');
  common(profile.command('publish').description('sign profile.json with the identity key and upload it to the hub').requiredOption('--name <name>', 'identity'))
    .action(async (flags: AuthFlags) => {
      const { ctx } = await openWallet(flags);
      const url = await publishProfile(ctx, flags.name!);
      print(flags, { profileUrl: url }, url);
    });
}
