/** `filesharing` CLI: login, share, list, get (see lib.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { appCli, runCli } from '../lib/cli.ts';
import { fetchShared, listShared, share } from './lib.ts';

const p = appCli('filesharing', 'encrypted file sharing between Blockstack names', (program, ctx) => {
  program.command('share <to> <file>').description('encrypt FILE for TO (their app key by discovery), sign, upload, list it')
    .option('--as <name>').option('--name-as <path>', 'file name to share under (default: the base name)').option('--json')
    .action(async (to: string, file: string, o: { as?: string; nameAs?: string; json?: boolean }) => {
      const x = ctx(o);
      const e = await share(x.c, x.s, to, o.nameAs ?? basename(file), readFileSync(file));
      x.out(`shared ${e.path} (${e.size} bytes, sha256 ${e.sha256.slice(0, 16)}…) with ${to}`, e);
    });
  program.command('list <from>').description('what FROM shared with me').option('--as <name>').option('--json')
    .action(async (from: string, o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const l = await listShared(x.c, x.s, from);
      x.out(l.map((f) => `${f.path}\t${f.size}\t${f.sharedAt}`).join('\n') || `(nothing from ${from})`, l);
    });
  program.command('get <from> <path>').description('fetch, verify and decrypt; write to --out or stdout').option('--as <name>').option('--out <file>').option('--json')
    .action(async (from: string, path: string, o: { as?: string; out?: string; json?: boolean }) => {
      const x = ctx(o);
      const data = await fetchShared(x.c, x.s, from, path);
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      if (o.out) { writeFileSync(o.out, bytes); x.out(`wrote ${o.out} (${bytes.byteLength} bytes, verified from ${from})`, { path, out: o.out, size: bytes.byteLength }); }
      else if (o.json) x.out('', { path, size: bytes.byteLength, text: new TextDecoder().decode(bytes) });
      else process.stdout.write(bytes);
    });
});
await runCli(p);
