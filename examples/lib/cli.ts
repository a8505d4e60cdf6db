/**
 * @module examples/lib/cli — what the three app CLIs share: `login` (the node's JSON sign-in flow; the
 * session — app private key included — stays in a 0600 file on this machine), session selection
 * (`--as NAME`), the reader's seen-store beside it (rollback/replay refusal survives restarts), and
 * error handling (message on stderr, exit 1; bad usage exit 2).
 * Files: `$BLOCKSTACK_APPS_HOME` (default ~/.blockstack/apps) `/<app>/<name>.json` and `<name>.seen.json`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { JsonFileSeenStore } from '../../bindings/storage/client/seen-store.ts';
import type { StorageClient } from '../../bindings/storage/client/storage-client.ts';
import { signInJson, type Session } from './session.ts';
import { clientOf } from './storage.ts';

export interface Ctx { s: Session; c: StorageClient; json: boolean; out: (human: string, data: unknown) => void }

const home = () => process.env.BLOCKSTACK_APPS_HOME || join(homedir(), '.blockstack', 'apps');

function loadSession(app: string, as?: string): Session {
  const dir = join(home(), app);
  let name = as;
  if (!name) {
    let files: string[] = [];
    try { files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.seen.json')); } catch { /* none */ }
    if (files.length !== 1) throw new Error(files.length ? `several sessions (${files.map((f) => f.slice(0, -5)).join(', ')}): pick one with --as NAME` : `not signed in: run \`login --name NAME\` first`);
    name = files[0].slice(0, -5);
  }
  try { return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Session; } catch { throw new Error(`no session for ${name}: run \`login --name ${name}\` first`); }
}

export function appCli(app: string, describe: string, commands: (program: Command, ctx: (opts: { as?: string; json?: boolean }) => Ctx) => void): Command {
  const program = new Command(app).description(describe).showHelpAfterError();
  program.exitOverride((e) => { process.exit(e.exitCode === 0 ? 0 : 2); });
  program.command('login').description('sign in through the node\'s /auth (JSON flow; the node runs with --auth-approve NAME[,NAME])')
    .option('--node <url>', 'node URL', process.env.BLOCKSTACK_NODE_URL ?? 'http://127.0.0.1:6270')
    .option('--name <name>', 'which approved name to sign in as').option('--json', 'JSON output')
    .action(async (o: { node: string; name?: string; json?: boolean }) => {
      const s = await signInJson(o.node, app, o.name);
      const dir = join(home(), app);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, `${s.username}.json`), JSON.stringify(s, null, 2), { mode: 0o600 });
      const pub = { username: s.username, appDomain: s.appDomain, hubUrl: s.hubUrl, apiUrl: s.apiUrl };
      console.log(o.json ? JSON.stringify(pub) : `signed in to ${s.appDomain} as ${s.username} (storage ${s.hubUrl})`);
    });
  commands(program, (o) => {
    const s = loadSession(app, o.as);
    const c = clientOf(s, new JsonFileSeenStore(join(home(), app, `${s.username}.seen.json`)));
    return { s, c, json: !!o.json, out: (human, data) => console.log(o.json ? JSON.stringify(data) : human) };
  });
  return program;
}

export async function runCli(p: Command): Promise<void> {
  try {
    await p.parseAsync(process.argv);
  } catch (e) {
    const err = e as Error & { code?: string };
    console.error(`error: ${err.message}${err.code && !err.message.includes(err.code) ? ` (${err.code})` : ''}`);
    process.exitCode = 1;
  }
}
