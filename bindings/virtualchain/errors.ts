/** @module virtualchain/errors — the virtualchain layer's error type, with a stable string `code`. */
export type VirtualchainErrorCode =
  | 'VC_BAD_HEIGHT' | 'VC_ROLLBACK_RANGE' | 'VC_NO_UNDO' | 'VC_RULES_MISMATCH' | 'VC_CLOSED' | 'VC_CORE'
  | 'VC_STORE_FAILED' | 'VC_ASYNC_STORE' | 'VC_STORE_LOCKED' | 'VC_STORE' | 'VC_SCHEMA_MISMATCH' | 'VC_NETWORK_MISMATCH';

export class VirtualchainError extends Error {
  constructor(readonly code: VirtualchainErrorCode, message: string) {
    super(message);
    this.name = 'VirtualchainError';
  }
}
