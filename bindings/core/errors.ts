/** @module errors — CoreError and the core's code table (mirrors core-as/errors.ts and ABI.md). */

export const CORE_CODES: Record<number, string> = {
  [-1]: 'E_TRUNCATED',
  [-2]: 'E_VARINT',
  [-3]: 'E_TRAILING',
  [-4]: 'E_COUNT',
  [-5]: 'E_TOO_LARGE',
  [-6]: 'E_BAD_ARG',
  [-7]: 'E_SEGWIT_FLAG',
  [-8]: 'E_NO_TXS',
  [-9]: 'E_EMPTY_WITNESS',
  [-20]: 'E_SECP_FRAMING',
  [-21]: 'E_SECP_PUBKEY',
  [-40]: 'E_VC_NO_MAGIC',
  [-41]: 'E_VC_UNKNOWN_OPCODE',
  [-42]: 'E_VC_BAD_LENGTH',
  [-43]: 'E_VC_BAD_NAME',
  [-44]: 'E_VC_BAD_NAMESPACE',
  [-45]: 'E_VC_BAD_DISPOSITION',
  [-46]: 'E_VC_BAD_VERSION',
  [-47]: 'E_VC_BAD_DISCOUNT',
  [-48]: 'E_VC_BAD_TOKEN',
  [-49]: 'E_VC_NOT_ACTIVE',
  [-50]: 'E_VC_TOO_MANY',
};

const REASONS: Record<string, string> = {
  E_TRUNCATED: 'input ends inside a field',
  E_VARINT: 'non-canonical or oversize varint',
  E_TRAILING: 'trailing bytes after the last transaction',
  E_COUNT: 'count larger than the remaining bytes could hold',
  E_TOO_LARGE: 'input too large',
  E_BAD_ARG: 'argument out of range',
  E_SEGWIT_FLAG: 'segwit marker with a flag other than 1',
  E_NO_TXS: 'block has no transactions',
  E_EMPTY_WITNESS: 'segwit serialization with no witness data',
  E_SECP_FRAMING: 'signature batch record runs past the input',
  E_SECP_PUBKEY: 'not a valid SEC 1 public key',
  E_VC_NO_MAGIC: 'payload does not start with "id" and an opcode',
  E_VC_UNKNOWN_OPCODE: 'unknown name-operation opcode',
  E_VC_BAD_LENGTH: 'payload length not allowed for the opcode in this epoch',
  E_VC_BAD_NAME: 'invalid fully-qualified name',
  E_VC_BAD_NAMESPACE: 'invalid namespace id',
  E_VC_BAD_DISPOSITION: 'transfer disposition byte is not ">" or "~"',
  E_VC_BAD_VERSION: 'namespace version not 1, 2 or 3',
  E_VC_BAD_DISCOUNT: 'namespace discount of 0',
  E_VC_BAD_TOKEN: 'malformed token fields',
  E_VC_NOT_ACTIVE: 'operation not active in this epoch',
  E_VC_TOO_MANY: 'too many items for one call',
  CORE_TRAP: 'the core trapped (a bug in the core)',
};

/** An error reported by the WASM core: `code` is stable, `offset` is the input byte where it was found. */
export class CoreError extends Error {
  readonly code: string;
  readonly offset: number;
  constructor(code: string, offset = -1, what = 'core') {
    super(`${what}: ${REASONS[code] ?? code}${offset >= 0 ? ` at offset ${offset}` : ''} (${code})`);
    this.name = 'CoreError';
    this.code = code;
    this.offset = offset;
  }
  static fromCode(rc: number, offset: number, what?: string): CoreError {
    return new CoreError(CORE_CODES[rc] ?? `E_UNKNOWN_${-rc}`, offset, what);
  }
}
