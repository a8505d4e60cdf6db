/** `mail` CLI: login, send (storage + SMTP notice), inbox (see lib.ts). */
import { appCli, runCli } from '../lib/cli.ts';
import { mailtoOf } from '../lib/names.ts';
import { readInbox, sendMail } from './lib.ts';
import { sendNotice } from './notify.ts';

const p = appCli('mail', 'mail without PGP between Blockstack names', (program, ctx) => {
  program.command('send <to> <subject> <body>').description('encrypt to TO, store in my outbox for TO, notify their mailto: address over SMTP')
    .option('--as <name>').option('--smtp <url>', 'SMTP relay for the notice', process.env.SMTP_URL ?? 'smtp://127.0.0.1:25')
    .option('--from-address <addr>', 'envelope sender of the notice (default: my own mailto:)').option('--json')
    .action(async (to: string, subject: string, body: string, o: { as?: string; smtp: string; fromAddress?: string; json?: boolean }) => {
      const x = ctx(o);
      const rcpt = await mailtoOf(x.s.apiUrl, to);
      const e = await sendMail(x.c, x.s, to, subject, body);
      const sender = o.fromAddress ?? (await mailtoOf(x.s.apiUrl, x.s.username).catch(() => `no-reply@${x.s.username}`));
      const messageId = await sendNotice(o.smtp, x.s.username, sender, rcpt);
      x.out(`stored ${e.id} for ${to}; notice sent to ${rcpt}`, { ...e, notice: { to: rcpt, messageId } });
    });
  program.command('inbox <senders>').description('read my mail from these names (comma list): verified and decrypted').option('--as <name>').option('--json')
    .action(async (senders: string, o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const mails = await readInbox(x.c, x.s, senders.split(',').map((n) => n.trim()).filter(Boolean));
      x.out(mails.map((m) => `${m.sentAt}  ${m.from}: ${m.subject}\n  ${m.body}`).join('\n') || '(no mail)', mails);
    });
});
await runCli(p);
