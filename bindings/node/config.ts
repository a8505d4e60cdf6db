/**
 * @module node/config — node configuration: `$BLOCKSTACK_HOME/config.json` (home defaults to
 * ~/.blockstack; written by `blockstack setup`), then environment variables, then command-line flags
 * (each later layer wins). Defaults run the embedded devnet.
 *
 * | key            | env                         | default                         |
 * | -------------- | --------------------------- | ------------------------------- |
 * | api.port       | PORT, BLOCKSTACK_API_PORT   | 6270                            |
 * | api.host       | BLOCKSTACK_API_HOST         | 127.0.0.1                       |
 * | chain.source   | BLOCKSTACK_CHAIN            | devnet (or rpc, blkfiles)       |
 * | chain.rpc.*    | BLOCKSTACK_RPC_URL/_USER/_PASSWORD, BLOCKSTACK_CONFIRMATIONS | http://127.0.0.1:8332, 6 conf |
 * | chain.blocksDir| BLOCKSTACK_BLOCKS_DIR       | ~/.bitcoin/blocks               |
 * | chain.network  | BLOCKSTACK_NETWORK          | main (rpc: detected)            |
 * | chain.workers  | BLOCKSTACK_SCAN_WORKERS     | 1 (blkfiles: scan threads)      |
 * | chain.verifyBlocks | BLOCKSTACK_VERIFY_BLOCKS | false (blkfiles: hash every tx, check merkle roots) |
 * | devnet.rpcPort | BLOCKSTACK_DEVNET_RPC_PORT  | 18443 (0 = any free port)       |
 * | devnet.mining  | BLOCKSTACK_DEVNET_MINING    | instant (or manual, or ms)      |
 * | devnet.obfuscate | BLOCKSTACK_DEVNET_XOR     | true (Core 28 xor.dat)          |
 * | hub.port       | BLOCKSTACK_HUB_PORT         | 4000 (npm start's storage hub; 0 = any) |
 * | hub.publicUrl  | BLOCKSTACK_HUB_PUBLIC_URL   | where it listens (tokens must claim it) |
 * | hub.serverName | BLOCKSTACK_HUB_SERVER_NAME  | the public URL's host (auth challenge)  |
 * | atlas.port     | BLOCKSTACK_ATLAS_PORT       | null (XML-RPC on the API at /RPC2 only) |
 * | atlas.peers    | BLOCKSTACK_ATLAS_PEERS      | [] (host:port,…)                |
 * | atlas.crawlMs  | BLOCKSTACK_ATLAS_CRAWL_MS   | 5000 devnet-friendly crawl interval |
 * | dns.port       | BLOCKSTACK_DNS_PORT         | null (no DNS gateway; 0 = any free port) |
 * | dns.host       | BLOCKSTACK_DNS_HOST         | 127.0.0.1                       |
 * | dns.rateLimit  | BLOCKSTACK_DNS_RATE_LIMIT   | 200 queries/s per source (0 = off) |
 * | dns.cacheMs    | BLOCKSTACK_DNS_CACHE_MS     | 1000 (response cache; 0 = off)  |
 * | logLevel       | BLOCKSTACK_LOG_LEVEL        | info                            |
 * | db             | BLOCKSTACK_DB               | null = SQLite files in home; `postgres://user@host/db` = PostgreSQL |
 * | dbStandby      | BLOCKSTACK_DB_STANDBY       | false (true: wait for the writer lock instead of failing) |
 * | mail.smtpUrl   | BLOCKSTACK_SMTP_URL         | null (no mail notice relay; `smtp://host:port` turns on POST /v1/mail/notice) |
 * | mail.from      | BLOCKSTACK_MAIL_FROM        | blockstack-node@localhost (the notices' From:) |
 * | mail.perMinute | BLOCKSTACK_MAIL_PER_MINUTE  | 6 notices per sender per minute (2× per recipient) |
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ChainError } from '../chain/errors.ts';

export interface NodeConfig {
  home: string;
  api: { port: number; host: string };
  chain: { source: 'devnet' | 'rpc' | 'blkfiles'; network?: string; rpc: { url: string; user?: string; password?: string; confirmations: number }; blocksDir: string; firstBlock?: number; workers?: number; verifyBlocks?: boolean };
  devnet: { rpcPort: number; rpcUser: string; rpcPassword: string; mining: 'instant' | 'manual' | number; obfuscate: boolean; demo: boolean };
  /**
   * The node's storage hub. `serverName` (default: the public URL's host) goes into its auth challenge;
   * tokens must claim `publicUrl` (default: where it listens) or one of `validHubUrls` as their hubUrl
   * unless `requireCorrectHubUrl` is false.
   */
  hub: { port: number; enabled: boolean; publicUrl?: string; serverName?: string; requireCorrectHubUrl?: boolean; validHubUrls?: string[] };
  /** Atlas: `port` null = XML-RPC only on the API (`/RPC2`); a number (0 = any) = also its own server on `host`. */
  atlas: { enabled: boolean; port: number | null; host: string; peers: string[]; crawlMs: number };
  /** DNS gateway (UDP+TCP, bindings/dns): `port` null = off. `nsName` goes in the namespaces' SOA/NS. */
  dns: { port: number | null; host: string; rateLimit: number; nsName: string; cacheMs: number };
  logLevel: string;
  /** Name store: null = SQLite in `home`; a `postgres://` URL = PostgreSQL (one writer, see docs/postgres.md). */
  db: string | null;
  /** PostgreSQL: when another indexer holds the writer lock, wait and take over (instead of failing). */
  dbStandby: boolean;
  /** `/pubsub` across processes: `broker` = nats://…, redis://… or mqtt://… shared by the writer and every reader (null = this process only). */
  pubsub: { broker: string | null };
  /** The mail notice relay (node/mail-notice.ts): off while `smtpUrl` is null (the default, devnet included). */
  mail: { smtpUrl: string | null; from: string; perMinute: number };
}

