/**
 * The mail page: send (storage, then the notice: through the node's relay when it offers one — a page
 * cannot speak SMTP — else a mailto: link for the user's own mail program), inbox.
 */
import { $, action, pageSession, val } from '../lib/page.ts';
import { mailtoOf } from '../lib/names.ts';
import { noticeText, readInbox, relayNotice, sendMail } from './lib.ts';

const ctx = pageSession('mail');
if (ctx) {
  const { s, c } = ctx;
  $('send').onclick = action('send-status', async () => {
    const to = val('to');
    const rcpt = await mailtoOf(s.apiUrl, to);
    const e = await sendMail(c, s, to, val('subject'), $<HTMLTextAreaElement>('body').value);
    const a = $<HTMLAnchorElement>('notice');
    const relayed = await relayNotice(s, to);
    if (relayed.sent) { a.hidden = true; return `stored ${e.id} for ${to}; notice sent to ${relayed.to} by the node`; }
    const n = noticeText(s.username);
    a.href = `mailto:${rcpt}?subject=${encodeURIComponent(n.subject)}&body=${encodeURIComponent(n.text)}`;
    a.hidden = false;
    return `stored ${e.id} for ${to}; notify ${rcpt} (${relayed.reason})`;
  });
  $('check').onclick = action('inbox-status', async () => {
    const mails = await readInbox(c, s, val('senders').split(',').map((x) => x.trim()).filter(Boolean));
    $('inbox').replaceChildren(...mails.map((m) => {
      const li = document.createElement('li');
      li.innerHTML = '<b></b> <i></i><br><span></span>';
      li.querySelector('b')!.textContent = `${m.from}: ${m.subject}`;
      li.querySelector('i')!.textContent = m.sentAt;
      li.querySelector('span')!.textContent = m.body;
      return li;
    }));
    return `${mails.length} message(s), verified and decrypted`;
  });
}
