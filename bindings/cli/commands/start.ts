/**
 * @module cli/commands/start — `blockstack start` (what `npm start` runs): embedded devnet + node + REST
 * API, the demo namespace `id` with alice.id and bob.id created by real operations on first start, then
 * the URLs and example commands. `blockstack api start`: the node and its API on the configured chain
 * (no demo unless --demo). `blockstack config init|show`: the config file in $BLOCKSTACK_HOME.
 * Both honour BLOCKSTACK_HOME, --port and PORT; SIGINT / SIGTERM shut down gracefully.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { configPath, isBrokerUri, isSmtpUrl, loadConfig, parseMining, parsePeers, writeConfig, type NodeConfig } from '../../node/config.ts';
import { createDemo, DEMO_NAMES, withAppRecords } from '../../node/demo.ts';
import { AppsService } from '../../node/apps.ts';
import { MailNoticeService } from '../../node/mail-notice.ts';
import { AuthService, HubService, PubsubService } from '../../node/services.ts';
import { DnsService } from '../../node/dns.ts';
import { BlockstackNode } from '../../node/node.ts';
import { CrawlService } from '../../crawl/service.ts';
import { cliError, out } from './_node-io.ts';

interface StartFlags { db?: string; standby?: boolean; port?: string; host?: string; json?: boolean; demo?: boolean; mining?: string; chain?: string; rpcUrl?: string; blocksDir?: string; workers?: string; verifyBlocks?: boolean; network?: string; atlasPort?: string; atlasPeers?: string; atlas?: boolean; authApprove?: string; dnsPort?: string; crawl?: boolean }
/** Ports of the node's other servers (issue 13): `--hub-port`, `--rpc-port` (devnet), 0 = any free port. */
interface StartFlags { hubPort?: string; rpcPort?: string; pubsubBroker?: string }
/** The mail notice relay (issue 15): `--smtp-url smtp://host:port` turns on POST /v1/mail/notice. */
interface StartFlags { smtpUrl?: string }

function overrides(f: StartFlags): Record<string, unknown> {
  const o: Record<string, any> = { api: {}, chain: { rpc: {} }, devnet: {}, atlas: {}, hub: {} };
  const port = (v: string, flag: string): number => {
    if (!/^\d+$/.test(v) || Number(v) > 65535) throw cliError(`${flag} must be 0..65535 (0 = any free port), got ${v}`, 'E_BAD_PORT');
    return Number(v);
  };
  if (f.port !== undefined) o.api.port = port(f.port, '--port');
  if (f.hubPort !== undefined) o.hub.port = port(f.hubPort, '--hub-port');
  if (f.rpcPort !== undefined) o.devnet.rpcPort = port(f.rpcPort, '--rpc-port');
  if (f.host) o.api.host = f.host;
  if (f.db !== undefined) {
    if (!/^(postgres(ql)?:\/\/|sqlite:)/i.test(f.db)) throw cliError(`--db must be a postgres://user@host/db URL or sqlite:PATH, got ${f.db}`, 'E_BAD_DB');
    o.db = f.db;
  }
  if (f.standby) o.dbStandby = true;
  if (f.pubsubBroker !== undefined) {
    if (!isBrokerUri(f.pubsubBroker)) throw cliError(`--pubsub-broker must be nats://, redis:// or mqtt://host:port, got ${f.pubsubBroker}`, 'E_BAD_BROKER');
    o.pubsub = { broker: f.pubsubBroker };
  }
  if (f.smtpUrl !== undefined) {
    if (!isSmtpUrl(f.smtpUrl)) throw cliError(`--smtp-url must be smtp://host:port or smtps://user:pass@host:port, got ${f.smtpUrl}`, 'E_BAD_SMTP_URL');
    o.mail = { smtpUrl: f.smtpUrl };
  }
  if (f.atlasPort !== undefined) o.atlas.port = port(f.atlasPort, '--atlas-port');
  if (f.atlasPeers !== undefined) {
    try { o.atlas.peers = parsePeers(f.atlasPeers); } catch (e) { throw cliError(`--atlas-peers: ${(e as Error).message}`, 'E_BAD_PEERS'); }
  }
  if (f.atlas === false) o.atlas.enabled = false;
  if (f.dnsPort !== undefined) {
    if (!/^\d+$/.test(f.dnsPort) || Number(f.dnsPort) > 65535) throw cliError(`--dns-port must be 0..65535, got ${f.dnsPort}`, 'E_BAD_PORT');
    o.dns = { port: Number(f.dnsPort) };
  }
  if (f.authApprove !== undefined && !/^[a-z0-9\-_.+]+\.[a-z0-9\-_]+(,[a-z0-9\-_.+]+\.[a-z0-9\-_]+)*$/.test(f.authApprove)) throw cliError(`--auth-approve expects a name like alice.id, got ${f.authApprove}`, 'E_BAD_NAME');
  if (f.mining) o.devnet.mining = parseMining(f.mining);
  if (f.chain) o.chain.source = f.chain;
  if (f.rpcUrl) o.chain.rpc.url = f.rpcUrl;
  if (f.blocksDir) o.chain.blocksDir = f.blocksDir;
  if (f.network) o.chain.network = f.network;
  if (f.workers !== undefined) {
    if (!/^\d+$/.test(f.workers) || Number(f.workers) < 1 || Number(f.workers) > 64) throw cliError(`--workers must be 1..64, got ${f.workers}`, 'E_BAD_WORKERS');
    o.chain.workers = Number(f.workers);
  }
  if (f.verifyBlocks) o.chain.verifyBlocks = true;
  return o;
}

