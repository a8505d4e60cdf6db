/**
 * @module examples/mail/notify — the plain SMTP notice (Node only; nodemailer): "You've got mail from
 * <name>" to the `mailto:` address in the recipient's zone file, through the sender's SMTP relay
 * (`smtp://host:port`). Never contains the message.
 */
import nodemailer from 'nodemailer';
import { noticeText } from './lib.ts';

export async function sendNotice(smtpUrl: string, from: string, fromAddress: string, toAddress: string): Promise<string> {
  const t = nodemailer.createTransport(smtpUrl);
  const n = noticeText(from);
  const info = await t.sendMail({ from: fromAddress, to: toAddress, subject: n.subject, text: n.text });
  t.close();
  return info.messageId;
}
