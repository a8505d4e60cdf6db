/**
 * @module cli/commands/crawl — people search and the crawler of a running node (REST API):
 * `blockstack search QUERY`, `blockstack crawl run|status|stats DOMAIN|karma NAME`, and
 * `blockstack crawl publish --as NAME --app DOMAIN` (crawl/publish: signed snapshot to NAME's Gaia bucket).
 */
import type { Command } from 'commander';
import { originOfDomain, publishSnapshot } from '../../crawl/publish.ts';
import { apiBase, apiGet, cliError, out, withNodeFlags, type NodeFlags } from './_node-io.ts';
import { hubUrl, openWallet, type WalletFlags } from './_wallet-io.ts';

function check(r: { status: number; body: any }): any {
  if (r.status === 200) return r.body;
  throw cliError(r.body?.error ?? `HTTP ${r.status}`, r.status === 404 ? 'E_NOT_FOUND' : r.status === 400 ? 'E_BAD_INPUT' : 'E_API_ERROR');
}

export function registerCrawl(program: Command): void {
  withNodeFlags(program.command('search <query>').description('people search over crawled profiles (name, display name, description, linked accounts)').option('--limit <n>', 'at most n results (1-100)', '20'))
    .action(async (q: string, f: NodeFlags & { limit: string }) => {
      const body = check(await apiGet(f, `/v1/search?query=${encodeURIComponent(q)}&limit=${encodeURIComponent(f.limit)}`));
      const rows = body.results as { fullyQualifiedName: string; profile: Record<string, any> }[];
      out(f, body, () => rows.length ? rows.map((r) => `${r.fullyQualifiedName.padEnd(24)} ${String(r.profile?.name ?? '').padEnd(28)} ${String(r.profile?.description ?? '').slice(0, 60)}`).join('\n') : '(no match)');
    });
  const crawl = program.command('crawl').description('the node\'s crawler: run a pass, status, app stats, karma, publish a snapshot');
  withNodeFlags(crawl.command('run').description('run a crawl pass now and print its outcome'))
    .action(async (f: NodeFlags) => {
      let r: Response;
      try { r = await fetch(`${apiBase(f)}/v1/crawl/run`, { method: 'POST', signal: AbortSignal.timeout(3600_000) }); } catch (e) { throw cliError(`cannot reach the node API: ${(e as Error).message}`, 'E_NODE_UNREACHABLE'); }
      const body = check({ status: r.status, body: await r.json().catch(() => null) });
      out(f, body, () => `pass ${body.pass}: ${body.seen} names in ${(body.ms / 1000).toFixed(1)} s — ${Object.entries(body.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; removed ${body.removed}`);
    });
  withNodeFlags(crawl.command('status').description('names by crawl status, people indexed, search engine'))
    .action(async (f: NodeFlags) => {
      const b = check(await apiGet(f, '/v1/crawl/status'));
      out(f, b, () => `pass ${b.pass}, ${b.people} people indexed (${b.engine}); names: ${Object.entries(b.names).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    });
  withNodeFlags(crawl.command('stats <domain>').description('users and new users per day of an app'))
    .action(async (d: string, f: NodeFlags) => {
      const b = check(await apiGet(f, `/v1/apps/${encodeURIComponent(d)}/stats`));
      out(f, b, () => [`${b.app}: ${b.users} users, ${b.posts} posts`, ...b.newUsersPerDay.map((x: any) => `  ${x.day}  +${x.users}`)].join('\n'));
    });
  withNodeFlags(crawl.command('karma <name>').description('followers (microblog follow lists) of a name'))
    .action(async (n: string, f: NodeFlags) => {
      const b = check(await apiGet(f, `/v1/names/${encodeURIComponent(n)}/karma`));
      out(f, b, () => `${b.name}: ${b.followers} followers, follows ${b.following}, ${b.posts} posts, apps ${b.apps.join(', ') || '-'}`);
    });
  withNodeFlags(crawl.command('publish').description("sign the node's search snapshot (+ app stats) with NAME's app key for DOMAIN and write it to that Gaia bucket")
    .requiredOption('--as <name>', 'identity of your wallet publishing it (the app developer)')
    .requiredOption('--app <domain>', 'app domain (or origin) whose key signs and whose bucket holds it')
    .option('--hub <url>', 'Gaia hub to write to (default $BLOCKSTACK_HUB_URL or http://127.0.0.1:4000)')
    .option('--wallet <path>', 'wallet file').option('--password-env <var>', 'environment variable holding the wallet password'))
    .action(async (f: NodeFlags & WalletFlags & { as: string; app: string }) => {
      let origin: string;
      try { origin = originOfDomain(f.app); } catch (e) { throw cliError(`--app: ${(e as Error).message}`, 'E_BAD_INPUT'); }
      const { wallet } = await openWallet({ ...f, api: apiBase(f) });
      let key: string;
      try { key = wallet.appPrivateKey(f.as, origin); } catch (e) { throw cliError(`--as ${f.as}: ${(e as Error).message}`, 'E_NOT_FOUND'); }
      const r = await publishSnapshot({ apiUrl: apiBase(f), hubUrl: hubUrl(f), appPrivateKey: key, publisher: f.as, app: origin });
      out(f, { ...r, origin }, () => `published ${r.count} people (${r.bytes} bytes) signed by ${f.as} for ${origin}
  manifest   ${r.manifestUrl}
  app key    ${r.publicKey}
  page       ${apiBase(f)}/crawl/search/?bucket=${encodeURIComponent(r.bucketUrl)}&key=${r.publicKey}`);
    });
}