async function runNode(cfg: NodeConfig, flags: StartFlags, demo: boolean): Promise<void> {
  const t0 = Date.now();
  if (!existsSync(configPath(cfg.home))) writeConfig(cfg.home, {});
  // npm start also runs the storage hub (profiles) and the devnet authenticator (sign-in at /auth)
  // (--auth-approve NAME needs them too, even without the demo)
  const hub = (demo || flags.authApprove) && cfg.hub.enabled ? new HubService(cfg) : null;
  if (flags.authApprove && !hub) throw cliError('--auth-approve needs the storage hub (hub.enabled is false)', 'E_BAD_CONFIG');
  const auth = hub ? new AuthService(hub, { autoApprove: flags.authApprove }) : null;
  const services = [...(hub && auth ? [hub, auth] : []), ...(cfg.dns.port !== null ? [new DnsService(cfg)] : []), new PubsubService({ broker: cfg.pubsub.broker }), new AppsService(), ...(cfg.mail.smtpUrl ? [new MailNoticeService({ smtpUrl: cfg.mail.smtpUrl, from: cfg.mail.from, perMinute: cfg.mail.perMinute })] : []), ...(flags.crawl !== false ? [new CrawlService()] : [])];
  const node = await BlockstackNode.start(cfg, {
    progress: !flags.json && process.stderr.isTTY, services,
    onFatal: (e) => { console.error(`fatal: ${e.message}`); void node.stop().finally(() => process.exit(1)); },
  });
  let stopping = false;
  const shutdown = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    if (!flags.json) console.error(`\n${sig}: stopping…`);
    await node.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let demoResult: { created: boolean; names: string[] } | null = null;
  if (demo && node.devnet) {
    const published = auth ? await auth.publishDemoProfiles([...DEMO_NAMES]) : undefined;
    const zonefiles = published && new Map([...published].map(([n, z]) => [n, withAppRecords(z, n, node.apiUrl)]));
    demoResult = await createDemo(node, { zonefiles, onProgress: flags.json ? undefined : (e) => { if (e.done) console.error(`  ✓ ${e.step} (${e.txid?.slice(0, 12)}…)`); } });
  }
  const urls = node.urls;
  const info = { ...urls, home: cfg.home, chain: cfg.chain.source, height: node.indexer.height, demoNames: demoResult?.names ?? [], seconds: (Date.now() - t0) / 1000 };
  out(flags, info, () => [
    '',
    `Blockstack node ready in ${info.seconds.toFixed(1)} s  (home ${cfg.home}, chain ${cfg.chain.source}, block ${info.height})`,
    `  REST API        ${urls.api}`,
    `  Stacks-style    ${urls.api}/stacks/v1/names/alice.id`,
    `  metrics         ${urls.metrics}`,
    ...(urls.bitcoinRpc ? [`  devnet RPC      ${urls.bitcoinRpc}  (user ${cfg.devnet.rpcUser}, password ${cfg.devnet.rpcPassword})`] : []),
    ...Object.entries(urls).filter(([k]) => !['api', 'metrics', 'bitcoinRpc'].includes(k)).map(([k, v]) => `  ${k.padEnd(15)} ${v}`),
    ...(flags.authApprove ? [`  auto-approving loopback JSON sign-ins as ${flags.authApprove}`] : []),
    '',
    ...(demoResult ? [`Demo names (${demoResult.created ? 'created now' : 'from disk'}): ${demoResult.names.join(', ')}`] : []),
    'Try:',
    `  curl ${urls.api}/v1/names/alice.id`,
    '  npx blockstack lookup alice.id',
    '  npx blockstack devnet mine 3',
    '  npx blockstack register carol.id --from 2',
    '',
    'Ctrl-C stops the node; the next start resumes from disk.',
  ].join('\n'));
}

