/**
 * @module cli/commands/hub — `blockstack hub start --port P --storage DIR`: the Gaia-compatible storage hub
 * alone (disk driver by default, `--driver s3` for S3-compatible storage), on loopback unless --host says
 * otherwise. Prints its URL (or `--json` {url, readUrlPrefix}) once it accepts connections; GAIA_*
 * environment variables override the defaults as in the reference hub.
 */
import type { Command } from 'commander';
import { startHub, S3Driver, configFromEnv, type Driver } from '../../storage/hub/index.ts';
import { CliError } from '../output.ts';
import type { ErrorCode } from '../../base/errors.ts';

interface HubFlags {
  port: string; host: string; storage?: string; serverName?: string; readUrl?: string; whitelist?: string;
  maxSize?: string; pageSize?: string; requireCorrectHubUrl?: boolean; driver: string; s3Bucket?: string;
  s3Endpoint?: string; s3Region?: string; json?: boolean;
}

const fail = (message: string, code: ErrorCode): CliError => new CliError(message, code);

function driverFrom(f: HubFlags): Driver | undefined {
  if (f.driver === 'disk') {
    if (!f.storage) throw fail('--storage DIR is required with the disk driver', 'E_MISSING_STORAGE');
    return undefined;
  }
  if (f.driver !== 's3') throw fail(`--driver must be disk or s3, got ${f.driver}`, 'E_BAD_DRIVER');
  if (!f.s3Bucket) throw fail('--s3-bucket is required with --driver s3', 'E_MISSING_BUCKET');
  const id = process.env.AWS_ACCESS_KEY_ID;
  const secret = process.env.AWS_SECRET_ACCESS_KEY;
  return new S3Driver({
    bucket: f.s3Bucket, endpoint: f.s3Endpoint, region: f.s3Region,
    credentials: id && secret ? { accessKeyId: id, secretAccessKey: secret } : undefined,
  });
}

export function registerHub(program: Command): void {
  const hub = program.command('hub').description('Gaia-compatible storage hub');
  hub
    .command('start')
    .description('start the storage hub and print its URL when ready')
    .option('--port <port>', 'TCP port (0 = any free port)', '3000')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--storage <dir>', 'storage root directory (disk driver)')
    .option('--driver <name>', 'disk | s3', 'disk')
    .option('--s3-bucket <name>', 'S3 bucket (s3 driver; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)')
    .option('--s3-endpoint <url>', 'S3-compatible endpoint URL')
    .option('--s3-region <region>', 'S3 region')
    .option('--server-name <name>', 'server name in the challenge text (default gaia-0)')
    .option('--read-url <url>', 'read URL prefix (default <hub>/read/)')
    .option('--whitelist <addresses>', 'comma-separated addresses allowed to write')
    .option('--max-size <mb>', 'max upload size in megabytes (default 20)')
    .option('--page-size <n>', 'list-files page size (default 100)')
    .option('--require-correct-hub-url', 'reject tokens whose hubUrl is not this hub')
    .option('--json', 'print {"url","readUrlPrefix"} as JSON')
    .action(async (f: HubFlags) => {
      if (!/^\d+$/.test(f.port) || Number(f.port) > 65535) throw fail(`--port must be 0..65535, got ${f.port}`, 'E_BAD_PORT');
      const num = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!(n > 0)) throw fail(`${name} must be a positive number, got ${v}`, 'E_BAD_OPTION');
        return n;
      };
      const env = configFromEnv(process.env);
      const running = await startHub({
        ...env,
        port: Number(f.port), host: f.host, storageDir: f.storage, driver: driverFrom(f),
        ...(f.serverName ? { serverName: f.serverName } : {}),
        ...(f.readUrl ? { readURL: f.readUrl } : {}),
        ...(f.whitelist ? { whitelist: f.whitelist.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
        ...(f.maxSize ? { maxFileUploadSize: num(f.maxSize, '--max-size') } : {}),
        ...(f.pageSize ? { pageSize: num(f.pageSize, '--page-size') } : {}),
        ...(f.requireCorrectHubUrl ? { requireCorrectHubUrl: true } : {}),
        onServerError: (e) => console.error(`hub: server error: ${(e as Error)?.stack ?? e}`),
      }).catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`cannot start the hub: ${e.message}`, e.code?.startsWith('E_') ? e.code as ErrorCode : 'E_HUB_START_FAILED', 1);
      });
      console.log(f.json ? JSON.stringify({ url: running.url, readUrlPrefix: running.readUrlPrefix }) : running.url);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => undefined);
    });
}
