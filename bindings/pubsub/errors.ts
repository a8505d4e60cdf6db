/** @module pubsub/errors — PubsubError with a stable `E_…` code and the HTTP-ish status it maps to. */
export type PubsubErrorCode =
  | 'E_BAD_TOPIC' | 'E_BAD_MESSAGE' | 'E_BAD_SIGNATURE' | 'E_UNKNOWN_KEY' | 'E_REPLAY' | 'E_STALE'
  | 'E_BAD_URI' | 'E_NOT_CONNECTED' | 'E_TOO_LARGE' | 'E_BAD_REQUEST';

const STATUS: Record<PubsubErrorCode, number> = {
  E_BAD_TOPIC: 400, E_BAD_MESSAGE: 400, E_BAD_SIGNATURE: 403, E_UNKNOWN_KEY: 403, E_REPLAY: 409, E_STALE: 409,
  E_BAD_URI: 400, E_NOT_CONNECTED: 503, E_TOO_LARGE: 413, E_BAD_REQUEST: 400,
};

export class PubsubError extends Error {
  readonly status: number;
  constructor(readonly code: PubsubErrorCode, message: string) {
    super(message);
    this.name = 'PubsubError';
    this.status = STATUS[code];
  }
}
