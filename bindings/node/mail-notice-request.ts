/**
 * @module node/mail-notice-request — the request a mail app sends to a node's notice relay
 * (`POST /v1/mail/notice`, node/mail-notice.ts) and how it is signed: the sender's app key (the one their
 * profile names for `appDomain`) signs the fixed-order JSON `{purpose, from, to, appDomain, timestamp}`
 * (DER ECDSA over SHA-256, low-S, as `.sig` files). Browser-safe: the mail page imports it.
 */
import { signECDSA, verifyECDSA } from '../auth/shared-files.ts';

export interface NoticeRequest { from: string; to: string; appDomain: string; timestamp: number; publicKey: string; signature: string }

export const NOTICE_PURPOSE = 'blockstack-mail-notice';
export const NOTICE_PATH = '/v1/mail/notice';

/** The one text a notice carries (subject and body): never anything of the message. */
export const noticeLine = (from: string) => `You've got mail from ${from}`;

export function noticeSignedText(r: Pick<NoticeRequest, 'from' | 'to' | 'appDomain' | 'timestamp'>): string {
  return JSON.stringify({ purpose: NOTICE_PURPOSE, from: r.from, to: r.to, appDomain: r.appDomain, timestamp: r.timestamp });
}

export function signNoticeRequest(appPrivateKey: string, from: string, to: string, appDomain: string, timestamp = Date.now()): NoticeRequest {
  const { signature, publicKey } = signECDSA(appPrivateKey, noticeSignedText({ from, to, appDomain, timestamp }));
  return { from, to, appDomain, timestamp, publicKey, signature };
}

export const noticeSignatureValid = (r: NoticeRequest): boolean => verifyECDSA(noticeSignedText(r), r.publicKey, r.signature);
