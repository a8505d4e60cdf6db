/** @module pubsub/errors — PubsubError with a stable `E_…` code; its HTTP status comes from base/http-status.ts. */
import { statusOf } from '../base/http-status.ts';
export type PubsubErrorCode =
  | 'E_BAD_TOPIC' | 'E_BAD_MESSAGE' | 'E_BAD_SIGNATURE' | 'E_UNKNOWN_KEY' | 'E_REPLAY' | 'E_STALE'
  | 'E_BAD_URI' | 'E_NOT_CONNECTED' | 'E_TOO_LARGE' | 'E_BAD_REQUEST';

export class PubsubError extends Error {
  readonly status: number;
  constructor(readonly code: PubsubErrorCode, message: string) {
    super(message);
    this.name = 'PubsubError';
    this.status = statusOf(code, 400);
  }
}