export const homeDir = (env: NodeJS.ProcessEnv = process.env): string => env.BLOCKSTACK_HOME || join(homedir(), '.blockstack');
export const configPath = (home: string): string => join(home, 'config.json');

export function defaults(home: string): NodeConfig {
  return {
    home,
    api: { port: 6270, host: '127.0.0.1' },
    chain: { source: 'devnet', rpc: { url: 'http://127.0.0.1:8332', confirmations: 6 }, blocksDir: join(homedir(), '.bitcoin', 'blocks') },
    devnet: { rpcPort: 18443, rpcUser: 'devnet', rpcPassword: 'devnet', mining: 'instant', obfuscate: true, demo: true },
    hub: { port: 4000, enabled: true },
    atlas: { enabled: true, port: null, host: '127.0.0.1', peers: [], crawlMs: 5000 },
    dns: { port: null, host: '127.0.0.1', rateLimit: 200, nsName: 'localhost', cacheMs: 1000 },
    logLevel: 'info',
    db: null,
    dbStandby: false,
    pubsub: { broker: null },
    mail: { smtpUrl: null, from: 'blockstack-node@localhost', perMinute: 6 },
  };
}

function merge<T>(base: T, over: unknown): T {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return (over === undefined ? base : over) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) if (v !== undefined) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out as T;
}

