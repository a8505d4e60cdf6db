/**
 * @module cli/commands/db — the PostgreSQL scale-out commands: `blockstack api serve --db postgres://…
 * --read-only` (a read-only API process over a writer's database: REST API + Atlas read routes, no indexer)
 * and `blockstack db copy --from sqlite:PATH --to postgres://…` (move an existing index).
 */
import type { Command } from 'commander';
import pino from 'pino';
import { copySqliteToPostgres, DbCopyError } from '../../node/db-copy.ts';
import { ReadOnlyNode } from '../../node/reader.ts';
import { readOnlyCrawl } from '../../crawl/service.ts';
import { isPostgresUrl } from '../../virtualchain/db/postgres.ts';
import { isBrokerUri } from '../../node/config.ts';
import { cliError, out, CliError } from './_node-io.ts';

interface ServeFlags { dnsPort?: string; db?: string; readOnly?: boolean; port?: string; host?: string; json?: boolean; logLevel?: string; pollMs?: string; pubsubBroker?: string }

async function serve(f: ServeFlags): Promise<void> {
  const url = f.db ?? process.env.BLOCKSTACK_DB;
  if (!url || !isPostgresUrl(url)) throw cliError('api serve needs --db postgres://user@host/db (or BLOCKSTACK_DB)', 'E_BAD_DB');
  if (!f.readOnly) throw cliError('api serve runs read-only API processes only: pass --read-only (the writer is `blockstack api start --db …`)', 'E_BAD_FLAGS');
  const port = f.port ?? process.env.PORT ?? '6270';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw cliError(`--port must be 0..65535, got ${port}`, 'E_BAD_PORT');
  if (f.dnsPort !== undefined && (!/^\d+$/.test(f.dnsPort) || Number(f.dnsPort) > 65535)) throw cliError(`--dns-port must be 0..65535, got ${f.dnsPort}`, 'E_BAD_PORT');
  const broker = f.pubsubBroker ?? (process.env.BLOCKSTACK_PUBSUB_BROKER || undefined);
  if (broker !== undefined && !isBrokerUri(broker)) throw cliError(`--pubsub-broker must be nats://, redis:// or mqtt://host:port, got ${broker}`, 'E_BAD_BROKER');
  const log = pino({ level: f.logLevel ?? 'warn', base: { pid: process.pid, role: 'reader' } }, pino.destination(2));
  // people search, app stats and karma from the tables the writer's crawler fills
  const crawl = readOnlyCrawl(url, log);
  const node = await ReadOnlyNode.start({ url, port: Number(port), host: f.host, log, pollMs: f.pollMs ? Number(f.pollMs) : undefined,
    dns: f.dnsPort !== undefined ? { port: Number(f.dnsPort), host: f.host } : undefined, pubsubBroker: broker, mounts: crawl.mounts }).catch(async (e) => { await crawl.close(); throw e; });
  const stop = async () => { await node.stop(); await crawl.close().catch(() => {}); process.exit(0); };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const dns = node.dns ? `${node.dns.host}:${node.dns.port}` : null;
  out(f, { api: node.url, dns, pubsub: `${node.url.replace(/^http/, 'ws')}/pubsub`, height: node.db.state.lastBlock, readOnly: true }, `read-only API ${node.url}${dns ? `, DNS ${dns}` : ''} (block ${node.db.state.lastBlock})`);
}

export function registerDb(program: Command): void {
  const api = program.commands.find((c) => c.name() === 'api') ?? program.command('api').description('the node and its REST API');
  api.command('serve')
    .description('read-only API process over a PostgreSQL name store (no indexer; follows the writer through LISTEN/NOTIFY)')
    .option('--db <url>', 'postgres://user@host/db (default $BLOCKSTACK_DB)')
    .option('--read-only', 'required: this process never writes')
    .option('--port <n>', 'REST API port (default $PORT or 6270; 0 = any)')
    .option('--host <addr>', 'bind address (default 127.0.0.1)')
    .option('--dns-port <n>', 'also serve the names over DNS (UDP+TCP) on this port (0 = any); DoH is always at /dns-query')
    .option('--pubsub-broker <uri>', 'relay /pubsub with the writer and the other readers through nats://, redis:// or mqtt://host:port')
    .option('--poll-ms <n>', 'fallback poll of the tip when no notification arrives (default 5000)')
    .option('--log-level <level>', 'pino level on stderr (default warn)')
    .option('--json', 'print the ready line as JSON')
    .action(serve);

  const db = program.command('db').description('name store maintenance');
  db.command('copy')
    .description('copy a SQLite index (names-*.sqlite, or a node home with its zone files) into PostgreSQL, then verify it')
    .requiredOption('--from <src>', 'sqlite:PATH (file or node home directory)')
    .requiredOption('--to <url>', 'postgres://user@host/db')
    .option('--replace', 'overwrite a target that already holds blocks')
    .option('--json', 'JSON output')
    .action(async (f: { from: string; to: string; replace?: boolean; json?: boolean }) => {
      if (!/^sqlite:/.test(f.from)) throw cliError(`--from must be sqlite:PATH, got ${f.from}`, 'E_BAD_DB');
      try {
        const r = await copySqliteToPostgres(f.from, f.to, { replace: f.replace, onTable: f.json ? undefined : (t, n) => console.error(`  ${t}: ${n} rows`) });
        out(f, r, `copied ${r.blocks} blocks (tip ${r.tip}) in ${r.seconds.toFixed(1)} s; state and consensus hashes verified`);
      } catch (e) {
        if (e instanceof DbCopyError) throw new CliError(e.message, e.code);
        throw e;
      }
    });
}
