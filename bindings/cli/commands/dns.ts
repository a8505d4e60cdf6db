/**
 * @module cli/commands/dns — `blockstack dns [--port 5353] [--host 127.0.0.1] [--api URL]`: the DNS gateway
 * (UDP+TCP) in front of a running node's REST API (found like the other node commands: --api,
 * BLOCKSTACK_API_URL or $BLOCKSTACK_HOME/run.json). `blockstack start --dns-port N` runs it inside the node.
 */
import type { Command } from 'commander';
import pino from 'pino';
import { DnsResponder } from '../../dns/responder.ts';
import { httpSource } from '../../dns/http-source.ts';
import { startDnsServer } from '../../dns/server.ts';
import { apiBase, cliError, out } from './_node-io.ts';

interface DnsFlags { port: string; host: string; api?: string; rateLimit: string; nsName: string; json?: boolean }

const uint = (v: string, what: string, max: number): number => {
  if (!/^\d+$/.test(v) || Number(v) > max) throw cliError(`${what} must be 0..${max}, got ${v}`, 'E_BAD_ARG');
  return Number(v);
};

export function registerDns(program: Command): void {
  program.command('dns')
    .description('serve Blockstack names over DNS (UDP+TCP), answering from a running node')
    .option('--port <n>', 'UDP and TCP port', '5353')
    .option('--host <addr>', 'bind address', '127.0.0.1')
    .option('--api <url>', 'node REST API (default: the running node in $BLOCKSTACK_HOME)')
    .option('--rate-limit <n>', 'queries per second per source address (0 = unlimited)', '200')
    .option('--ns-name <host>', 'name server host in SOA/NS answers', 'localhost')
    .option('--json', 'print the ready line as JSON')
    .action(async (f: DnsFlags) => {
      const port = uint(f.port, '--port', 65535);
      const rateLimit = uint(f.rateLimit, '--rate-limit', 1e9);
      const api = apiBase({ api: f.api });
      const log = pino({ level: 'warn' }, pino.destination(2));
      const responder = new DnsResponder(httpSource(api), { nsName: f.nsName });
      let srv;
      try { srv = await startDnsServer(responder, { port, host: f.host, rateLimit, log }); } catch (e) {
        throw cliError(`cannot listen on ${f.host}:${port}: ${(e as Error).message}`, 'E_LISTEN_FAILED');
      }
      out(f, { dns: `${srv.host}:${srv.port}`, api }, `DNS gateway on ${srv.host}:${srv.port} (udp+tcp), answering from ${api}\n  try: dig @${srv.host} -p ${srv.port} alice.id TXT`);
      const stop = async () => { await srv.close(); process.exit(0); };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });
}