/** The options `start` and `api start` share (one definition): store, pubsub relay, Atlas, crawler, /auth, DNS, mail. */
function serviceOptions(c: Command): Command {
  return c
    .option('--db <url>', 'name store: postgres://user@host/db (one writer) or sqlite:PATH (default: SQLite in $BLOCKSTACK_HOME)')
    .option('--standby', 'PostgreSQL: if another indexer holds the writer lock, wait and take over when it stops')
    .option('--pubsub-broker <uri>', 'relay /pubsub between API processes through nats://host:port, redis://host:port or mqtt://host:port (default: this process only)')
    .option('--atlas-port <n>', 'also serve Atlas XML-RPC on its own port (0 = any; default: only /RPC2 on the API)')
    .option('--atlas-peers <list>', 'Atlas peers to crawl, host:port,host:port')
    .option('--no-atlas', 'do not run Atlas (no zone-file replication, no subdomains)')
    .option('--no-crawl', 'do not run the crawler (no /v1/search, app stats, karma)')
    .option('--auth-approve <name>', 'sign loopback JSON /auth requests in as NAME (or NAME,NAME: pick with &name=) without a prompt (scripts, tests)')
    .option('--dns-port <n>', 'also serve the names over DNS (UDP+TCP) on this port (0 = any)')
    .option('--smtp-url <url>', 'mail notice relay: send "You\'ve got mail from <name>" for signed page requests (POST /v1/mail/notice) through this SMTP server (default: off)');
}

export function registerStart(program: Command): void {
  const startCmd = program
    .command('start')
    .description('start devnet + node + REST API, create the demo names alice.id and bob.id, print the URLs')
    .option('--port <n>', 'REST API port (default $PORT or 6270; 0 = any free port)')
    .option('--hub-port <n>', 'storage hub port (default 4000; 0 = any free port)')
    .option('--rpc-port <n>', 'devnet bitcoin RPC port (default 18443; 0 = any free port)')
    .option('--host <addr>', 'REST API bind address (default 127.0.0.1)')
    .option('--mining <mode>', 'devnet mining: instant | manual | <interval ms>')
    .option('--no-demo', 'do not create the demo namespace and names')
    .option('--json', 'print the ready line as JSON')
    .action(async (f: StartFlags) => runNode(loadConfig(overrides({ ...f, chain: 'devnet' })), f, f.demo !== false));
  serviceOptions(startCmd);

  const api = program.command('api').description('the node and its REST API');
  const apiStart = api.command('start')
    .description('run the node (chain source from config: devnet | rpc | blkfiles) and serve the REST API')
    .option('--port <n>', 'REST API port (default $PORT or 6270; 0 = any free port)')
    .option('--hub-port <n>', 'storage hub port (default 4000; 0 = any free port)')
    .option('--rpc-port <n>', 'devnet bitcoin RPC port (default 18443; 0 = any free port)')
    .option('--host <addr>', 'bind address')
    .option('--chain <source>', 'devnet | rpc | blkfiles')
    .option('--rpc-url <url>', 'bitcoind JSON-RPC URL (chain rpc)')
    .option('--blocks-dir <dir>', 'Bitcoin Core blocks/ directory (chain blkfiles)')
    .option('--workers <n>', 'chain blkfiles: scan threads for the catch-up (default 1; one per core)')
    .option('--verify-blocks', 'chain blkfiles: hash every transaction and check every merkle root (for block files Core did not validate)')
    .option('--network <net>', 'main | test | regtest')
    .option('--mining <mode>', 'devnet mining: instant | manual | <interval ms>')
    .option('--demo', 'create the demo names (devnet only)')
    .option('--json', 'JSON output')
    .action(async (f: StartFlags) => runNode(loadConfig(overrides(f)), f, f.demo === true));
  serviceOptions(apiStart);

  const config = program.command('config').description(`node configuration ($BLOCKSTACK_HOME/config.json)`);
  config.command('init')
    .description('write config.json with the defaults (+ the given flags); keeps an existing file unless --force')
    .option('--port <n>', 'REST API port')
    .option('--chain <source>', 'devnet | rpc | blkfiles')
    .option('--rpc-url <url>', 'bitcoind JSON-RPC URL')
    .option('--blocks-dir <dir>', 'Bitcoin Core blocks/ directory')
    .option('--force', 'overwrite an existing config')
    .option('--json', 'JSON output')
    .action((f: StartFlags & { force?: boolean }) => {
      const cfg = loadConfig(overrides(f), { ...process.env, PORT: undefined });
      const r = writeConfig(cfg.home, { ...cfg }, !!f.force);
      if (!r.created) throw cliError(`${r.path} exists (use --force to overwrite)`, 'E_CONFIG_EXISTS');
      out(f, { path: r.path, config: cfg }, `wrote ${r.path}`);
    });
  config.command('show').description('the effective configuration (file ← environment)').option('--json', 'JSON output')
    .action((f: { json?: boolean }) => { const c = loadConfig(); out({ json: true }, c, ''); void f; });
}
