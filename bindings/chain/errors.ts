/** @module chain/errors — the one error class of the chain layer (sources, devnet, tx building). */
export class ChainError extends Error {
  readonly code: string;
  readonly exitCode?: number;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ChainError';
    this.code = code;
  }
}