const int = (v: string | undefined, what: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new ChainError('E_BAD_CONFIG', `${what} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return Number(v);
};

export function parseMining(v: string | number | undefined): 'instant' | 'manual' | number | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === 'instant' || v === 'manual') return v;
  const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= 100)) throw new ChainError('E_BAD_CONFIG', `devnet mining must be instant, manual or an interval >= 100 ms, got ${JSON.stringify(v)}`);
  return n;
}

/** `host:port,host:port` → list; a malformed entry is a config error. */
export function parsePeers(v: string): string[] {
  const out = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const p of out) if (!/^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$/.test(p)) throw new ChainError('E_BAD_CONFIG', `Atlas peer must be host:port, got ${JSON.stringify(p)}`);
  return out;
}

export function fromEnv(env: NodeJS.ProcessEnv): unknown {
  return {
    api: { port: int(env.PORT, 'PORT') ?? int(env.BLOCKSTACK_API_PORT, 'BLOCKSTACK_API_PORT'), host: env.BLOCKSTACK_API_HOST },
    chain: {
      source: env.BLOCKSTACK_CHAIN, network: env.BLOCKSTACK_NETWORK, blocksDir: env.BLOCKSTACK_BLOCKS_DIR, workers: int(env.BLOCKSTACK_SCAN_WORKERS, 'BLOCKSTACK_SCAN_WORKERS'), verifyBlocks: env.BLOCKSTACK_VERIFY_BLOCKS === undefined ? undefined : env.BLOCKSTACK_VERIFY_BLOCKS === '1' || env.BLOCKSTACK_VERIFY_BLOCKS === 'true',
      rpc: { url: env.BLOCKSTACK_RPC_URL, user: env.BLOCKSTACK_RPC_USER, password: env.BLOCKSTACK_RPC_PASSWORD, confirmations: int(env.BLOCKSTACK_CONFIRMATIONS, 'BLOCKSTACK_CONFIRMATIONS') },
    },
    devnet: { rpcPort: int(env.BLOCKSTACK_DEVNET_RPC_PORT, 'BLOCKSTACK_DEVNET_RPC_PORT'), mining: parseMining(env.BLOCKSTACK_DEVNET_MINING), obfuscate: env.BLOCKSTACK_DEVNET_XOR === undefined ? undefined : env.BLOCKSTACK_DEVNET_XOR !== '0' },
    hub: { port: int(env.BLOCKSTACK_HUB_PORT, 'BLOCKSTACK_HUB_PORT'), publicUrl: env.BLOCKSTACK_HUB_PUBLIC_URL || undefined, serverName: env.BLOCKSTACK_HUB_SERVER_NAME || undefined },
    atlas: { port: int(env.BLOCKSTACK_ATLAS_PORT, 'BLOCKSTACK_ATLAS_PORT'), peers: env.BLOCKSTACK_ATLAS_PEERS === undefined ? undefined : parsePeers(env.BLOCKSTACK_ATLAS_PEERS), crawlMs: int(env.BLOCKSTACK_ATLAS_CRAWL_MS, 'BLOCKSTACK_ATLAS_CRAWL_MS') },
    dns: { port: int(env.BLOCKSTACK_DNS_PORT, 'BLOCKSTACK_DNS_PORT'), host: env.BLOCKSTACK_DNS_HOST, rateLimit: int(env.BLOCKSTACK_DNS_RATE_LIMIT, 'BLOCKSTACK_DNS_RATE_LIMIT'), cacheMs: int(env.BLOCKSTACK_DNS_CACHE_MS, 'BLOCKSTACK_DNS_CACHE_MS') },
    logLevel: env.BLOCKSTACK_LOG_LEVEL,
    db: env.BLOCKSTACK_DB || undefined,
    dbStandby: env.BLOCKSTACK_DB_STANDBY === undefined ? undefined : env.BLOCKSTACK_DB_STANDBY !== '0',
    pubsub: { broker: env.BLOCKSTACK_PUBSUB_BROKER || undefined },
    mail: { smtpUrl: env.BLOCKSTACK_SMTP_URL || undefined, from: env.BLOCKSTACK_MAIL_FROM || undefined, perMinute: int(env.BLOCKSTACK_MAIL_PER_MINUTE, 'BLOCKSTACK_MAIL_PER_MINUTE') },
  };
}

/** A pubsub broker URI (`--pubsub-broker`): a broker scheme, not a node's ws:// endpoint. */
export const isBrokerUri = (v: unknown): v is string => typeof v === 'string' && /^(nats|redis|rediss|mqtt|mqtts):\/\/[^\s]+$/i.test(v);

/** An SMTP server URL for the mail notice relay (`--smtp-url`). */
export const isSmtpUrl = (v: unknown): v is string => typeof v === 'string' && /^smtps?:\/\/[^\s]+$/i.test(v);

/** Defaults ← config.json ← environment ← `overrides` (flags). */
export function loadConfig(overrides: unknown = {}, env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const home = homeDir(env);
  let file: unknown = {};
  if (existsSync(configPath(home))) {
    try { file = JSON.parse(readFileSync(configPath(home), 'utf8')); } catch (e) { throw new ChainError('E_BAD_CONFIG', `${configPath(home)} is not valid JSON: ${(e as Error).message}`); }
  }
  const cfg = merge(merge(merge(defaults(home), file), fromEnv(env)), overrides);
  cfg.home = home;
  if (!['devnet', 'rpc', 'blkfiles'].includes(cfg.chain.source)) throw new ChainError('E_BAD_CONFIG', `chain.source must be devnet, rpc or blkfiles, got ${JSON.stringify(cfg.chain.source)}`);
  if (cfg.db !== null && (typeof cfg.db !== 'string' || !/^(postgres(ql)?:\/\/|sqlite:)/i.test(cfg.db))) throw new ChainError('E_BAD_CONFIG', `db must be a postgres:// URL or sqlite:PATH, got ${JSON.stringify(cfg.db)}`);
  if (cfg.pubsub.broker !== null && !isBrokerUri(cfg.pubsub.broker)) throw new ChainError('E_BAD_CONFIG', `pubsub.broker must be a nats://, redis:// or mqtt:// URI, got ${JSON.stringify(cfg.pubsub.broker)}`);
  if (cfg.mail.smtpUrl !== null && !isSmtpUrl(cfg.mail.smtpUrl)) throw new ChainError('E_BAD_CONFIG', `mail.smtpUrl must be an smtp:// or smtps:// URL, got ${JSON.stringify(cfg.mail.smtpUrl)}`);
  if (!(cfg.api.port >= 0 && cfg.api.port < 65536)) throw new ChainError('E_BAD_CONFIG', `api.port out of range: ${cfg.api.port}`);
  return cfg;
}

/** `blockstack setup`: writes config.json (keeping an existing one unless `force`). */
export function writeConfig(home: string, cfg: Partial<NodeConfig>, force = false): { path: string; created: boolean } {
  mkdirSync(home, { recursive: true });
  const p = configPath(home);
  if (existsSync(p) && !force) return { path: p, created: false };
  const { home: _h, ...rest } = merge(defaults(home), cfg);
  writeFileSync(p, JSON.stringify(rest, null, 2) + '\n');
  return { path: p, created: true };
}

/** Where a running node says it is (`$BLOCKSTACK_HOME/run.json`), for the CLI's operation commands. */
export interface RunInfo { pid: number; apiUrl: string; rpcUrl: string | null; rpcUser?: string; rpcPassword?: string; startedAt: string }
export const runInfoPath = (home: string): string => join(home, 'run.json');
export function readRunInfo(home: string): RunInfo | null {
  try { return JSON.parse(readFileSync(runInfoPath(home), 'utf8')) as RunInfo; } catch { return null; }
}
