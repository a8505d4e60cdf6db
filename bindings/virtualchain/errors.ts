/** @module virtualchain/errors — the virtualchain layer's error type, with a stable string `code`. */
export type VirtualchainErrorCode =
  | 'E_VC_BAD_HEIGHT' | 'E_VC_ROLLBACK_RANGE' | 'E_VC_NO_UNDO' | 'E_VC_RULES_MISMATCH' | 'E_VC_CLOSED' | 'E_VC_CORE'
  | 'E_VC_STORE_FAILED' | 'E_VC_ASYNC_STORE' | 'E_VC_STORE_LOCKED' | 'E_VC_STORE' | 'E_VC_SCHEMA_MISMATCH' | 'E_VC_NETWORK_MISMATCH';

export class VirtualchainError extends Error {
  constructor(readonly code: VirtualchainErrorCode, message: string) {
    super(message);
    this.name = 'VirtualchainError';
  }
}
